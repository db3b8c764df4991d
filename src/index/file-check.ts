import fs from 'node:fs';
import { FootnoteError } from '../errors.js';
import { sha256 } from '../hash.js';

/** What the manifest records of one data file of a generation. */
export interface FileEntry {
  name: string;
  bytes: number;
  sha256: string;
  /** Modification time (ns) and inode when the generation was written: unchanged, the checksum is not recomputed. */
  mtimeNs?: string;
  ino?: number;
}

/**
 * A file written within this long before the manifest may have been changed again within the same timestamp tick
 * (filesystems stamp with a coarse clock), so its unchanged mtime proves nothing: it is checksummed. The same rule
 * as git's "racily clean" entries.
 */
const RACY_WINDOW_NS = 100_000_000n;

/** Stamps a data file just written and checksummed, so later opens can trust it while it stays untouched. */
export function stampFile(file: string, bytes: Buffer): FileEntry & { name: '' } {
  const stat = fs.statSync(file, { bigint: true });
  return { name: '', bytes: bytes.length, sha256: sha256(bytes), mtimeNs: stat.mtimeNs.toString(), ino: Number(stat.ino) };
}

/**
 * Throws INDEX_CORRUPT when the file is missing, has another size, or — when its size, mtime or inode changed since
 * it was stamped, or it was stamped racily — its checksum differs. Reading and hashing a 400 MB graph costs seconds,
 * so an untouched file is trusted: a same-size corruption that also keeps the mtime (a bit flip on the disk itself)
 * is not detected here.
 */
export function verifyFile(dir: string, file: string, expected: FileEntry, manifestMtimeNs: bigint | undefined): void {
  let stat: fs.BigIntStats;
  try {
    stat = fs.statSync(file, { bigint: true });
  } catch {
    throw new FootnoteError('INDEX_CORRUPT', { dir, reason: `${expected.name} is missing` });
  }
  if (stat.size !== BigInt(expected.bytes)) {
    throw new FootnoteError('INDEX_CORRUPT', { dir, reason: `${expected.name} has ${stat.size} bytes, expected ${expected.bytes}` });
  }
  if (isUntouched(stat, expected, manifestMtimeNs)) return;
  if (sha256(fs.readFileSync(file)) !== expected.sha256) {
    throw new FootnoteError('INDEX_CORRUPT', { dir, reason: `${expected.name} checksum differs` });
  }
}

function isUntouched(stat: fs.BigIntStats, expected: FileEntry, manifestMtimeNs: bigint | undefined): boolean {
  if (expected.mtimeNs === undefined || expected.ino === undefined || manifestMtimeNs === undefined) return false;
  const mtime = BigInt(expected.mtimeNs);
  if (stat.mtimeNs !== mtime || Number(stat.ino) !== expected.ino) return false;
  return manifestMtimeNs - mtime >= RACY_WINDOW_NS;
}
