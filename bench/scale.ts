/**
 * `npm run bench:scale` — how retrieval scales with the corpus: a generated corpus of synthetic English news
 * sentences (bench/lib.ts grammar; no third-party text) measured at 1k, 10k, 50k and 200k sentences.
 *
 * Per size: embedding time (the default model; see below), HNSW build time, HNSW + vector file sizes on disk,
 * open time of the stored index as `readIndex` does it (HNSW graph + stored BM25 index; checksums only for files
 * touched since the manifest stamped them — measured both ways), the BM25 build that ingest does, HNSW query latency (k = 10 and k = 100, the candidate count
 * retrieval uses) and recall@10 against exact (brute-force cosine) search. A small sweep of M / efConstruction /
 * efSearch at 10k shows why the defaults were chosen. Then start-up to ready at the largest size, end to end: a fresh
 * `node` process on the build with that many sentences in articles and a stored index (bench/start-scale.ts). Last,
 * whole answers at the largest size (bench/answer-scale.ts in articles of 40: warm questions, names tagged ahead as
 * a served generation does, then 1,000 new questions), in a process of their own.
 *
 * Embedding 200k sentences takes minutes, so every sentence is embedded once (largest size) and the smaller sizes
 * reuse prefixes of those vectors; embedding time per size is size / the rate measured on a fresh 5,000-sentence
 * sample (taken when the machine is quiet), and ingest time is that + HNSW build time. Vectors are cached in the OS temp folder between runs (`--fresh` re-embeds).
 *
 *   npx tsx bench/scale.ts [--sizes 1000,10000,50000,200000] [--queries 200] [--no-sweep] [--fresh]
 *   npx tsx bench/scale.ts --store postgres [--sizes …]   (the database store beside the embedded one: scale-store.ts)
 *
 * Writes bench/results/scale.json and bench/results/scale.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import hnswlib from 'hnswlib-node';
import { createEmbedder } from '../src/embedding/create-embedder.js';
import { DEFAULT_MODEL } from '../src/config.js';
import { LexicalIndex } from '../src/index/lexical-index.js';
import { readIndex, readManifest, writeIndex } from '../src/index/store.js';
import { HNSW_DEFAULTS, VectorIndex } from '../src/index/vector-index.js';
import type { Passage } from '../src/types.js';
import { DIM, embedAll, exactTopK, row } from './scale-vectors.js';
import { measureStartAtScale } from './start-scale.js';
import { RESULTS_DIR, ROOT, distribution, loadAverage, machine, markdownTable, round, syntheticSentences, table, waitForQuiet } from './lib.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const SIZES = opt('sizes', '1000,10000,50000,200000').split(',').map(Number);
const QUERIES = Number(opt('queries', '200'));
const SWEEP = !args.includes('--no-sweep');
const FRESH = args.includes('--fresh');
const log = (s: string) => process.stderr.write(`${s}\n`);

const SAMPLE = 5_000;

/** Sentences per second through the default embedder (2,048-sentence calls, after a warm-up). */
async function embeddingRate(texts: string[]): Promise<number> {
  const embedder = await createEmbedder(DEFAULT_MODEL);
  await embedder.embed(texts.slice(0, 256));
  const t = performance.now();
  for (let i = 0; i < texts.length; i += 2048) await embedder.embed(texts.slice(i, i + 2048));
  const rate = texts.length / ((performance.now() - t) / 1000);
  await embedder.close();
  return rate;
}

function buildHnsw(data: Float32Array, n: number, m: number, efConstruction: number): { index: hnswlib.HierarchicalNSW; ms: number } {
  const index = new hnswlib.HierarchicalNSW('cosine', DIM);
  index.initIndex({ maxElements: n, m, efConstruction, randomSeed: HNSW_DEFAULTS.seed });
  const t = performance.now();
  for (let i = 0; i < n; i++) index.addPoint(Array.from(row(data, i)), i);
  return { index, ms: performance.now() - t };
}

