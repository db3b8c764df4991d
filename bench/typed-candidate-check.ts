/**
 * Whether a question-level answer-type signal separates on-topic questions the article cannot answer from answerable
 * ones: per kind of question that asks for a type (person, number, date, place), how many have no candidate with a
 * phrase of that type the question does not already say among the k closest by cosine, and how often the closest
 * typed candidate's cosine falls below the closest candidate's (by more than 0.05). With `--list`, the development
 * questions one by one with the rank of their closest typed candidate. Then the answer model cross-validated by
 * article (as `npm run eval` reports it) with these signals added, one value for all of a question's candidates:
 * `typeNone` (none typed among the closest 3), `typedGap` (the cosine gap), `closestUntyped` (the closest is not
 * typed) and `typedGapBig` (gap above 0.05).
 *
 *   npx tsx bench/typed-candidate-check.ts [--list]
 */
import { askedType, novelSpans } from '../src/answer/answer-types.js';
import { loadConfig } from '../src/config.js';
import { createEmbedder } from '../src/embedding/create-embedder.js';
import { devInstances, xquadInstances, type AnswerInstance } from '../src/eval/answer-data.js';
import { loadXquad } from '../src/eval/datasets.js';
import { embeddedStores } from '../src/eval/eval-stores.js';
import { embedXquad, openXquad } from '../src/eval/evaluate.js';
import { printHeldOutVariants } from './held-out-variants.js';

const config = loadConfig();
const embedder = await createEmbedder(config.model, { modelsDir: config.modelsDir });
const stores = embeddedStores();
const data = await openXquad(await embedXquad(loadXquad(), embedder), stores);
const dev = await devInstances(embedder, stores);
const instances = [...(await xquadInstances(data)), ...dev];

/** Rank (from 1, by cosine) of the closest candidate holding a novel phrase of the asked type, and its cosine gap. */
function closestTyped(instance: AnswerInstance): { rank: number; gap: number } | undefined {
  const type = askedType(instance.question);
  if (!type) return undefined;
  const byDense = [...instance.candidates].sort((a, b) => b.dense - a.dense);
  const index = byDense.findIndex((c) => novelSpans(instance.question, c.passage.text, type).length > 0);
  const typed = byDense[index < 0 ? byDense.length - 1 : index]!;
  return { rank: index < 0 ? Infinity : index + 1, gap: byDense[0]!.dense - typed.dense };
}

const count = (list: Array<{ rank: number; gap: number }>, test: (x: { rank: number; gap: number }) => boolean) => `${list.filter(test).length}/${list.length}`;
for (const [label, set] of [['XQuAD', 'xquad'], ['development', 'dev']] as const) {
  console.log(`${label}: questions asking for a type; none typed among the closest 1 / 3 / 5; closest typed below the closest (> 0.05)`);
  for (const kind of ['paraphrase', 'plain', 'near', 'off', 'removed', 'foreign']) {
    const list = instances.filter((i) => (i.set === 'xquad') === (set === 'xquad') && i.kind === kind).map(closestTyped).filter((x) => x !== undefined);
    if (list.length === 0) continue;
    const none = [1, 3, 5].map((k) => count(list, (x) => x.rank > k)).join(' / ');
    console.log(`  ${kind.padEnd(10)} ${String(list.length).padStart(5)}  ${none.padEnd(26)} ${count(list, (x) => x.gap > 0)} (${count(list, (x) => x.gap > 0.05)})`);
  }
}
if (process.argv.includes('--list'))
  for (const instance of dev) {
    const typed = closestTyped(instance);
    if (typed) console.log(`  ${instance.kind.padEnd(10)} ${askedType(instance.question)!.padEnd(6)} closest typed ${String(typed.rank).padStart(3)}  gap ${typed.gap.toFixed(3)}  ${instance.question}`);
  }

const withSignals = instances.map((instance) => {
  const typed = closestTyped(instance);
  const signals = {
    typeNone: typed && typed.rank > 3 ? 1 : 0,
    typedGap: typed?.gap ?? 0,
    closestUntyped: typed && typed.rank > 1 ? 1 : 0,
    typedGapBig: typed && typed.gap > 0.05 ? 1 : 0,
  };
  return { ...instance, candidates: instance.candidates.map((c) => ({ ...c, features: { ...c.features!, ...signals } })) };
});
printHeldOutVariants(withSignals, [[], ['typeNone'], ['typedGap'], ['typeNone', 'typedGap'], ['closestUntyped'], ['typedGapBig']]);
await stores.close();
await embedder.close();
