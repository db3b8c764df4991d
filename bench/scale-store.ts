/**
 * `npm run bench:scale -- --store postgres` — the embedded store and the PostgreSQL + pgvector store serving the same
 * synthetic corpus (bench/lib.ts grammar, embedded once with the default model, vectors cached as for
 * `bench:scale`), size by size:
 *
 * - ingest: the embedded store's HNSW + BM25 build; the database's write of one generation as `npm run ingest` does
 *   it (every row in one transaction into the generation's own partition, its indexes built once the rows are in,
 *   then attached and made live), with the time of each step. Embedding, the same for both, is left out.
 * - the plan of the dense query on the generation: which index the server scans.
 * - answer latency: one question through retrieval (dense + BM25 candidates, fused), the answer model's re-rank and
 *   the decision, with the question already embedded (embedding costs the same whichever store serves).
 * - recall@10 of the dense side against exact cosine search, through each store's own query path.
 *
 * The database is DATABASE_URL, or a local PostgreSQL (PGlite: PostgreSQL 18 compiled to WebAssembly, served over the
 * wire protocol, src/dev/local-postgres.ts) when it is unset.
 *
 *   npx tsx bench/scale.ts --store postgres [--sizes 1000,20000] [--queries 200] [--fresh]
 *
 * Writes bench/results/scale-postgres.json and bench/results/scale-postgres.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { calibrationFor } from '../src/answer/calibration.js';
import { composeAnswer } from '../src/answer/compose.js';
import { weighedStems } from '../src/answer/features.js';
import { rescorePassages, RESCORE_CANDIDATES } from '../src/answer/rescore.js';
import { startLocalPostgres, type LocalPostgres } from '../src/dev/local-postgres.js';
import { createEmbedder } from '../src/embedding/create-embedder.js';
import { DEFAULT_MODEL } from '../src/config.js';
import { createEmbeddedStore, type PassageStore } from '../src/index/passage-store.js';
import { openGivenVectors } from '../src/index/postgres/given-vectors.js';
import { hnswIndexName, partitionName } from '../src/index/postgres/generation-partition.js';
import { liveGeneration, removeArticleSet, type LiveGeneration } from '../src/index/postgres/pg-ingest.js';
import { denseQuery, planNodes, prepareDenseSearch } from '../src/index/postgres/pg-store.js';
import { CANDIDATES_PER_RETRIEVER } from '../src/retrieval/retrieve.js';
import { LexicalIndex } from '../src/index/lexical-index.js';
import { HNSW_DEFAULTS, VectorIndex } from '../src/index/vector-index.js';
import { normalizeQuestion } from '../src/retrieval/clean-question.js';
import type { Article, Passage } from '../src/types.js';
import { distribution, loadAverage, machine, markdownTable, questionsFor, RESULTS_DIR, ROOT, round, syntheticSentences, table } from './lib.js';
import { DIM, embedAll, exactTopK, row } from './scale-vectors.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const SIZES = opt('sizes', '1000,20000').split(',').map(Number);
const QUERIES = Number(opt('queries', '200'));
const FRESH = args.includes('--fresh');
const log = (s: string) => process.stderr.write(`${s}\n`);

/** One article of `n` sentences, a paragraph each, so every passage has real offsets into its article's text. */
function corpusArticle(sentences: string[]): { article: Article; passages: Passage[] } {
  const passages: Passage[] = [];
  let text = '';
  sentences.forEach((sentence, i) => {
    if (text) text += '\n\n';
    passages.push({ article: 'bench', id: `${i + 1}.1`, paragraph: i + 1, sentence: 1, text: sentence, start: text.length, end: text.length + sentence.length });
    text += sentence;
  });
  return { article: { id: 'bench', file: 'bench.md', hash: `bench-${sentences.length}`, text }, passages };
}

interface Question {
  text: string;
  vector: number[];
}

interface StoreFigures {
  ingestSeconds: number;
  answerMs: { p50: number; p99: number };
  recallAt10: number;
}

