/**
 * Which of a second encoder's features to fit: the answer model cross-validated by article (as `npm run eval`
 * reports it) with each set of second-encoder features added to the shipped ones.
 *
 *   RERANK_MODEL=all-minilm-l6-v2 npx tsx bench/second-opinion-levers.ts
 */
import { FEATURE_NAMES } from '../src/answer/features.js';
import { SECOND_OPINION_FEATURES, SECOND_OPINION_RANK } from '../src/answer/second-opinion.js';
import { loadConfig } from '../src/config.js';
import { createEmbedder } from '../src/embedding/create-embedder.js';
import { addSecondOpinion, devInstances, xquadInstances } from '../src/eval/answer-data.js';
import { crossValidate, SHIPPED_FIT } from '../src/eval/cross-validate.js';
import { loadXquad } from '../src/eval/datasets.js';
import { DEV_SETS, formatTallyRow } from '../src/eval/dev-sets.js';
import { embeddedStores } from '../src/eval/eval-stores.js';
import { embedXquad, openXquad } from '../src/eval/evaluate.js';
import { openSecondOpinion } from '../src/service/open-second-opinion.js';

const config = loadConfig();
const embedder = await createEmbedder(config.model, { modelsDir: config.modelsDir });
const second = await openSecondOpinion(config.rerankModel ?? 'all-minilm-l6-v2', embedder.model, config.modelsDir, console.error, false);
if (!second) process.exit(1);
const stores = embeddedStores();
const data = await openXquad(await embedXquad(loadXquad(), embedder), stores);
const instances = await addSecondOpinion([...(await xquadInstances(data)), ...(await devInstances(embedder, stores))], second);
const variants: Array<[string, readonly string[]]> = [
  ['main features only', []],
  ['+ dense2', ['dense2']],
  ['+ dense2, dense2Gap (shipped)', SECOND_OPINION_FEATURES],
  ['+ dense2, dense2Rank', ['dense2', SECOND_OPINION_RANK]],
  ['+ dense2, dense2Gap, dense2Rank', [...SECOND_OPINION_FEATURES, SECOND_OPINION_RANK]],
];
const f3 = (x: number) => x.toFixed(3);
for (const [label, extra] of variants) {
  const report = crossValidate(instances, { ...SHIPPED_FIT, features: [...FEATURE_NAMES, ...extra] }, 3, DEV_SETS);
  console.log(`${label}\n  ${formatTallyRow('pooled', report.pooled)}`);
  console.log(
    `  dev gold R@1 ${f3(report.devRanks.r1)}  XQuAD R@1 ${f3(report.xquad.r1)} R@5 ${f3(report.xquad.r5)}  another article answered ${f3(report.xquadAnswered.foreign)}`,
  );
}
await stores.close();
await second.close();
await embedder.close();
