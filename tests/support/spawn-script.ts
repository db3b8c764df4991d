/**
 * Runs one of the project's entry scripts (src/main.ts, src/cli/main.ts, …) as a child process, the way a
 * user would, and collects what it prints.
 *
 * An entry under src/ runs from the build in dist/ with plain `node`, as `npm start` runs it (vitest's global setup
 * builds dist/ first); anything else runs under the tsx loader. Either way the child is a single node process, so
 * the pid a test signals or kills is the process doing the work.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './articles.js';

export const TSX_LOADER = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** A minimal environment for a child (no .env from the repo, no inherited secrets), plus `extra`. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...extra };
}

export interface ScriptExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ScriptRun {
  child: ChildProcess;
  /** Resolves once the process has exited. */
  exited: Promise<ScriptExit>;
  stdout(): string;
  stderr(): string;
  /** Everything printed so far, both streams in arrival order. */
  output(): string;
}

const running: ChildProcess[] = [];
const cwds: string[] = [];

/**
 * Start `script` (relative to the project root) with `args` and exactly the variables in `env` (see `childEnv`).
 * It runs in a fresh empty folder unless `cwd` is given, so no `.env` is picked up by accident.
 */
export function spawnScript(script: string, options: { args?: string[]; env?: Record<string, string>; cwd?: string } = {}): ScriptRun {
  let cwd = options.cwd;
  if (!cwd) {
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'footnote-script-cwd-'));
    cwds.push(cwd);
  }
  const child = spawn(process.execPath, [...nodeArgs(script), ...(options.args ?? [])], {
    cwd,
    env: childEnv(options.env ?? {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let stdout = '';
  let stderr = '';
  let output = '';
  child.stdout!.on('data', (d) => ((stdout += d), (output += d)));
  child.stderr!.on('data', (d) => ((stderr += d), (output += d)));
  const exited = new Promise<ScriptExit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, stdout: () => stdout, stderr: () => stderr, output: () => output };
}

/** `src/main.ts` → `dist/main.js` with plain node; a script outside src/ through the tsx loader. */
function nodeArgs(script: string): string[] {
  const built = script.replace(/^src\/(.*)\.ts$/, 'dist/$1.js');
  return built !== script ? [path.join(ROOT, built)] : ['--import', TSX_LOADER, path.join(ROOT, script)];
}

/** For `afterAll`: SIGKILL every script still running and remove the folders they ran in. */
export function stopScripts(): void {
  for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of cwds.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