/** Answer latency and dense recall@10 of one store over `questions`. */
async function measureStore(store: PassageStore, passages: Passage[], questions: Question[], truth: number[][], model: string): Promise<Omit<StoreFigures, 'ingestSeconds'>> {
  const { calibration } = calibrationFor(model);
  const labelOf = new Map(passages.map((p, label) => [p, label]));
  const answer = async ({ text, vector }: Question) => {
    const found = await store.candidates(text, vector, RESCORE_CANDIDATES, { weighTerms: weighedStems(text) });
    return composeAnswer(text, rescorePassages(text, found.passages, { lexical: found.lexical, passages }, calibration), calibration);
  };
  for (const q of questions.slice(0, 5)) await answer(q); // warm-up: first queries pay caches and query plans
  const ms: number[] = [];
  for (const q of questions) {
    const t = performance.now();
    await answer(q);
    ms.push(performance.now() - t);
  }
  let hits = 0;
  for (const [i, q] of questions.entries()) {
    // Dense weight 1: the fused order is the dense order, so the top 10 are the store's 10 nearest by cosine.
    const { passages: nearest } = await store.candidates(q.text, q.vector, 10, { denseWeight: 1 });
    const wanted = new Set(truth[i]);
    hits += nearest.slice(0, 10).filter((c) => wanted.has(labelOf.get(c.passage)!)).length;
  }
  const d = distribution(ms);
  return { answerMs: { p50: round(d.p50, 1), p99: round(d.p99, 1) }, recallAt10: round(hits / (questions.length * 10), 4) };
}

function embeddedStore(passages: Passage[], vectors: Float32Array): { store: PassageStore; seconds: number } {
  const t = performance.now();
  const rows = passages.map((_, i) => Array.from(row(vectors, i)));
  const index = VectorIndex.build(rows, DIM);
  const lexical = LexicalIndex.build(passages);
  return { store: createEmbeddedStore({ passages, vectors: index, lexical }), seconds: (performance.now() - t) / 1000 };
}

async function databaseSize(pool: pg.Pool, generation: number): Promise<{ tableMB: number; hnswMB: number }> {
  const { rows } = await pool.query(
    `SELECT pg_total_relation_size('${partitionName(generation)}') AS total, pg_relation_size('${hnswIndexName(generation)}') AS hnsw`,
  );
  return { tableMB: round(Number(rows[0].total) / 2 ** 20, 1), hnswMB: round(Number(rows[0].hnsw) / 2 ** 20, 1) };
}

