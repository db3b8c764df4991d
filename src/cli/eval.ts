import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig, type Config } from '../config.js';
import { createEmbedder } from '../embedding/create-embedder.js';
import type { Embedder } from '../embedding/embedder.js';
import { calibrationFor, hasCalibration, saveCalibration } from '../answer/calibration.js';
import { combinedModelId, type SecondOpinion } from '../answer/second-opinion.js';
import { openSecondOpinion } from '../service/open-second-opinion.js';
import { loadSeedDev, loadXquad, SEED_DEV_FILE, XQUAD_FILE } from '../eval/datasets.js';
import {
  addTallies,
  DEV_SETS,
  devArticlesFolder,
  devSetsPresent,
  emptyTally,
  formatTallyRow,
  loadDevSet,
  TALLY_HEADER,
  tallyAnswer,
  type DevTally,
} from '../eval/dev-sets.js';
import { isOwnSet } from '../eval/own-questions.js';
import { addSecondOpinion, crowdedXquadInstances, devInstances, ownInstances, xquadInstances, type AnswerInstance } from '../eval/answer-data.js';
import { answerModelReport } from '../eval/answer-report.js';
import { fitAnswerModel, shippedFit } from '../eval/cross-validate.js';
import { compareReports } from '../eval/compare-reports.js';
import { embeddedStores, postgresStores, type EvalStores, type StoreKind } from '../eval/eval-stores.js';
import { embedXquad, evaluateRetrieval, openXquad, type EmbeddedXquad, type XquadVectors } from '../eval/evaluate.js';
import { claimsSection } from '../eval/claims.js';
import type { LocalPostgres } from '../dev/local-postgres.js';
import { FootnoteError } from '../errors.js';
import { createQaService } from '../qa-service.js';
import type { QaService } from '../types.js';
import { createProgress } from './progress.js';

const pct = (x: number) => x.toFixed(3);
/** The README's demo question and the sentence that answers it. */
const DEMO = { question: 'Who leads the Russian delegation?', id: '11.1' };

export type StoreChoice = StoreKind | 'both';

export interface EvalOptions {
  /** Which store to measure; `both` reports them side by side. Default: both with DATABASE_URL set, else embedded. */
  store?: string;
}

/** The report of one store: its lines, and 1 when a seed check failed. */
interface StoreReport {
  lines: string[];
  code: number;
  seconds: number;
}

/**
 * Retrieval quality on XQuAD, the development sets, and the seed dev questions, measured through the chosen store(s).
 * The PostgreSQL store is DATABASE_URL, or, when that is unset, a local PostgreSQL started for the run. Exit 1 when
 * a seed check fails.
 */
export async function runEval(options: EvalOptions = {}): Promise<number> {
  const config = loadConfig();
  const kinds = storeKinds(options.store, config.databaseUrl);
  const embedder = await createEmbedder(config.model, { modelsDir: config.modelsDir, bulkThreads: config.embedThreads });
  const second = await secondOpinionFor(config, embedder);
  // The service parts answer as shipped: with the second encoder only when a model was fitted for the pair.
  const judge = second && hasCalibration(combinedModelId(embedder.model, second.model)) ? second : null;
  let local: LocalPostgres | undefined;
  try {
    const xquad = fs.existsSync(XQUAD_FILE) ? await embedXquadShowingProgress(embedder) : undefined;
    const reports: StoreReport[] = [];
    for (const kind of kinds) {
      const stores = kind === 'embedded' ? embeddedStores() : postgresStores(config.databaseUrl ?? (local ??= await startLocal()).url);
      const started = performance.now();
      try {
        const report = await storeReport(embedder, config.model, stores, xquad, { second, judge });
        reports.push({ ...report, seconds: (performance.now() - started) / 1000 });
      } finally {
        await stores.close();
      }
    }
    if (reports.length === 1) console.log(reports[0]!.lines.join('\n'));
    else printSideBySide(kinds as [StoreKind, StoreKind], reports as [StoreReport, StoreReport]);
    return Math.max(...reports.map((r) => r.code));
  } finally {
    await local?.stop();
    await second?.close();
    await embedder.close();
  }
}

function storeKinds(choice: string | undefined, databaseUrl: string | undefined): StoreKind[] {
  const chosen = choice ?? (databaseUrl ? 'both' : 'embedded');
  if (chosen === 'both') return ['embedded', 'postgres'];
  if (chosen === 'embedded' || chosen === 'postgres') return [chosen];
  throw new FootnoteError('BAD_CONFIG', { name: '--store', reason: `must be embedded, postgres or both, not "${chosen}"` });
}

/** PGlite is a dev dependency: loaded only when a run asks for a database and names none. */
async function startLocal(): Promise<LocalPostgres> {
  console.error('DATABASE_URL is not set: starting a local PostgreSQL with pgvector (PGlite) for this run.');
  const { startLocalPostgres } = await import('../dev/local-postgres.js');
  return startLocalPostgres();
}

