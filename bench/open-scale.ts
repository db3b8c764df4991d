/**
 * `npx tsx bench/open-scale.ts [--sizes 200000]` — how long a start takes to open a stored index of N sentences,
 * through the real store (src/index/store.ts): once with every file untouched since the manifest stamped it (an
 * ordinary restart), once with the files touched (copied, restored from backup: every checksum recomputed).
 *
 * Only the opening is measured, so the vectors are random unit vectors and the graph is built with a small
 * efConstruction (its file size and load cost depend on N, M and the dimensions, not on efConstruction); the BM25
 * index is built from the bench's synthetic news sentences. Retrieval quality and latency at scale: bench/scale.ts.
 */
import { mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LexicalIndex } from '../src/index/lexical-index.js';
import { readIndex, readManifest, writeIndex } from '../src/index/store.js';
import { VectorIndex } from '../src/index/vector-index.js';
import type { Passage } from '../src/types.js';
import { loadAverage, median, round, syntheticSentences } from './lib.js';
import { rng } from './random.js';

const args = process.argv.slice(2);
const sizesArg = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1]! : '200000';
const DIM = 512;
const RUNS = 5;

function randomUnitVectors(n: number, seed: number): number[][] {
  const r = rng(seed);
  return Array.from({ length: n }, () => {
    const v = Array.from({ length: DIM }, () => r() - 0.5);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

for (const n of sizesArg.split(',').map(Number)) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'footnote-open-scale-'));
  try {
    const vectors = randomUnitVectors(n, n);
    const passages: Passage[] = syntheticSentences(n).map((text, i) => ({ article: 'a', id: `${i + 1}.1`, paragraph: i + 1, sentence: 1, text, start: 0, end: text.length }));
    const t0 = performance.now();
    const graph = VectorIndex.build(vectors, DIM, { efConstruction: 16 });
    const buildMs = performance.now() - t0;
    const t1 = performance.now();
    const lexical = LexicalIndex.build(passages);
    const bm25Ms = performance.now() - t1;
    const flat = new Float32Array(n * DIM);
    vectors.forEach((v, i) => flat.set(v, i * DIM));
    const t2 = performance.now();
    writeIndex(dir, { model: 'bench', dimensions: DIM, embeddingText: 'sentence', builtAt: new Date().toISOString(), articles: [] }, flat, graph, lexical);
    const writeMs = performance.now() - t2;
    const { files } = readManifest(dir);
    const timeOpen = () => {
      const t = performance.now();
      readIndex(dir);
      return performance.now() - t;
    };
    const untouched = Array.from({ length: RUNS }, timeOpen);
    const touched = Array.from({ length: RUNS }, () => {
      const now = new Date();
      for (const entry of [files.hnsw, files.lexical!]) utimesSync(path.join(dir, entry.name), now, now);
      return timeOpen();
    });
    const mb = (name: string) => round(statSync(path.join(dir, name)).size / 2 ** 20, 1);
    console.log(JSON.stringify({
      sentences: n,
      loadAverage: loadAverage(),
      hnswMB: mb(files.hnsw.name),
      lexicalMB: mb(files.lexical!.name),
      graphBuildMs: round(buildMs, 0),
      bm25BuildMs: round(bm25Ms, 0),
      writeMs: round(writeMs, 0),
      openUntouchedMs: { median: round(median(untouched), 0), runs: untouched.map((x) => round(x, 0)) },
      openTouchedMs: { median: round(median(touched), 0), runs: touched.map((x) => round(x, 0)) },
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