/** The index nodes of the dense query's plan for one question, as the store sends it. */
async function densePlan(pool: pg.Pool, generation: LiveGeneration, vector: number[]): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await prepareDenseSearch(client, CANDIDATES_PER_RETRIEVER);
    const query = denseQuery(generation, vector, CANDIDATES_PER_RETRIEVER);
    const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${query.text}`, query.values);
    await client.query('COMMIT');
    return planNodes(rows[0]['QUERY PLAN'][0].Plan);
  } finally {
    client.release();
  }
}

async function main() {
  const started = Date.now();
  const info = machine();
  const maxSize = Math.max(...SIZES);
  const sentences = syntheticSentences(maxSize, 1);
  log(`store scale bench — ${info.cpus} CPUs, sizes ${SIZES.join(', ')}, ${QUERIES} questions, load ${loadAverage().join(' ')}`);
  const corpus = await embedAll(sentences, 'corpus', FRESH);
  const embedder = await createEmbedder(DEFAULT_MODEL);
  const questionTexts = questionsFor(sentences.slice(0, 2000).join(' '), QUERIES).map(normalizeQuestion);
  const questionVectors = await embedder.embed(questionTexts);
  const model = embedder.model;
  await embedder.close();
  const questions = questionTexts.map((text, i) => ({ text, vector: questionVectors[i]! }));

  const databaseUrl = process.env.DATABASE_URL;
  let local: LocalPostgres | undefined;
  if (!databaseUrl) log('DATABASE_URL is not set: a local PostgreSQL with pgvector (PGlite) serves the database store.');
  const url = databaseUrl ?? (local = await startLocalPostgres()).url;
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const sizes: Array<Record<string, unknown>> = [];
  try {
    for (const n of SIZES) {
      const { article, passages } = corpusArticle(sentences.slice(0, n));
      const vectors = corpus.vectors.subarray(0, n * DIM);
      log(`size ${n}: exact neighbours for ${questions.length} questions…`);
      const truth = questions.map((q) => exactTopK(vectors, n, Float32Array.from(q.vector), 10));

      const load = loadAverage();
      const embedded = embeddedStore(passages, vectors);
      const embeddedFigures = { ingestSeconds: round(embedded.seconds, 1), ...(await measureStore(embedded.store, passages, questions, truth, model)) };
      log(`  embedded: build ${embeddedFigures.ingestSeconds} s, answer p50 ${embeddedFigures.answerMs.p50} ms p99 ${embeddedFigures.answerMs.p99} ms, recall@10 ${embeddedFigures.recallAt10}`);

      const guild = `bench-scale-${n}`;
      const t = performance.now();
      const rows = passages.map((_, i) => row(vectors, i));
      const steps: Record<string, number> = {};
      const onStep = (name: string, seconds: number) => {
        steps[name] = round(seconds, 1);
        log(`  database: ${name} ${round(seconds, 1)} s`);
      };
      const store = await openGivenVectors(pool, { guild, model: 'bench', dimensions: DIM, articles: [article], passages, vectors: rows, onStep });
      const ingestSeconds = (performance.now() - t) / 1000;
      log(`  database: ingest ${round(ingestSeconds, 1)} s (${round(n / ingestSeconds, 0)} sentences/s)`);
      const generation = await pool.connect().then((client) => liveGeneration(client, guild).finally(() => client.release()));
      const plan = await densePlan(pool, generation!, questions[0]!.vector);
      log(`  database: dense query plan ${plan.join(' > ')}`);
      const databaseFigures = {
        ingestSeconds: round(ingestSeconds, 1),
        sentencesPerSecond: round(n / ingestSeconds, 0),
        steps,
        plan,
        ...(await measureStore(store, passages, questions, truth, model)),
        ...(await databaseSize(pool, generation!.id)),
      };
      log(`  database: answer p50 ${databaseFigures.answerMs.p50} ms p99 ${databaseFigures.answerMs.p99} ms, recall@10 ${databaseFigures.recallAt10}`);
      const client = await pool.connect();
      await removeArticleSet(client, guild).finally(() => client.release());
      sizes.push({ sentences: n, loadAverage: { start: load, end: loadAverage() }, embedded: embeddedFigures, database: databaseFigures });
    }
  } finally {
    await pool.end();
    await local?.stop();
  }
  report(sizes, info, databaseUrl ? 'DATABASE_URL' : 'local PGlite', started);
}

function report(sizes: Array<Record<string, any>>, info: ReturnType<typeof machine>, database: string, started: number): void {
  const header = ['sentences', 'store', 'ingest s', 'answer p50 ms', 'answer p99 ms', 'recall@10', 'load'];
  const rows = sizes.flatMap((s) =>
    (['embedded', 'database'] as const).map((kind) => [
      String(s.sentences),
      kind === 'embedded' ? 'embedded (hnswlib + BM25)' : `PostgreSQL + pgvector (${database})`,
      String(s[kind].ingestSeconds),
      String(s[kind].answerMs.p50),
      String(s[kind].answerMs.p99),
      String(s[kind].recallAt10),
      `${s.loadAverage.start[0]}–${s.loadAverage.end[0]}`,
    ]),
  );
  console.log(table([header, ...rows]));
  const seconds = round((Date.now() - started) / 1000, 0);
  const results = { date: new Date().toISOString(), machine: info, database, hnsw: HNSW_DEFAULTS, questions: QUERIES, sizes, seconds };
  const md = `Measured ${results.date.slice(0, 10)} on ${info.cpus} CPUs (${info.cpuModel}), node ${info.node}; ${QUERIES} generated questions, ` +
    `HNSW M=${HNSW_DEFAULTS.m}, efConstruction=${HNSW_DEFAULTS.efConstruction}, efSearch=${HNSW_DEFAULTS.efSearch} in both stores; database: ${database}.\n\n${markdownTable([header, ...rows])}`;
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, 'scale-postgres.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(RESULTS_DIR, 'scale-postgres.md'), `${md}\n`);
  console.log(`wrote ${path.relative(ROOT, path.join(RESULTS_DIR, 'scale-postgres.json'))} and scale-postgres.md (${seconds} s; load ${loadAverage().join(' ')})`);
}

await main();
