/**
 * `npm run bench` — the engine's performance without Discord:
 *
 *   - answer latency (`service.ask`: embed the question + hybrid HNSW/BM25 search + answer composition), warm,
 *     p50/p95/p99 over >= 500 distinct questions generated from templates and the seed article's own words;
 *   - cold start: a fresh plain-node process running the build in dist/ (as `npm start` does) from spawn to ready-to-answer with a built index,
 *     median of 5 runs, with the phases inside the process; plus the same with onnxruntime-node used directly
 *     (no transformers.js) to show what that layer costs;
 *   - ingest throughput with the default model on a generated multi-article corpus (3,000 sentences);
 *   - memory: RSS when ready and after 10,000 questions;
 *   - the encoder bench (`bench/encoder.ts --quick`) unless `--no-encoder`.
 *
 *   npx tsx bench/run.ts [--quick] [--no-encoder] [--max-load 1.5]
 *
 * Prints a summary and writes bench/results/latest.json. Everything runs in temporary folders; nothing in the
 * project's index or models folder is touched.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildBenchChild } from './build-child.js';
import {
  BENCH_DIR,
  RESULTS_DIR,
  ROOT,
  SEEDS_DIR,
  TSX_BIN,
  distribution,
  loadAverage,
  machine,
  median,
  round,
  runJsonChild,
  syntheticArticles,
  table,
  waitForQuiet,
  type Distribution,
} from './lib.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const withEncoder = !args.includes('--no-encoder');
const maxLoad = Number(args[args.indexOf('--max-load') + 1] ?? NaN) || 1.5;
/** The child processes run the build in dist/ under plain node, as `npm start` does (see build-child.ts). */
const CHILD = await buildBenchChild();
const COLD_RUNS = quick ? 3 : 5;
const QUESTIONS = quick ? 500 : 600;
const MEMORY_QUESTIONS = quick ? 2_000 : 10_000;
const INGEST_SENTENCES = 3_000;

export const TARGETS = { p50Ms: 2, p99Ms: 10, coldStartMs: 1_000, ingestSentencesPerSec: 1_000, readyRssMB: 250 };

interface ColdResult {
  embedder: string;
  timeOrigin: number;
  phases: { moduleStart: number; imported: number; embedderLoaded?: number; ready: number; firstAnswer: number };
  rss: Record<string, number>;
  answered: boolean;
  maxRssMB: number;
}

interface ServeResult {
  readyRssMB: number;
  readyHeapMB: number;
  latency: { total: number[]; embed: number[]; rest: number[] };
  questions: number;
  answered: number;
  memoryQuestions: number;
  memoryQuestionsPerSec: number;
  afterRssMB: number;
  afterGcRssMB: number;
  afterHeapMB: number;
  maxRssMB: number;
}

interface IngestResult {
  loadMs: number;
  articles: number;
  passages: number;
  totalMs: number;
  embedMs: number;
  otherMs: number;
  sentencesPerSec: number;
  embedSentencesPerSec: number;
  rssMB: number;
  maxRssMB: number;
}

const log = (s: string) => process.stderr.write(`${s}\n`);

async function coldRun(articles: string, index: string, extra: string[]) {
  const spawnEpoch = performance.timeOrigin + performance.now();
  const r = await runJsonChild<ColdResult>(process.execPath, [CHILD, 'cold', '--articles', articles, '--index', index, ...extra], { timeoutMs: 120_000 });
  return {
    ...r,
    /** Wall clock from spawn() in this process to the child's service being ready / first answer returned. */
    spawnToReadyMs: r.timeOrigin + r.phases.ready - spawnEpoch,
    spawnToFirstAnswerMs: r.timeOrigin + r.phases.firstAnswer - spawnEpoch,
  };
}

function summarizeCold(runs: Array<Awaited<ReturnType<typeof coldRun>>>) {
  const m = (f: (r: (typeof runs)[number]) => number | undefined) => round(median(runs.map(f).filter((x): x is number => x !== undefined)), 0);
  return {
    runs: runs.length,
    spawnToReadyMs: m((r) => r.spawnToReadyMs),
    spawnToFirstAnswerMs: m((r) => r.spawnToFirstAnswerMs),
    allSpawnToReadyMs: runs.map((r) => round(r.spawnToReadyMs, 0)),
    /** Inside the node process (ms since it started). */
    nodeAndLoaderBootMs: m((r) => r.phases.moduleStart),
    importEngineMs: m((r) => r.phases.imported - r.phases.moduleStart),
    embedderAndIndexMs: m((r) => r.phases.ready - r.phases.imported),
    firstAskMs: m((r) => r.phases.firstAnswer - r.phases.ready),
    rssMB: {
      boot: m((r) => r.rss.moduleStart),
      engineImported: m((r) => r.rss.imported),
      ready: m((r) => r.rss.ready),
      firstAnswer: m((r) => r.rss.firstAnswer),
    },
  };
}

