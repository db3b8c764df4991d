/**
 * What the scale benchmarks share: the corpus vectors (embedded once with the default model, cached on disk by
 * content hash) and exact top-k search to measure recall against.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEmbedder } from '../src/embedding/create-embedder.js';
import { DEFAULT_MODEL } from '../src/config.js';
import { round } from './lib.js';

export const DIM = 512;
const log = (s: string) => process.stderr.write(`${s}\n`);

/** Embeds `texts` with the default model (cached on disk by content hash). Returns vectors and the measured rate. */
export async function embedAll(texts: string[], label: string, fresh = false): Promise<{ vectors: Float32Array; sentencesPerSec: number; seconds: number; cached: boolean }> {
  // The model is part of the key: vectors of one model must never stand in for another's.
  const hash = createHash('sha256').update(DEFAULT_MODEL).update('\0').update(texts.join('\n')).digest('hex').slice(0, 16);
  const cacheDir = path.join(os.tmpdir(), 'footnote-scale-cache');
  const file = path.join(cacheDir, `${label}-${texts.length}-${hash}.f32`);
  const meta = `${file}.json`;
  if (!fresh && existsSync(file) && existsSync(meta)) {
    const bytes = readFileSync(file);
    const m = JSON.parse(readFileSync(meta, 'utf8')) as { sentencesPerSec: number; seconds: number };
    return { vectors: new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4), ...m, cached: true };
  }
  const embedder = await createEmbedder(DEFAULT_MODEL);
  await embedder.embed(texts.slice(0, 64)); // warm-up
  const vectors = new Float32Array(texts.length * DIM);
  const chunk = 2048;
  const t0 = performance.now();
  for (let i = 0; i < texts.length; i += chunk) {
    const out = await embedder.embed(texts.slice(i, i + chunk));
    out.forEach((v, j) => vectors.set(v, (i + j) * DIM));
    if ((i / chunk) % 10 === 0) log(`  embedded ${i + out.length}/${texts.length} (${round((i + out.length) / ((performance.now() - t0) / 1000), 0)}/s)`);
  }
  const seconds = (performance.now() - t0) / 1000;
  await embedder.close();
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(file, Buffer.from(vectors.buffer));
  const result = { sentencesPerSec: texts.length / seconds, seconds };
  writeFileSync(meta, JSON.stringify(result));
  return { vectors, ...result, cached: false };
}

export const row = (data: Float32Array, i: number) => data.subarray(i * DIM, (i + 1) * DIM);

/** Exact top-k by cosine (vectors are L2-normalised, so a dot product). */
export function exactTopK(data: Float32Array, n: number, q: Float32Array, k: number): number[] {
  const best: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    let dot = 0;
    const off = i * DIM;
    for (let d = 0; d < DIM; d++) dot += data[off + d]! * q[d]!;
    if (best.length < k || dot > best[best.length - 1]![1]) {
      best.push([i, dot]);
      best.sort((a, b) => b[1] - a[1]);
      if (best.length > k) best.pop();
    }
  }
  return best.map(([i]) => i);
}

