/**
 * Names tagged ahead, kept beside the index (`names-ahead.bin`) so that a restart reads them back instead of tagging
 * a large collection again (164 s of a core at 200k sentences). Entries are keyed by the sentence itself (two
 * 32-bit hashes and its length), not by generation, so a rebuild still finds the sentences it kept.
 *
 * Layout, little-endian 32-bit integers: magic, `NAME_TAGGING_VERSION`, entry count, then per entry the two hashes,
 * the length and the packed spans (count first, `names-ahead.ts`); then the sha256 of all that. A file that is
 * short, of another version or whose digest does not match is ignored, and the names are tagged again.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from '../hash.js';
import type { NamesAhead } from './names-ahead.js';

const MAGIC = 0x314e4e46; // "FNN1"
/** Bump when `taggedSpans` or the tagger would give other spans: files of another version are tagged again. */
export const NAME_TAGGING_VERSION = 3;
const DIGEST_BYTES = 32;

/** Two FNV-1a hashes of the sentence's UTF-16 units, and its length: together, no two sentences of a collection share them. */
function sentenceHash(sentence: string): [number, number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ sentence.length;
  for (let i = 0; i < sentence.length; i++) {
    const unit = sentence.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x5bd1e995) ^ (b >>> 15);
  }
  return [a, b, sentence.length];
}

const keyOf = (a: number, b: number, length: number) => `${a >>> 0}:${b >>> 0}:${length}`;

/** The key a sentence's spans are kept under in the file. */
export function sentenceKey(sentence: string): string {
  return keyOf(...sentenceHash(sentence));
}

/** Writes every sentence of `table` to `file`, atomically (a temporary file renamed into place). */
export async function writeNamesFile(file: string, table: NamesAhead): Promise<void> {
  const runs = [...table.entries()];
  const ints = new Int32Array(3 + runs.reduce((sum, [, run]) => sum + 3 + run.length, 0));
  ints.set([MAGIC, NAME_TAGGING_VERSION, runs.length]);
  let at = 3;
  for (const [sentence, run] of runs) {
    ints.set(sentenceHash(sentence), at);
    ints.set(run, at + 3);
    at += 3 + run.length;
  }
  const body = Buffer.from(ints.buffer, ints.byteOffset, ints.byteLength);
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    // A PostgreSQL deployment may never have made its index folder.
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(tmp, Buffer.concat([body, Buffer.from(sha256(body), 'hex')]));
    await fs.rename(tmp, file);
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

/** The packed spans in `file` by sentence key, or undefined when it is missing, of another version or damaged. */
export async function readNamesFile(file: string): Promise<Map<string, Int32Array> | undefined> {
  const bytes = await fs.readFile(file).catch(() => undefined);
  if (!bytes || bytes.length < 12 + DIGEST_BYTES || (bytes.length - DIGEST_BYTES) % 4 !== 0) return undefined;
  const body = bytes.subarray(0, bytes.length - DIGEST_BYTES);
  if (sha256(body) !== bytes.subarray(body.length).toString('hex')) return undefined;
  // A copy, so the integers are aligned whatever offset the read buffer has in its pool.
  const ints = new Int32Array(new Uint8Array(body).buffer);
  if (ints[0] !== MAGIC || ints[1] !== NAME_TAGGING_VERSION) return undefined;
  const runs = new Map<string, Int32Array>();
  let at = 3;
  for (let i = 0; i < ints[2]!; i++) {
    const count = ints[at + 3];
    if (count === undefined || count < 0 || at + 4 + 4 * count > ints.length) return undefined;
    runs.set(keyOf(ints[at]!, ints[at + 1]!, ints[at + 2]!), ints.subarray(at + 3, at + 4 + 4 * count));
    at += 4 + 4 * count;
  }
  return at === ints.length ? runs : undefined;
}
