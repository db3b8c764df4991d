/**
 * `npx tsx bench/start-scale.ts [--sizes 200000] [--runs 5]` — start-up to ready with a stored index of N
 * sentences, as `npm start` pays it: a fresh plain-node process running the build in dist/ (the bench child's
 * `cold` mode: import the engine, create the embedder, load and hash-check every article, read the manifest, open
 * the HNSW graph and the BM25 index, build the passage table), from spawn() to the service being ready, then its
 * first answer.
 *
 * The articles are the scale bench's synthetic news (40 sentences an article, paragraphs of 1–4), built into an
 * index once through the real build (`openIndex`, as `npm run ingest` does) with the default model's cached
 * vectors (bench/scale-vectors.ts), so only a sentence the cache lacks is embedded. The folders are kept in the OS
 * temp dir and reused while the index stays fresh.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEmbedder } from '../src/embedding/create-embedder.js';
import { DEFAULT_MODEL } from '../src/config.js';
import type { Embedder } from '../src/embedding/embedder.js';
import { openIndex } from '../src/index/open-index.js';
import { buildBenchChild } from './build-child.js';
import { loadAverage, median, RESULTS_DIR, rng, round, runJsonChild, syntheticSentences } from './lib.js';
import { DIM, embedAll } from './scale-vectors.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1]! : fallback);
const log = (s: string) => process.stderr.write(`${s}\n`);

interface ColdChild {
  timeOrigin: number;
  phases: { moduleStart: number; imported: number; ready: number; firstAnswer: number };
  rss: { ready: number };
}

export interface StartAtScale {
  sentences: number;
  articles: number;
  runs: number;
  loadAverage: { before: number[]; after: number[] };
  spawnToReadyMs: { median: number; runs: number[] };
  /** Median phases inside the child: node boot, importing the engine, embedder + articles + index. */
  phasesMs: { boot: number; importEngine: number; openService: number; firstAnswer: number };
  readyRssMB: number;
}

/** Writes the synthetic articles (unless present) and builds their index (unless fresh). */
async function prepare(n: number): Promise<{ articlesDir: string; indexDir: string; articles: number }> {
  const root = path.join(os.tmpdir(), `footnote-start-scale-${n}`);
  const articlesDir = path.join(root, 'articles');
  const indexDir = path.join(root, 'index');
  const sentences = syntheticSentences(n, 1);
  if (!existsSync(articlesDir) || readdirSync(articlesDir).length === 0) {
    mkdirSync(articlesDir, { recursive: true });
    const r = rng(11);
    for (let a = 0, i = 0; i < n; a++) {
      const paragraphs: string[] = [];
      for (let left = Math.min(40, n - i); left > 0; ) {
        const k = Math.min(left, 1 + Math.floor(r() * 4));
        paragraphs.push(sentences.slice(i, i + k).join(' '));
        i += k;
        left -= k;
      }
      writeFileSync(path.join(articlesDir, `synthetic_${String(a).padStart(5, '0')}.md`), `---\ntitle: "Synthetic article ${a + 1}"\n---\n${paragraphs.join('\n\n')}\n`);
    }
  }
  const cached = await embedAll(sentences, 'corpus');
  const byText = new Map<string, number>();
  sentences.forEach((s, i) => byText.has(s) || byText.set(s, i));
  const real = await createEmbedder(DEFAULT_MODEL);
  let missed = 0;
  // The real model's id and vectors, served from the cache for the sentences it already embedded.
  const embedder: Embedder = {
    model: real.model,
    dimensions: real.dimensions,
    async embed(texts) {
      const unknown = texts.filter((t) => !byText.has(t));
      missed += unknown.length;
      const fresh = unknown.length ? await real.embed(unknown) : [];
      let j = 0;
      return texts.map((t) => {
        const i = byText.get(t);
        return i === undefined ? fresh[j++]! : Array.from(cached.vectors.subarray(i * DIM, (i + 1) * DIM));
      });
    },
    close: () => real.close(),
  };
  const t0 = performance.now();
  const opened = await openIndex({ articlesDir, indexDir, embedder, mode: 'ingest', batchSize: 2048 });
  log(`  index ${opened.status}: ${opened.manifest.count} passages in ${opened.articles.length} articles (${round((performance.now() - t0) / 1000, 1)} s; ${missed} sentences not in the vector cache, embedded)`);
  await embedder.close();
  // A freshly built index is some 900 MB the kernel may still be writing back: the runs right after a build took
  // 1.7–3.0 s, against 1.3–1.4 s with the index reused (2026-12-06). A restart comes long after its ingest, so the
  // writes are flushed before the runs.
  if (opened.status !== 'up-to-date') execFileSync('sync');
  return { articlesDir, indexDir, articles: opened.articles.length };
}

export async function measureStartAtScale(n: number, runs: number): Promise<StartAtScale> {
  log(`start-up at ${n} sentences: preparing articles and index (cached in the OS temp dir)…`);
  const { articlesDir, indexDir, articles } = await prepare(n);
  const child = await buildBenchChild();
  const before = loadAverage();
  const results: Array<ColdChild & { spawnToReadyMs: number }> = [];
  for (let i = 0; i <= runs; i++) {
    const spawnEpoch = performance.timeOrigin + performance.now();
    const r = await runJsonChild<ColdChild>(process.execPath, [child, 'cold', '--articles', articlesDir, '--index', indexDir], { timeoutMs: 300_000 });
    // The first run warms the page cache and is not counted: a restart finds the files in memory.
    if (i > 0) results.push({ ...r, spawnToReadyMs: r.timeOrigin + r.phases.ready - spawnEpoch });
  }
  const m = (f: (r: (typeof results)[number]) => number) => round(median(results.map(f)), 0);
  return {
    sentences: n,
    articles,
    runs,
    loadAverage: { before, after: loadAverage() },
    spawnToReadyMs: { median: m((r) => r.spawnToReadyMs), runs: results.map((r) => round(r.spawnToReadyMs, 0)) },
    phasesMs: {
      boot: m((r) => r.phases.moduleStart),
      importEngine: m((r) => r.phases.imported - r.phases.moduleStart),
      openService: m((r) => r.phases.ready - r.phases.imported),
      firstAnswer: m((r) => r.phases.firstAnswer - r.phases.ready),
    },
    readyRssMB: m((r) => r.rss.ready),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out: StartAtScale[] = [];
  for (const n of arg('sizes', '200000').split(',').map(Number)) {
    const result = await measureStartAtScale(n, Number(arg('runs', '5')));
    console.log(JSON.stringify(result));
    out.push(result);
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, 'start-scale.json'), `${JSON.stringify(out, null, 2)}\n`);
}
