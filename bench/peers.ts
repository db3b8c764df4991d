/**
 * `npm run bench:peers` — Footnote's retrieval against what a TypeScript developer would pick instead, in one run on
 * the same sentences, questions and vectors:
 *
 *   - Footnote: HNSW (hnswlib-node) + BM25 (MiniSearch), min-max fused (`retrievePassages`, what the answer model
 *     re-ranks);
 *   - `@orama/orama` in hybrid mode (its BM25 + its vector search), default settings except `similarity: 0` (its
 *     default 0.8 cosine floor would leave most questions without a vector hit);
 *   - LangChain.js `HNSWLib` vector store (`@langchain/community`, cosine space, its defaults).
 *
 * Sentences: every XQuAD (en) sentence in one collection (1,190 questions; the gold is the sentence holding the
 * answer). Vectors: USE-lite, embedded once by the parent and handed to every system, so only retrieval differs.
 * Each system is measured in its own fresh process (`--expose-gc`): index build time, memory held by the index (RSS
 * and heap after a GC, minus the same before building), R@1 / R@5, and query latency (vector given; p50 / p99 over
 * every question, after one warm-up pass). Build time is the median of three builds.
 *
 *   npx tsx bench/peers.ts
 *
 * Needs ../shared/eval/xquad.en.json. Writes bench/results/peers.json and bench/results/peers.md.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { RESULTS_DIR, distribution, median, emitResult, loadAverage, machine, markdownTable, round, runJsonChild, table } from './lib.js';

/** `footnote-dense` is Footnote's HNSW alone: what separates the vector store from the hybrid. */
const SYSTEMS = ['footnote', 'footnote-dense', 'orama', 'langchain-hnswlib'] as const;
type System = (typeof SYSTEMS)[number];
const DIM = 512;

interface PeerData {
  sentences: string[];
  questions: Array<{ question: string; gold: number }>;
}

interface PeerResult {
  system: System;
  buildMs: number;
  rssMB: number;
  heapMB: number;
  recallAt1: number;
  recallAt5: number;
  queryMs: { p50: number; p99: number };
}

/** A searcher built over the collection: top-k sentence indexes for a question and its vector. */
type Search = (question: string, vector: Float32Array, k: number) => Promise<number[]> | number[];

/** Each system's modules are imported first (not counted), then its index is built over the collection. */
type Builder = (data: PeerData, vectors: Float32Array[]) => Promise<Search>;

async function loadFootnote(mode: 'hybrid' | 'dense'): Promise<Builder> {
  const { buildCorpus } = await import('../src/retrieval/corpus.js');
  const { retrievePassages } = await import('../src/retrieval/retrieve.js');
  return async (data, vectors) => {
    // Passages as the service holds them, one per sentence, in collection order.
    const passages = data.sentences.map((text, i) => ({ article: 'xquad', id: `1.${i + 1}`, paragraph: 1, sentence: i + 1, text, start: 0, end: text.length }));
    const corpus = buildCorpus(passages, vectors.map((v) => Array.from(v)), DIM);
    if (mode === 'dense') return (_question, vector, k) => corpus.vectors.search(Array.from(vector), k).map((hit) => hit.label);
    const label = new Map(passages.map((p, i) => [p, i]));
    return (question, vector, k) => retrievePassages(corpus, question, Array.from(vector), { limit: k }).map((s) => label.get(s.passage)!);
  };
}

async function loadOrama(): Promise<Builder> {
  const { create, insertMultiple, search } = await import('@orama/orama');
  return async (data, vectors) => {
    const db = create({ schema: { text: 'string', embedding: `vector[${DIM}]` } as const });
    await insertMultiple(db, data.sentences.map((text, i) => ({ id: String(i), text, embedding: Array.from(vectors[i]!) })));
    return async (question, vector, k) => {
      const found = await search(db, { mode: 'hybrid', term: question, vector: { value: Array.from(vector), property: 'embedding' }, similarity: 0, limit: k });
      return found.hits.map((hit) => Number(hit.id));
    };
  };
}

async function loadLangchain(): Promise<Builder> {
  const { HNSWLib } = await import('@langchain/community/vectorstores/hnswlib');
  const { Document } = await import('@langchain/core/documents');
  const { Embeddings } = await import('@langchain/core/embeddings');
  // The vectors are given; the store never embeds.
  class GivenVectors extends Embeddings {
    embedDocuments(): Promise<number[][]> {
      throw new Error('vectors are given');
    }
    embedQuery(): Promise<number[]> {
      throw new Error('vectors are given');
    }
  }
  return async (data, vectors) => {
    const store = new HNSWLib(new GivenVectors({}), { space: 'cosine', numDimensions: DIM });
    await store.addVectors(vectors.map((v) => Array.from(v)), data.sentences.map((text, i) => new Document({ pageContent: text, metadata: { i } })));
    return async (_question, vector, k) => (await store.similaritySearchVectorWithScore(Array.from(vector), k)).map(([doc]) => doc.metadata.i as number);
  };
}

const LOADERS: Record<System, () => Promise<Builder>> = {
  footnote: () => loadFootnote('hybrid'),
  'footnote-dense': () => loadFootnote('dense'),
  orama: loadOrama,
  'langchain-hnswlib': loadLangchain,
};

