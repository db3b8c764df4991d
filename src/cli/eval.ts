import fs from 'node:fs';
import { loadConfig } from '../config.js';
import { createEmbedder } from '../embedding/create-embedder.js';
import { calibrationFor, CALIBRATION_FILE } from '../answer/calibration.js';
import type { Calibration } from '../answer/abstain.js';
import { loadSeedDev, loadXquad, SEED_DEV_FILE, XQUAD_FILE } from '../eval/datasets.js';
import { claimsSection } from '../eval/claims.js';
import { calibrate, embedXquad, evaluateAbstention, evaluateRetrieval } from '../eval/evaluate.js';
import { createQaService } from '../qa-service.js';
import { createProgress } from './progress.js';

const pct = (x: number) => x.toFixed(3);

/** Retrieval quality on XQuAD and answers/abstentions on the seed dev questions. Exit 1 when a seed check fails. */
export async function runEval(): Promise<number> {
  const config = loadConfig();
  const embedder = await createEmbedder(config.model, { modelsDir: config.modelsDir });
  let failed = false;
  try {
    if (fs.existsSync(XQUAD_FILE)) {
      const progress = createProgress('Embedding XQuAD');
      const data = await embedXquad(loadXquad(), embedder, progress.update);
      progress.stop();
      const m = evaluateRetrieval(data);
      console.log(`XQuAD (${m.questions} questions, ${config.model} = ${embedder.model}, hybrid)`);
      console.log(`  R@1 ${pct(m.r1)}  R@3 ${pct(m.r3)}  R@5 ${pct(m.r5)}  MRR ${pct(m.mrr)}`);
      for (const [name, weight] of [['BM25 only', 0], ['dense only', 1]] as const) {
        const alone = evaluateRetrieval(data, weight);
        console.log(`  ${name.padEnd(10)} R@1 ${pct(alone.r1)}  R@5 ${pct(alone.r5)}  MRR ${pct(alone.mrr)}`);
      }
      const abstention = evaluateAbstention(data, calibrationFor(embedder.model));
      console.log(
        `  abstention: answered ${pct(abstention.answeredRate)} of questions asked of their own article, ` +
          `${pct(abstention.falseAnswerRate)} of the same questions asked of another article`,
      );
    } else {
      console.log(`XQuAD skipped: ${XQUAD_FILE} not found.`);
    }

    if (fs.existsSync(SEED_DEV_FILE)) {
      const service = await createQaService({ config, embedder, onNotice: (message) => console.error(message) });
      console.log('\nSeed dev questions (top 3; ✓ = gold in top 3 / abstained as it should)');
      let passed = 0;
      const questions = loadSeedDev();
      for (const q of questions) {
        const answer = await service.ask(q.q);
        const top = answer.citations.slice(0, 3);
        const ok = q.unanswerable
          ? !answer.answered
          : answer.answered && top.some((c) => q.gold.some((gold) => c.quote.includes(gold)));
        if (ok) passed++;
        const hits = top.map((c) => `${c.id}(${c.score.toFixed(2)})`).join(' ');
        console.log(`  ${ok ? '✓' : '✗'} ${answer.answered ? 'answered ' : 'abstained'} ${hits.padEnd(36)} ${q.q}`);
      }
      console.log(`  ${passed}/${questions.length} pass`);
      failed = passed !== questions.length;
      await service.close();
    } else {
      console.log(`Seed dev questions skipped: ${SEED_DEV_FILE} not found.`);
    }
    console.log(`\n${(await claimsSection(embedder)).join('\n')}`);
  } finally {
    await embedder.close();
  }
  return failed ? 1 : 0;
}

/** Fits the abstention model for the configured encoder on XQuAD and stores it in src/answer/calibration.json. */
export async function runCalibrate(): Promise<number> {
  if (!fs.existsSync(XQUAD_FILE)) {
    console.error(`Calibration needs ${XQUAD_FILE}.`);
    return 1;
  }
  const config = loadConfig();
  const embedder = await createEmbedder(config.model, { modelsDir: config.modelsDir });
  try {
    const progress = createProgress('Embedding XQuAD');
    const data = await embedXquad(loadXquad(), embedder, progress.update);
    progress.stop();
    const fitted = calibrate(data, embedder.model);
    const all = JSON.parse(fs.readFileSync(CALIBRATION_FILE, 'utf8')) as Calibration[];
    const others = all.filter((entry) => entry.model !== fitted.model);
    fs.writeFileSync(CALIBRATION_FILE, `${JSON.stringify([fitted, ...others], null, 2)}\n`);
    const metrics = evaluateAbstention(data, fitted);
    console.log(JSON.stringify(fitted, null, 2));
    console.log(`answered ${pct(metrics.answeredRate)} own-article, ${pct(metrics.falseAnswerRate)} other-article questions`);
    return 0;
  } finally {
    await embedder.close();
  }
}
