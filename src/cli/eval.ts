import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
import { addSecondOpinion, devInstances, xquadInstances, type AnswerInstance } from '../eval/answer-data.js';
import { answerModelReport } from '../eval/answer-report.js';
import { fitAnswerModel, shippedFit } from '../eval/cross-validate.js';
import { embedXquad, evaluateRetrieval, type EmbeddedXquad } from '../eval/evaluate.js';
import { claimsSection } from '../eval/claims.js';
import { createQaService } from '../qa-service.js';
import type { QaService } from '../types.js';
import { createProgress } from './progress.js';

const pct = (x: number) => x.toFixed(3);
/** The README's demo question and the sentence that answers it. */
const DEMO = { question: 'Who leads the Russian delegation?', id: '11.1' };

/** Retrieval quality on XQuAD, the development sets, and the seed dev questions. Exit 1 when a seed check fails. */
export async function runEval(): Promise<number> {
  const config = loadConfig();
  const embedder = await createEmbedder(config.model, { modelsDir: config.modelsDir });
  const second = await secondOpinionFor(config, embedder);
  // The service parts answer as shipped: with the second encoder only when a model was fitted for the pair.
  const judge = second && hasCalibration(combinedModelId(embedder.model, second.model)) ? second : null;
  try {
    if (fs.existsSync(XQUAD_FILE)) {
      const data = await reportXquad(embedder, config.model);
      const instances = await answerInstances(data, embedder, second);
      const shippedId = judge ? combinedModelId(embedder.model, judge.model) : embedder.model;
      for (const line of answerModelReport(instances, calibrationFor(shippedId).calibration, data.articles)) console.log(line);
    } else console.log(`XQuAD skipped: ${XQUAD_FILE} not found.`);
    if (devSetsPresent()) await reportDevSets(embedder, judge);
    else console.log('Development sets skipped: not found beside the project.');
    let code = 0;
    if (fs.existsSync(SEED_DEV_FILE)) code = await reportSeedDev(embedder, judge);
    else console.log(`Seed dev questions skipped: ${SEED_DEV_FILE} not found.`);
    console.log(`\n${(await claimsSection(embedder)).join('\n')}`);
    return code;
  } finally {
    await second?.close();
    await embedder.close();
  }
}

/** `RERANK_MODEL`'s encoder for the answer model's instances, fitted or not (calibration is what fits it). */
async function secondOpinionFor(config: Config, embedder: Embedder): Promise<SecondOpinion | undefined> {
  if (!config.rerankModel) return undefined;
  const say = (message: string) => console.error(message);
  return openSecondOpinion(config.rerankModel, embedder.model, config.modelsDir, say, false);
}

async function reportXquad(embedder: Embedder, configured: string): Promise<EmbeddedXquad> {
  const progress = createProgress('Embedding XQuAD');
  const data = await embedXquad(loadXquad(), embedder, progress.update);
  progress.stop();
  const m = evaluateRetrieval(data);
  console.log(`XQuAD (${m.questions} questions, ${configured} = ${embedder.model}, hybrid)`);
  console.log(`  R@1 ${pct(m.r1)}  R@3 ${pct(m.r3)}  R@5 ${pct(m.r5)}  MRR ${pct(m.mrr)}`);
  for (const [name, weight] of [['BM25 only', 0], ['dense only', 1]] as const) {
    const alone = evaluateRetrieval(data, weight);
    console.log(`  ${name.padEnd(10)} R@1 ${pct(alone.r1)}  R@5 ${pct(alone.r5)}  MRR ${pct(alone.mrr)}`);
  }
  return data;
}

/** XQuAD questions (own article, gold removed, another article) and, when present, the development questions. */
async function answerInstances(data: EmbeddedXquad, embedder: Embedder, second?: SecondOpinion): Promise<AnswerInstance[]> {
  const xquad = xquadInstances(data);
  const instances = devSetsPresent() ? [...xquad, ...(await devInstances(embedder))] : xquad;
  return second ? addSecondOpinion(instances, second) : instances;
}

/** Every development article and the seed in one index; each set's questions asked through the service. */
async function reportDevSets(embedder: Embedder, secondOpinion: SecondOpinion | null): Promise<void> {
  const articles = devArticlesFolder();
  const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'footnote-dev-index-'));
  const service = await createQaService({ articlesDir: articles.dir, indexDir, embedder, secondOpinion });
  try {
    console.log(`\nDevelopment sets through the service (${DEV_SETS.length} articles in one index; gold among the shown citations; shipped model)`);
    console.log(`  ${TALLY_HEADER}`);
    let pooled = emptyTally();
    for (const article of DEV_SETS) {
      const tally = await tallyDevSet(service, article);
      console.log(`  ${formatTallyRow(article, tally)}`);
      pooled = addTallies(pooled, tally);
    }
    console.log(`  ${formatTallyRow('pooled', pooled)}`);
    console.log(`  demo, several articles: ${await demoLine(service)}`);
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

async function reportSeedDev(embedder: Embedder, secondOpinion: SecondOpinion | null): Promise<number> {
  const service = await createQaService({ embedder, secondOpinion, onNotice: (message) => console.error(message) });
  try {
    console.log('\nSeed dev questions (top 3; ✓ = gold in top 3 / abstained as it should)');
    let passed = 0;
    const questions = loadSeedDev();
    for (const q of questions) {
      const answer = await service.ask(q.q);
      const top = answer.citations.slice(0, 3);
      const ok = q.unanswerable ? !answer.answered : answer.answered && top.some((c) => q.gold.some((gold) => c.quote.includes(gold)));
      if (ok) passed++;
      const hits = top.map((c) => `${c.id}(${c.score.toFixed(2)})`).join(' ');
      console.log(`  ${ok ? '✓' : '✗'} ${answer.answered ? 'answered ' : 'abstained'} ${hits.padEnd(36)} ${q.q}`);
    }
    console.log(`  ${passed}/${questions.length} pass`);
    console.log(`  demo, one article: ${await demoLine(service)}`);
    return passed === questions.length ? 0 : 1;
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
  const embedder = await createEmbedder(config.model, { modelsDir: config.modelsDir });
  const second = await secondOpinionFor(config, embedder);
  try {
    const progress = createProgress('Embedding XQuAD');
    const data = await embedXquad(loadXquad(), embedder, progress.update);
    progress.stop();
    const instances = await answerInstances(data, embedder, second);
    const questions = (set: string) => instances.filter((i) => (set === 'xquad') === (i.set === 'xquad') && i.kind !== 'removed' && i.kind !== 'foreign').length;
    const fitted = {
      ...fitAnswerModel(instances, shippedFit(instances), second ? combinedModelId(embedder.model, second.model) : embedder.model),
      fittedOn:
        `XQuAD en (${questions('xquad')} questions asked of their own article, of it without the gold sentence and of another article)` +
        (questions('dev') > 0 ? ` and the development sets (${questions('dev')} questions, all articles in one index)` : ''),
    };
    saveCalibration(fitted);
    console.log(JSON.stringify(fitted, null, 2));
    return 0;
  } finally {
    await second?.close();
    await embedder.close();
  }
}