function held(): { rss: number; heap: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss / 2 ** 20, heap: (m.heapUsed + m.external + m.arrayBuffers) / 2 ** 20 };
}

async function child(system: System, dir: string): Promise<void> {
  const data = JSON.parse(readFileSync(path.join(dir, 'data.json'), 'utf8')) as PeerData;
  const bytes = readFileSync(path.join(dir, 'vectors.f32'));
  const all = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const vector = (i: number) => all.subarray(i * DIM, (i + 1) * DIM);
  const sentenceVectors = data.sentences.map((_, i) => vector(i));
  const questionVector = (q: number) => vector(data.sentences.length + q);
  const build = await LOADERS[system]();
  const before = held();
  const t0 = performance.now();
  const searchFn = await build(data, sentenceVectors);
  const buildTimes = [performance.now() - t0];
  const after = held();
  // Build time is the median of three builds (the machine is shared); memory is what the first one holds.
  for (let i = 0; i < 2; i++) {
    const t = performance.now();
    await build(data, sentenceVectors);
    buildTimes.push(performance.now() - t);
  }
  const buildMs = median(buildTimes);
  for (const [q, { question }] of data.questions.entries()) await searchFn(question, questionVector(q), 5);
  const times: number[] = [];
  let at1 = 0;
  let at5 = 0;
  for (const [q, { question, gold }] of data.questions.entries()) {
    const t = performance.now();
    const top = await searchFn(question, questionVector(q), 5);
    times.push(performance.now() - t);
    if (top[0] === gold) at1 += 1;
    if (top.includes(gold)) at5 += 1;
  }
  const d = distribution(times);
  const n = data.questions.length;
  emitResult({ system, buildMs, rssMB: after.rss - before.rss, heapMB: after.heap - before.heap, recallAt1: at1 / n, recallAt5: at5 / n, queryMs: { p50: d.p50, p99: d.p99 } } satisfies PeerResult);
}

async function prepare(dir: string): Promise<PeerData> {
  const { loadXquad } = await import('../src/eval/datasets.js');
  const { createEmbedder } = await import('../src/embedding/create-embedder.js');
  const articles = loadXquad();
  const sentences: string[] = [];
  const questions: PeerData['questions'] = [];
  for (const article of articles) {
    const offset = sentences.length;
    sentences.push(...article.passages.map((p) => p.text));
    questions.push(...article.questions.map((q) => ({ question: q.question, gold: offset + q.gold })));
  }
  const embedder = await createEmbedder((await import('../src/config.js')).DEFAULT_MODEL);
  const vectors = await embedder.embed([...sentences, ...questions.map((q) => q.question)]);
  await embedder.close();
  const data = { sentences, questions };
  writeFileSync(path.join(dir, 'data.json'), JSON.stringify(data));
  writeFileSync(path.join(dir, 'vectors.f32'), Buffer.from(Float32Array.from(vectors.flat()).buffer));
  return data;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'footnote-peers-'));
  try {
    const data = await prepare(dir);
    const load = loadAverage();
    console.error(`peers: ${data.sentences.length} sentences, ${data.questions.length} questions (load ${load.join(' ')})…`);
    const results: PeerResult[] = [];
    for (const system of SYSTEMS) {
      results.push(await runJsonChild<PeerResult>(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), 'child', system, dir], { timeoutMs: 600_000 }));
    }
    const loadAfter = loadAverage();
    const base = results[0]!;
    const header = ['system', 'R@1', 'R@5', 'query p50 ms', 'query p99 ms', 'build ms', 'RSS MB', 'heap MB', 'p50 vs Footnote', 'build vs Footnote'];
    const rows = results.map((r) => [
      r.system,
      String(round(r.recallAt1, 3)),
      String(round(r.recallAt5, 3)),
      String(round(r.queryMs.p50, 3)),
      String(round(r.queryMs.p99, 3)),
      String(round(r.buildMs, 0)),
      String(round(r.rssMB, 1)),
      String(round(r.heapMB, 1)),
      `${round(r.queryMs.p50 / base.queryMs.p50, 2)}×`,
      `${round(r.buildMs / base.buildMs, 2)}×`,
    ]);
    console.log(table([header, ...rows]));
    console.log(`load average ${load.join('/')} before, ${loadAfter.join('/')} after`);
    const info = machine();
    writeFileSync(path.join(RESULTS_DIR, 'peers.json'), JSON.stringify({ date: new Date().toISOString(), machine: info, loadAverage: { before: load, after: loadAfter }, sentences: data.sentences.length, questions: data.questions.length, results }, null, 2) + '\n');
    writeFileSync(
      path.join(RESULTS_DIR, 'peers.md'),
      `Measured ${new Date().toISOString().slice(0, 10)} on ${info.cpus} CPUs (${info.cpuModel}), node ${info.node}, load ${load.join('/')}; ` +
        `${data.sentences.length} XQuAD sentences in one collection, ${data.questions.length} questions, USE-lite vectors shared by all.\n\n` +
        markdownTable([header, ...rows]) + '\n',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const [mode, system, dir] = process.argv.slice(2);
if (mode === 'child') await child(system as System, dir!);
else await main();