function measureQueries(index: hnswlib.HierarchicalNSW, queries: Float32Array[], truth: number[][], ef: number) {
  index.setEf(ef);
  const ms10: number[] = [];
  const ms100: number[] = [];
  let hits = 0;
  const arrays = queries.map((q) => Array.from(q));
  for (let i = 0; i < arrays.length; i++) {
    const t = performance.now();
    const { neighbors } = index.searchKnn(arrays[i]!, Math.min(10, index.getCurrentCount()));
    ms10.push(performance.now() - t);
    const wanted = new Set(truth[i]);
    hits += neighbors.filter((x) => wanted.has(x)).length;
  }
  index.setEf(Math.max(ef, 100));
  for (const q of arrays) {
    const t = performance.now();
    index.searchKnn(q, Math.min(100, index.getCurrentCount()));
    ms100.push(performance.now() - t);
  }
  return { recallAt10: hits / (arrays.length * 10), k10: distribution(ms10), k100: distribution(ms100) };
}

async function main() {
  const started = Date.now();
  const info = machine();
  const maxSize = Math.max(...SIZES);
  log(`scale bench — ${info.cpus} CPUs, sizes ${SIZES.join(', ')}, ${QUERIES} queries, load ${loadAverage().join(' ')}`);
  const sentences = syntheticSentences(maxSize, 1);
  const queryTexts = syntheticSentences(QUERIES, 987_654); // held out: a different seed
  const loads: Record<string, number[]> = { start: loadAverage() };

  loads.embed = await waitForQuiet(1.5, 60_000);
  log(`embedding ${maxSize} sentences once with the default model (load ${loads.embed.join(' ')})…`);
  const corpus = await embedAll(sentences, 'corpus', FRESH);
  const queriesEmb = await embedAll(queryTexts, 'queries', FRESH);
  const queries = Array.from({ length: QUERIES }, (_, i) => row(queriesEmb.vectors, i));
  log(`  ${round(corpus.sentencesPerSec, 0)} sentences/s${corpus.cached ? ' (vectors cached from an earlier run)' : ''}`);
  // The rate used for per-size embedding times: a fresh sample, measured when the machine is quiet.
  loads.embedSample = await waitForQuiet(1.5, 120_000);
  const sampleRate = await embeddingRate(sentences.slice(0, SAMPLE));
  log(`  sample of ${SAMPLE}: ${round(sampleRate, 0)} sentences/s (load ${loads.embedSample.join(' ')})`);

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'footnote-scale-'));
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: info,
    hnswDefaults: HNSW_DEFAULTS,
    embedding: { model: `${DEFAULT_MODEL} (default)`, sentences: maxSize, fullRunSentencesPerSec: round(corpus.sentencesPerSec, 0), fullRunSeconds: round(corpus.seconds, 0), cached: corpus.cached, sample: SAMPLE, sampleSentencesPerSec: round(sampleRate, 0), sampleLoadAverage: loads.embedSample, avgWords: round(sentences.reduce((a, s) => a + s.split(' ').length, 0) / sentences.length, 1) },
  };
  try {
    // Sweep at 10k (or the nearest size).
    const sweepN = SIZES.includes(10_000) ? 10_000 : Math.min(...SIZES);
    const sweep: Array<Record<string, number>> = [];
    if (SWEEP) {
      loads.sweep = await waitForQuiet(1.5, 60_000);
      log(`sweep at ${sweepN}: exact neighbours…`);
      const truth = queries.map((q) => exactTopK(corpus.vectors, sweepN, q, 10));
      for (const [m, efc] of [[8, 100], [16, 100], [16, 200], [32, 200]] as const) {
        const { index, ms } = buildHnsw(corpus.vectors, sweepN, m, efc);
        for (const ef of [32, 64, 128, 256]) {
          const q = measureQueries(index, queries, truth, ef);
          sweep.push({ m, efConstruction: efc, efSearch: ef, buildMs: round(ms, 0), recallAt10: round(q.recallAt10, 4), p50Ms: round(q.k10.p50, 3), p99Ms: round(q.k10.p99, 3), p99k100Ms: round(q.k100.p99, 3) });
        }
        log(`  M=${m} efC=${efc}: build ${round(ms, 0)} ms; recall@10 ${sweep.slice(-4).map((s) => `ef${s.efSearch}=${s.recallAt10}`).join(' ')}`);
      }
      results.sweep = { size: sweepN, loadAverage: loads.sweep, rows: sweep };
    }

    // Sizes with the project defaults.
    const { m, efConstruction, efSearch } = HNSW_DEFAULTS;
    const sizes: Array<Record<string, unknown>> = [];
    for (const n of SIZES) {
      const load = await waitForQuiet(1.5, 60_000);
      log(`size ${n}: build (M=${m}, efC=${efConstruction}) (load ${load.join(' ')})…`);
      const { index, ms: buildMs } = buildHnsw(corpus.vectors, n, m, efConstruction);
      const hnswFile = path.join(tmp, `hnsw-${n}.bin`);
      index.writeIndexSync(hnswFile);
      const hnswBytes = statSync(hnswFile).size;
      const vectorBytes = n * DIM * 4;

      // Store and open as the service does (src/index/store.ts): one generation with graph, vectors and BM25 index;
      // a start trusts files whose size, mtime and inode match the manifest, a touched file is checksummed first.
      const passages: Passage[] = sentences.slice(0, n).map((text, i) => ({ article: 'a', id: `${i + 1}.1`, paragraph: i + 1, sentence: 1, text, start: 0, end: text.length }));
      const t1 = performance.now();
      const lexical = LexicalIndex.build(passages);
      const bm25BuildMs = performance.now() - t1;
      const indexDir = path.join(tmp, `index-${n}`);
      const t2 = performance.now();
      writeIndex(indexDir, { model: 'bench', dimensions: DIM, embeddingText: 'sentence', builtAt: new Date().toISOString(), articles: [] },
        corpus.vectors.subarray(0, n * DIM), VectorIndex.read(hnswFile, DIM), lexical);
      const writeMs = performance.now() - t2;
      const t0 = performance.now();
      readIndex(indexDir);
      const hnswLoadMs = performance.now() - t0;
      const stored = readManifest(indexDir).files;
      const touched = new Date();
      for (const entry of [stored.hnsw, stored.lexical!]) utimesSync(path.join(indexDir, entry.name), touched, touched);
      const t3 = performance.now();
      readIndex(indexDir);
      const verifiedLoadMs = performance.now() - t3;
      rmSync(indexDir, { recursive: true, force: true });
      const loaded = new hnswlib.HierarchicalNSW('cosine', DIM);
      loaded.readIndexSync(hnswFile);

      log(`  exact neighbours for ${queries.length} queries…`);
      const truth = queries.map((q) => exactTopK(corpus.vectors, n, q, 10));
      const byEf = [64, 128, efSearch].map((ef) => ({ ef, ...measureQueries(loaded, queries, truth, ef) }));
      const chosen = byEf.find((x) => x.ef === efSearch)!;
      const embedSeconds = n / sampleRate;
      sizes.push({
        sentences: n,
        loadAverage: load,
        embedSecondsScaled: round(embedSeconds, 1),
        hnswBuildMs: round(buildMs, 0),
        ingestSecondsEstimate: round(embedSeconds + buildMs / 1000, 1),
        hnswMB: round(hnswBytes / 2 ** 20, 1),
        vectorsMB: round(vectorBytes / 2 ** 20, 1),
        hnswLoadMs: round(hnswLoadMs, 0),
        bm25BuildMs: round(bm25BuildMs, 0),
        indexWriteMs: round(writeMs, 0),
        loadMs: round(hnswLoadMs, 0),
        loadTouchedMs: round(verifiedLoadMs, 0),
        recallAt10: round(chosen.recallAt10, 4),
        queryK10: { p50: round(chosen.k10.p50, 3), p99: round(chosen.k10.p99, 3) },
        queryK100: { p50: round(chosen.k100.p50, 3), p99: round(chosen.k100.p99, 3) },
        byEf: byEf.map((x) => ({ ef: x.ef, recallAt10: round(x.recallAt10, 4), p99k10Ms: round(x.k10.p99, 3), p99k100Ms: round(x.k100.p99, 3) })),
      });
      const s = sizes.at(-1)!;
      log(`  build ${s.hnswBuildMs} ms, ${s.hnswMB} MB, open ${s.loadMs} ms (${s.loadTouchedMs} ms when touched), BM25 build ${s.bm25BuildMs} ms, recall@10 ${s.recallAt10}, p99 k=100 ${chosen.k100.p99.toFixed(2)} ms`);
      rmSync(hnswFile, { force: true });
    }
    results.sizes = sizes;
    results.loadAverages = loads;
    // What a restart pays at the largest size, end to end: a fresh `node` process on the build until ready.
    const start = await measureStartAtScale(Math.max(...SIZES), 5);
    results.startAtScale = start;
    // Whole answers at the largest size: retrieval, the answer model and the decision, warm and for new questions.
    const answerLines = execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'answer-scale.ts'), String(Math.max(...SIZES)), '--per-article', '40', '--tag-ahead', '--cold', '1000'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
      .split('\n')
      .filter((line) => /^(\d+ sentences|tagged ahead|cold)/.test(line));
    results.answersAtScale = answerLines;

    const header = ['sentences', 'embed s (scaled)', 'HNSW build s', 'ingest s (est.)', 'HNSW MB', 'vectors MB', 'open ms', 'open, files touched ms', 'BM25 build ms', `recall@10 (ef ${efSearch})`, 'p99 k=10 ms', 'p99 k=100 ms'];
    const rows = sizes.map((s: any) => [
      String(s.sentences), String(s.embedSecondsScaled), String(round(s.hnswBuildMs / 1000, 1)), String(s.ingestSecondsEstimate), String(s.hnswMB), String(s.vectorsMB),
      String(s.loadMs), String(s.loadTouchedMs), String(s.bm25BuildMs), String(s.recallAt10), String(s.queryK10.p99), String(s.queryK100.p99),
    ]);
    console.log(`\nscale (M=${m}, efConstruction=${efConstruction}, efSearch=${efSearch}); embedding ${round(sampleRate, 0)} sentences/s (sample of ${SAMPLE}), ${info.cpus} CPUs`);
    console.log(table([header, ...rows]));
    const startLine = `Start-up to ready at ${start.sentences} sentences (${start.articles} articles; a fresh node process on the build, as \`npm start\`; median of ${start.runs}, load ${start.loadAverage.before[0]}–${start.loadAverage.after[0]}): ` +
      `${start.spawnToReadyMs.median} ms (runs ${start.spawnToReadyMs.runs.join(', ')}); node boot ${start.phasesMs.boot} ms, importing the engine ${start.phasesMs.importEngine} ms, embedder + articles + index ${start.phasesMs.openService} ms; first answer ${start.phasesMs.firstAnswer} ms later; RSS ${start.readyRssMB} MB.`;
    console.log(`\n${startLine}`);
    const answersLine = `Answers at ${Math.max(...SIZES)} sentences (\`npx tsx bench/answer-scale.ts ${Math.max(...SIZES)} --per-article 40 --tag-ahead --cold 1000\`):\n${answerLines.map((line) => `- ${line}`).join('\n')}`;
    console.log(`\n${answersLine}`);
    let md = `Measured ${new Date().toISOString().slice(0, 10)} on ${info.cpus} CPUs (${info.cpuModel}), node ${info.node}; synthetic news sentences (avg ${(results.embedding as { avgWords: number }).avgWords} words), ` +
      `USE-lite embeddings (${round(sampleRate, 0)} sentences/s on a ${SAMPLE}-sentence sample; every sentence embedded once, vectors reused across sizes; embed time per size = size / that rate), ${QUERIES} held-out query sentences, HNSW M=${m}, efConstruction=${efConstruction}, efSearch=${efSearch}.\n\n` +
      markdownTable([header, ...rows]);
    if (sweep.length) {
      const sweepRows = sweep.map((s) => [String(s.m), String(s.efConstruction), String(s.efSearch), String(round(s.buildMs! / 1000, 1)), String(s.recallAt10), String(s.p99Ms), String(s.p99k100Ms)]);
      const sweepHeader = ['M', 'efConstruction', 'efSearch', 'build s', 'recall@10', 'p99 k=10 ms', 'p99 k=100 ms'];
      console.log(`\nsweep at ${sweepN}`);
      console.log(table([sweepHeader, ...sweepRows]));
      md += `\n\nParameter sweep at ${sweepN} sentences:\n\n${markdownTable([sweepHeader, ...sweepRows])}`;
    }
    md += `\n\n${startLine}\n\n${answersLine}`;
    results.seconds = round((Date.now() - started) / 1000, 0);
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(path.join(RESULTS_DIR, 'scale.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(path.join(RESULTS_DIR, 'scale.md'), `${md}\n`);
    console.log(`wrote ${path.relative(ROOT, path.join(RESULTS_DIR, 'scale.json'))} and scale.md (${results.seconds} s; load ${loadAverage().join(' ')})`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// `--store postgres`: the embedded store and the PostgreSQL store side by side (bench/scale-store.ts).
if (opt('store', 'embedded') === 'postgres') await import('./scale-store.js');
else await main();