/** `RERANK_MODEL`'s encoder for the answer model's instances, fitted or not (calibration is what fits it). */
async function secondOpinionFor(config: Config, embedder: Embedder): Promise<SecondOpinion | undefined> {
  if (!config.rerankModel) return undefined;
  const say = (message: string) => console.error(message);
  return openSecondOpinion(config.rerankModel, embedder.model, config.modelsDir, say, false);
}

/** A second encoder's part in a run: its features on every instance, and in the service when the pair was fitted. */
interface Seconds {
  second?: SecondOpinion;
  judge: SecondOpinion | null;
}

async function storeReport(
  embedder: Embedder,
  configured: string,
  stores: EvalStores,
  xquad: XquadVectors | undefined,
  { second, judge }: Seconds,
): Promise<Omit<StoreReport, 'seconds'>> {
  const lines: string[] = [];
  if (xquad) {
    const data = await openXquad(xquad, stores);
    lines.push(...(await reportXquad(data, configured, embedder.model)));
    const { instances, crowded } = await answerInstances(data, embedder, stores, second);
    const shippedId = judge ? combinedModelId(embedder.model, judge.model) : embedder.model;
    lines.push(...answerModelReport(instances, calibrationFor(shippedId).calibration, data.articles, crowded));
  } else lines.push(`XQuAD skipped: ${XQUAD_FILE} not found.`);
  if (devSetsPresent()) lines.push(...(await reportDevSets(embedder, stores, judge)));
  else lines.push('Development sets skipped: not found beside the project.');
  let code = 0;
  if (fs.existsSync(SEED_DEV_FILE)) {
    const seed = await reportSeedDev(embedder, stores, judge);
    lines.push(...seed.lines);
    code = seed.code;
  } else lines.push(`Seed dev questions skipped: ${SEED_DEV_FILE} not found.`);
  lines.push('', ...(await claimsSection(embedder, stores.serviceOptions('claims'))));
  return { lines, code };
}

/** Both reports as one: lines alike printed once, differing lines from each store, then the largest difference. */
function printSideBySide(kinds: [StoreKind, StoreKind], [first, second]: [StoreReport, StoreReport]): void {
  const compared = compareReports(kinds, first.lines, second.lines);
  console.log(`Stores side by side: lines alike in both are printed once, lines that differ are marked with their store.\n`);
  console.log(compared.lines.join('\n'));
  const largest = compared.largest ? `largest figure difference ${compared.largest.difference.toFixed(4)} ("${compared.largest.line}")` : 'no figure differs';
  console.log(`\n${kinds[0]} vs ${kinds[1]}: ${compared.figures} figures compared, ${compared.differingLines} lines differ, ${largest}.`);
  console.log(`  ${kinds.map((kind, i) => `${kind} ${[first, second][i]!.seconds.toFixed(0)} s`).join(', ')}`);
}

async function embedXquadShowingProgress(embedder: Embedder): Promise<XquadVectors> {
  const progress = createProgress('Embedding XQuAD');
  const data = await embedXquad(loadXquad(), embedder, progress.update);
  progress.stop();
  return data;
}

async function reportXquad(data: EmbeddedXquad, configured: string, model: string): Promise<string[]> {
  const m = await evaluateRetrieval(data);
  const lines = [`XQuAD (${m.questions} questions, ${configured} = ${model}, hybrid)`, `  R@1 ${pct(m.r1)}  R@3 ${pct(m.r3)}  R@5 ${pct(m.r5)}  MRR ${pct(m.mrr)}`];
  for (const [name, weight] of [['BM25 only', 0], ['dense only', 1]] as const) {
    const alone = await evaluateRetrieval(data, weight);
    lines.push(`  ${name.padEnd(10)} R@1 ${pct(alone.r1)}  R@5 ${pct(alone.r5)}  MRR ${pct(alone.mrr)}`);
  }
  return lines;
}

/**
 * XQuAD questions (own article, gold removed, another article), the development questions when present and the
 * project's own (measured, not fitted on: `fitAnswerModel`); and apart, XQuAD asked of all its articles in one index
 * (`crowded`).
 */
async function answerInstances(data: EmbeddedXquad, embedder: Embedder, stores: EvalStores, second?: SecondOpinion): Promise<{ instances: AnswerInstance[]; crowded: AnswerInstance[] }> {
  const xquad = await xquadInstances(data);
  const dev = devSetsPresent() ? await devInstances(embedder, stores) : [];
  const instances = [...xquad, ...dev, ...(await ownInstances(embedder, stores))];
  const crowded = await crowdedXquadInstances(data);
  return second ? { instances: await addSecondOpinion(instances, second), crowded: await addSecondOpinion(crowded, second) } : { instances, crowded };
}