async function main() {
  const started = Date.now();
  const info = machine();
  log(`Footnote bench — ${info.cpus} CPUs (${info.cpuModel}), node ${info.node}, load ${loadAverage().join(' ')}`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'footnote-bench-'));
  const results: Record<string, unknown> = { date: new Date().toISOString(), machine: info, quick, targets: TARGETS };
  const loads: Record<string, number[]> = {};
  try {
    const articles = path.join(tmp, 'articles');
    const index = path.join(tmp, 'index');
    cpSync(SEEDS_DIR, articles, { recursive: true });

    // 1. Cold start. The first run builds the index (not counted) and warms the page cache.
    log('cold start: building the seed index (not timed)…');
    await coldRun(articles, index, []);
    loads.coldStart = await waitForQuiet(maxLoad, 120_000);
    log(`cold start: ${COLD_RUNS} runs of the build under plain node, interleaved with ${COLD_RUNS} using onnxruntime-node directly (load ${loads.coldStart.join(' ')})…`);
    // Interleaved with the diagnosis (onnxruntime-node directly, no transformers.js) so both see the same load.
    const cliRuns = [];
    const ortRuns = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      cliRuns.push(await coldRun(articles, index, []));
      ortRuns.push(await coldRun(articles, index, ['--embedder', 'ort']));
    }
    const cold = summarizeCold(cliRuns);
    const coldOrt = summarizeCold(ortRuns);
    log(`  median spawn → ready ${cold.spawnToReadyMs} ms, RSS ready ${cold.rssMB.ready} MB`);
    log(`  onnxruntime direct: median spawn → ready ${coldOrt.spawnToReadyMs} ms, RSS ready ${coldOrt.rssMB.ready} MB`);
    results.coldStart = { loadAverage: loads.coldStart, builtNode: cold, diagnosisOrtDirect: coldOrt };

    // 2. Warm latency and memory.
    loads.latency = await waitForQuiet(maxLoad, 120_000);
    log(`latency: ${QUESTIONS} questions, then ${MEMORY_QUESTIONS} more for memory (load ${loads.latency.join(' ')})…`);
    const serve = await runJsonChild<ServeResult>(
      process.execPath,
      ['--expose-gc', CHILD, 'serve', '--articles', articles, '--index', index, '--questions', String(QUESTIONS), '--memory-questions', String(MEMORY_QUESTIONS)],
      { timeoutMs: 600_000 },
    );
    const lat = {
      total: distribution(serve.latency.total),
      embed: distribution(serve.latency.embed),
      searchAndCompose: distribution(serve.latency.rest),
    };
    loads.latencyEnd = loadAverage();
    results.latency = { loadAverage: loads.latency, loadAverageAfter: loads.latencyEnd, questions: serve.questions, answered: serve.answered, ms: lat };
    results.memory = {
      readyRssMB: round(serve.readyRssMB, 1),
      readyHeapMB: round(serve.readyHeapMB, 1),
      questions: serve.memoryQuestions,
      questionsPerSec: round(serve.memoryQuestionsPerSec, 0),
      afterRssMB: round(serve.afterRssMB, 1),
      afterGcRssMB: round(serve.afterGcRssMB, 1),
      growthMB: round(serve.afterGcRssMB - serve.readyRssMB, 1),
      afterHeapMB: round(serve.afterHeapMB, 1),
      maxRssMB: round(serve.maxRssMB, 1),
    };

    // 3. Ingest throughput on a generated corpus.
    const corpus = path.join(tmp, 'corpus');
    mkdirSync(corpus);
    const generated = syntheticArticles(INGEST_SENTENCES, 40, 11);
    for (const a of generated) writeFileSync(path.join(corpus, a.name), a.text);
    loads.ingest = await waitForQuiet(maxLoad, 120_000);
    log(`ingest: ${generated.length} generated articles, ${INGEST_SENTENCES} sentences (load ${loads.ingest.join(' ')})…`);
    const ingest = await runJsonChild<IngestResult>(
      process.execPath,
      [CHILD, 'ingest', '--articles', corpus, '--index', path.join(tmp, 'corpus-index')],
      { timeoutMs: 600_000 },
    );
    log('ingest diagnosis: the same on the answering session alone (EMBED_THREADS=0)…');
    const ingestOneSession = await runJsonChild<IngestResult>(
      process.execPath,
      [CHILD, 'ingest', '--articles', corpus, '--index', path.join(tmp, 'corpus-index-one'), '--embed-threads', '0'],
      { timeoutMs: 600_000 },
    );
    log('ingest diagnosis: the same with the float model (use-lite)…');
    const ingestFloat = await runJsonChild<IngestResult>(
      process.execPath,
      [CHILD, 'ingest', '--articles', corpus, '--index', path.join(tmp, 'corpus-index-fp32'), '--model', 'use-lite'],
      { timeoutMs: 600_000 },
    );
    const seedText = readFileSync(path.join(SEEDS_DIR, '000_ce70d124781ea012.txt'), 'utf8');
    const seedSentences = seedText.split(/(?<=[.!?”"])\s+/).filter((s) => s.trim());
    results.ingest = {
      loadAverage: loads.ingest,
      ...ingest,
      avgWordsPerSentence: round(generated.reduce((a, g) => a + g.text.split(/\s+/).length, 0) / INGEST_SENTENCES, 1),
      seedAvgWordsPerSentence: round(seedText.split(/\s+/).length / seedSentences.length, 1),
      diagnosisOneSession: ingestOneSession,
      diagnosisFloat: ingestFloat,
    };

    // What the tsx loader adds to importing the heavy modules (plain node vs node --import tsx).
    log('import cost diagnosis: plain node vs node --import tsx…');
    const heavy = ['@huggingface/transformers', 'onnxruntime-node', 'wink-lemmatizer', 'hnswlib-node', 'zod', 'discord.js'];
    const importCost = async (tsx: boolean) => {
      const runs: Array<Array<{ module: string; ms: number; rssMB: number }>> = [];
      for (let i = 0; i < 3; i++)
        runs.push(await runJsonChild<Array<{ module: string; ms: number; rssMB: number }>>(process.execPath, [...(tsx ? ['--import', 'tsx'] : []), path.join(BENCH_DIR, 'import-cost.mjs'), ...heavy], { timeoutMs: 60_000 }));
      return runs[0]!.map((step, j) => ({
        module: step.module,
        ms: round(median(runs.map((r) => r[j]!.ms)), 0),
        rssAfterMB: round(median(runs.map((r) => r[j]!.rssMB)), 0),
      }));
    };
    results.importCost = { plainNode: await importCost(false), tsx: await importCost(true) };

    // 4. The encoder on its own.
    if (withEncoder) {
      loads.encoder = await waitForQuiet(maxLoad, 120_000);
      log(`encoder: bench/encoder.ts --quick (load ${loads.encoder.join(' ')})…`);
      try {
        const t = performance.now();
        await runJsonChild<unknown>(TSX_BIN, [path.join(BENCH_DIR, 'encoder.ts'), '--quick'], { timeoutMs: 600_000 }).catch((e: Error) => {
          // encoder.ts prints a table rather than a RESULT line: a clean exit without one is expected.
          if (!/exited 0/.test(e.message)) throw e;
        });
        const enc = JSON.parse(readFileSync(path.join(RESULTS_DIR, 'encoder.json'), 'utf8')) as { results: Array<Record<string, number | string>> };
        results.encoder = {
          loadAverage: loads.encoder,
          seconds: round((performance.now() - t) / 1000, 0),
          results: enc.results.map((r) => ({
            variant: r.variant,
            articleSentencesPerSec: round(Number(r.articleSentencesPerSec), 0),
            shortSentencesPerSec: round(Number(r.shortSentencesPerSec), 0),
            latencyP50Ms: round(Number(r.latencyP50Ms), 2),
            loadMs: round(Number(r.loadMs), 0),
            rssMB: round(Number(r.rssMB), 0),
          })),
        };
      } catch (error) {
        results.encoder = { error: (error as Error).message };
      }
    }

    // Summary.
    const f = (x: number, d = 1) => x.toFixed(d);
    const ok = (pass: boolean) => (pass ? 'ok' : 'MISSED');
    const mem = results.memory as { readyRssMB: number; afterRssMB: number; afterGcRssMB: number; growthMB: number; questions: number };
    const rows = [
      ['measure', 'value', 'target', ''],
      ['answer p50 (ms)', f(lat.total.p50, 2), `<= ${TARGETS.p50Ms}`, ok(lat.total.p50 <= TARGETS.p50Ms)],
      ['answer p95 (ms)', f(lat.total.p95, 2), '', ''],
      ['answer p99 (ms)', f(lat.total.p99, 2), `<= ${TARGETS.p99Ms}`, ok(lat.total.p99 <= TARGETS.p99Ms)],
      ['  of which embed p50/p99', `${f(lat.embed.p50, 2)}/${f(lat.embed.p99, 2)}`, '', ''],
      ['  of which search+compose p50/p99', `${f(lat.searchAndCompose.p50, 2)}/${f(lat.searchAndCompose.p99, 2)}`, '', ''],
      ['cold start, spawn → ready (ms)', f(cold.spawnToReadyMs, 0), `<= ${TARGETS.coldStartMs}`, ok(cold.spawnToReadyMs <= TARGETS.coldStartMs)],
      ['  same, onnxruntime direct (ms)', f(coldOrt.spawnToReadyMs, 0), '', 'diagnosis'],
      ['ingest (sentences/s)', f(ingest.sentencesPerSec, 0), `>= ${TARGETS.ingestSentencesPerSec}`, ok(ingest.sentencesPerSec >= TARGETS.ingestSentencesPerSec)],
      ['  embedding only (sentences/s)', f(ingest.embedSentencesPerSec, 0), '', ''],
      ['RSS ready (MB)', f(mem.readyRssMB, 0), `<= ${TARGETS.readyRssMB}`, ok(mem.readyRssMB <= TARGETS.readyRssMB)],
      ['  cold process RSS ready (MB)', f(cold.rssMB.ready, 0), '', ''],
      ['  same, onnxruntime direct (MB)', f(coldOrt.rssMB.ready, 0), '', 'diagnosis'],
      [`RSS after ${mem.questions} questions (MB)`, `${f(mem.afterRssMB, 0)} (${f(mem.afterGcRssMB, 0)} after GC)`, '', ''],
      ['RSS growth (MB)', f(mem.growthMB, 1), '', ''],
    ];
    console.log(`\nFootnote bench, ${info.cpus} CPUs (os.cpus().length), ${info.cpuModel}, node ${info.node}`);
    console.log(table(rows));
    console.log(
      `\ncold start phases (median, in-process): node boot ${cold.nodeAndLoaderBootMs} ms, import engine ${cold.importEngineMs} ms, ` +
        `embedder+index ${cold.embedderAndIndexMs} ms (onnxruntime direct: ${coldOrt.embedderAndIndexMs} ms), first ask ${cold.firstAskMs} ms`,
    );
    const ic = results.importCost as { plainNode: Array<{ module: string; ms: number; rssAfterMB: number }>; tsx: Array<{ module: string; ms: number; rssAfterMB: number }> };
    console.log('\nimport cost, ms (RSS after, MB): plain node vs node --import tsx');
    console.log(
      table([
        ['module', 'plain node', 'tsx'],
        ...ic.plainNode.map((p, j) => [p.module, `${p.ms} (${p.rssAfterMB})`, `${ic.tsx[j]!.ms} (${ic.tsx[j]!.rssAfterMB})`]),
      ]),
    );
    const peak = (r: IngestResult) => `peak RSS ${f(r.maxRssMB, 0)} MB`;
    console.log(`ingest, default (${peak(ingest)}); on the answering session alone, EMBED_THREADS=0 (diagnosis): ${f(ingestOneSession.sentencesPerSec, 0)} sentences/s (embedding only ${f(ingestOneSession.embedSentencesPerSec, 0)}, ${peak(ingestOneSession)})`);
    console.log(`ingest with the float model (diagnosis): ${f(ingestFloat.sentencesPerSec, 0)} sentences/s (embedding only ${f(ingestFloat.embedSentencesPerSec, 0)}, ${peak(ingestFloat)})`);
    console.log(`load averages: ${Object.entries(loads).map(([k, v]) => `${k} ${v.join('/')}`).join('; ')}`);
    if (results.encoder && 'results' in (results.encoder as object)) {
      const enc = results.encoder as { results: Array<Record<string, number | string>> };
      console.log(`encoder (bench/encoder.ts --quick): ${enc.results.map((r) => `${r.variant} ${r.articleSentencesPerSec} article sent/s, p50 ${r.latencyP50Ms} ms`).join('; ')}`);
    }
    results.loadAverages = loads;
    results.seconds = round((Date.now() - started) / 1000, 0);
    mkdirSync(RESULTS_DIR, { recursive: true });
    const out = path.join(RESULTS_DIR, 'latest.json');
    writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`wrote ${path.relative(ROOT, out)} (${results.seconds} s)`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export type { Distribution };
await main();
