/**
 * Whether the question's focus noun as an answer type helps: the answer model cross-validated by article (as
 * `npm run eval` reports it) with each set of focus features added to the others (src/answer/focus-type.ts).
 *
 *   npx tsx bench/focus-type-levers.ts
 */
import { FEATURE_NAMES } from '../src/answer/features.js';
import { loadConfig } from '../src/config.js';
import { createEmbedder } from '../src/embedding/create-embedder.js';
import { devInstances, xquadInstances } from '../src/eval/answer-data.js';
import { crossValidate, SHIPPED_FIT } from '../src/eval/cross-validate.js';
import { loadXquad } from '../src/eval/datasets.js';
import { DEV_SETS, formatTallyRow } from '../src/eval/dev-sets.js';
import { embeddedStores } from '../src/eval/eval-stores.js';
import { embedXquad, openXquad } from '../src/eval/evaluate.js';

const FOCUS = ['focusNone', 'typeNearTerms'];
const others = FEATURE_NAMES.filter((name) => !FOCUS.includes(name));
const config = loadConfig();
const embedder = await createEmbedder(config.model, { modelsDir: config.modelsDir });
const stores = embeddedStores();
const data = await openXquad(await embedXquad(loadXquad(), embedder), stores);
const instances = [...(await xquadInstances(data)), ...(await devInstances(embedder, stores))];
for (const kind of ['paraphrase', 'plain', 'near', 'off', 'removed', 'foreign']) {
  const list = instances.filter((i) => i.kind === kind);
  const none = list.filter((i) => i.candidates[0]?.features!.focusNone === 1).length;
  console.log(`  ${kind.padEnd(10)} no candidate names the asked focus: ${none}/${list.length}`);
}
// Also measured, dropped (README, Evaluation): focusFound / focusMissing (a candidate names the focus noun's kind
// or not), sentenceLength, typeNearVerb (a question verb beside the typed phrase), each alone and in combinations.
const variants: Array<[string, readonly string[]]> = [
  ['without focus features', []],
  ['+ focusNone', ['focusNone']],
  ['+ typeNearTerms', ['typeNearTerms']],
  ['+ focusNone, typeNearTerms (shipped)', FOCUS],
];
const f3 = (x: number) => x.toFixed(3);
for (const [label, extra] of variants) {
  const report = crossValidate(instances, { ...SHIPPED_FIT, features: [...others, ...extra] }, 3, DEV_SETS);
  console.log(`${label}\n  ${formatTallyRow('pooled', report.pooled)}`);
  for (const [set, tally] of report.dev) console.log(`    ${formatTallyRow(set, tally)}`);
  console.log(
    `  dev gold R@1 ${f3(report.devRanks.r1)} R@3 ${f3(report.devRanks.r3)}  XQuAD R@1 ${f3(report.xquad.r1)} R@5 ${f3(report.xquad.r5)}  removed answered ${f3(report.xquadAnswered.removed)}  another article answered ${f3(report.xquadAnswered.foreign)}`,
  );
}
await stores.close();
await embedder.close();
