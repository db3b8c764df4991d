/**
 * How best to refuse off-topic questions on a server holding many articles. XQuAD's 48 articles in one index
 * (`crowdedXquadInstances`): each question asked with its own article left out and with it in. Cross-validated by
 * article as `npm run eval` does (3 folds), three ways: the shipped fit with one threshold for any number of
 * articles; the shipped fit with the threshold rising with the articles asked (`crowded`, what ships); and the crowded
 * instances added to the logistic fit itself, as foreign negatives and as answerable ones, with one threshold.
 *
 *   npx tsx bench/pooled-foreign-check.ts
 */
import { crowdedXquadInstances, type AnswerInstance } from '../src/eval/answer-data.js';
import { crossValidate, SHIPPED_FIT } from '../src/eval/cross-validate.js';
import { DEV_SETS, formatTallyRow } from '../src/eval/dev-sets.js';
import { embeddedStores } from '../src/eval/eval-stores.js';
import { openXquad } from '../src/eval/evaluate.js';
import { openAnswerData } from './held-out-variants.js';

const data = await openAnswerData();
const stores = embeddedStores();
const crowded = await crowdedXquadInstances(await openXquad(data.xquad, stores));
const f3 = (x: number) => x.toFixed(3);

function report(label: string, fitted: AnswerInstance[], crowdedThreshold: boolean) {
  // Without a crowded threshold, the crowded instances are measured at the one threshold: their `articles` dropped.
  const measured = crowdedThreshold ? crowded : crowded.map(({ articles: _, ...instance }) => instance);
  const held = crossValidate([...data.instances, ...fitted], SHIPPED_FIT, 3, DEV_SETS, crowdedThreshold ? crowded : []);
  const one = crowdedThreshold ? held : crossValidate([...data.instances, ...fitted], SHIPPED_FIT, 3, DEV_SETS, measured.map((i) => ({ ...i, articles: 1 })));
  const c = one.crowded!;
  console.log(label);
  console.log(`  ${formatTallyRow('pooled', held.pooled)}`);
  console.log(`  XQuAD R@1 ${f3(held.xquad.r1)}  removed answered ${f3(held.xquadAnswered.removed)}  another article answered ${f3(held.xquadAnswered.foreign)}`);
  console.log(`  48 articles in one index: own article left out answered ${f3(c.foreignAnswered)}; own article in answered ${f3(c.ownAnswered)}, with the gold first ${f3(c.ownFirst)}`);
}

report('one threshold', [], false);
report('threshold rising with the articles asked (shipped)', [], true);
report('crowded instances in the fit, one threshold', crowded.map(({ articles: _, ...instance }) => instance), false);
await stores.close();
await data.close();