/** Every development article and the seed in one index; each set's questions asked through the service. */
async function reportDevSets(embedder: Embedder, stores: EvalStores, secondOpinion: SecondOpinion | null): Promise<string[]> {
  const articles = devArticlesFolder();
  const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'footnote-dev-index-'));
  const service = await createQaService({ articlesDir: articles.dir, indexDir, embedder, secondOpinion, ...stores.serviceOptions('dev-sets') });
  try {
    const lines = [`\nDevelopment sets through the service (${DEV_SETS.length} articles in one index; gold among the shown citations; shipped model)`];
    lines.push(`  ${TALLY_HEADER}`);
    let pooled = emptyTally();
    for (const article of DEV_SETS) {
      const tally = await tallyDevSet(service, article);
      lines.push(`  ${formatTallyRow(article, tally)}`);
      pooled = addTallies(pooled, tally);
    }
    lines.push(`  ${formatTallyRow('pooled', pooled)}`);
    lines.push(`  demo, several articles: ${await demoLine(service)}`);
    return lines;
  } finally {
    await service.close();
    articles.remove();
    fs.rmSync(indexDir, { recursive: true, force: true });
  }
}

async function tallyDevSet(service: QaService, article: string): Promise<DevTally> {
  const tally = emptyTally();
  for (const q of loadDevSet(article)) tallyAnswer(tally, q, await service.ask(q.q));
  return tally;
}

async function demoLine(service: QaService): Promise<string> {
  const answer = await service.ask(DEMO.question);
  const cited = answer.citations.map((c) => `[${c.n}] ${c.id} ${c.score.toFixed(2)}`).join(', ');
  const ok = answer.answered && answer.citations[0]?.id === DEMO.id;
  return `${ok ? '✓' : '✗'} "${DEMO.question}" → ${answer.answered ? 'answered' : 'abstained'}: ${cited}`;
}

async function reportSeedDev(embedder: Embedder, stores: EvalStores, secondOpinion: SecondOpinion | null): Promise<{ lines: string[]; code: number }> {
  const service = await createQaService({ embedder, secondOpinion, onNotice: (message) => console.error(message), ...stores.serviceOptions('seed') });
  try {
    const lines = ['\nSeed dev questions (top 3; ✓ = gold in top 3 / abstained as it should)'];
    let passed = 0;
    const questions = loadSeedDev();
    for (const q of questions) {
      const answer = await service.ask(q.q);
      const top = answer.citations.slice(0, 3);
      const ok = q.unanswerable ? !answer.answered : answer.answered && top.some((c) => q.gold.some((gold) => c.quote.includes(gold)));
      if (ok) passed++;
      const hits = top.map((c) => `${c.id}(${c.score.toFixed(2)})`).join(' ');
      lines.push(`  ${ok ? '✓' : '✗'} ${answer.answered ? 'answered ' : 'abstained'} ${hits.padEnd(36)} ${q.q}`);
    }
    lines.push(`  ${passed}/${questions.length} pass`);
    lines.push(`  demo, one article: ${await demoLine(service)}`);
    return { lines, code: passed === questions.length ? 0 : 1 };
  } finally {
    await service.close();
  }
}

/** Fits the answer model for the configured encoder on XQuAD (and the development sets) into src/answer/calibration.json. */
export async function runCalibrate(): Promise<number> {
  if (!fs.existsSync(XQUAD_FILE)) {
    console.error(`Calibration needs ${XQUAD_FILE}.`);
    return 1;
  }
  const config = loadConfig();
  const embedder = await createEmbedder(config.model, { modelsDir: config.modelsDir, bulkThreads: config.embedThreads });
  const second = await secondOpinionFor(config, embedder);
  try {
    const data = await openXquad(await embedXquadShowingProgress(embedder), embeddedStores());
    const { instances, crowded } = await answerInstances(data, embedder, embeddedStores(), second);
    const questions = (set: string) => instances.filter((i) => (set === 'xquad') === (i.set === 'xquad') && !isOwnSet(i.set) && i.kind !== 'removed' && i.kind !== 'foreign').length;
    const fitted = {
      ...fitAnswerModel(instances, shippedFit(instances), second ? combinedModelId(embedder.model, second.model) : embedder.model, crowded),
      fittedOn:
        `XQuAD en (${questions('xquad')} questions asked of their own article, of it without the gold sentence and of another article)` +
        (questions('dev') > 0 ? ` and the development sets (${questions('dev')} questions, all articles in one index)` : '') +
        `; the crowded threshold on XQuAD asked of all ${data.articles.length} articles in one index`,
    };
    saveCalibration(fitted);
    console.log(JSON.stringify(fitted, null, 2));
    return 0;
  } finally {
    await second?.close();
    await embedder.close();
  }
}
