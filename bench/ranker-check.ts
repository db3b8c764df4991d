/**
 * Whether a ranker fitted only to put the gold first (a conditional logit: softmax over each answerable question's
 * candidates) orders them better than the answer model, which is fitted pointwise on answerable and unanswerable
 * questions' candidates alike and so spends weight on telling questions apart, not sentences.
 *
 * Variants, cross-validated by article as `npm run eval` does (3 folds):
 *   - shipped: the answer model alone;
 *   - the ranker alone (its first candidate, answer decision aside);
 *   - stacked: the answer model with the ranker's softmax share (and its log) as features, the ranker fitted on the
 *     same training folds.
 *
 * Gradient-boosted trees over the same features are measured by bench/gbm-check.py on the `--dump`ed instances.
 *
 *   npx tsx bench/ranker-check.ts [--dump /tmp/answer-instances.json]
 */
import { writeFileSync } from 'node:fs';
import { FEATURE_NAMES } from '../src/answer/features.js';
import { crossValidate, fitAnswerModel, evaluateHeldOut, mergeReports, isAnswerable, SHIPPED_FIT } from '../src/eval/cross-validate.js';
import { DEV_SETS, formatTallyRow } from '../src/eval/dev-sets.js';
import { loadAnswerInstances } from './held-out-variants.js';
import { fitConditionalLogit, rankerScore, withRankerFeatures, RANKER_FEATURES } from './conditional-logit.js';

const { instances } = await loadAnswerInstances();

// `--dump FILE`: the instances' features and labels as JSON, for bench/gbm-check.py.
const dumpAt = process.argv.indexOf('--dump');
if (dumpAt > 0) {
  const rows = instances.map((i) => ({ group: i.group, set: i.set, kind: i.kind, c: i.candidates.map((c) => ({ f: c.features, g: i.gold.has(c.passage) })) }));
  writeFileSync(process.argv[dumpAt + 1]!, JSON.stringify(rows));
}

const f3 = (x: number) => x.toFixed(3);
const foldOf = (group: string) => (group.startsWith('xquad-') ? Number(group.slice(6)) : DEV_SETS.indexOf(group)) % 3;

function report(label: string, r: ReturnType<typeof crossValidate>) {
  console.log(label);
  console.log(`  ${formatTallyRow('pooled', r.pooled)}`);
  for (const [set, tally] of r.dev) console.log(`    ${formatTallyRow(set, tally)}`);
  console.log(`  XQuAD R@1 ${f3(r.xquad.r1)}  R@5 ${f3(r.xquad.r5)}  removed answered ${f3(r.xquadAnswered.removed)}  another article answered ${f3(r.xquadAnswered.foreign)}  dev rank R@1 ${f3(r.devRanks.r1)} R@3 ${f3(r.devRanks.r3)}`);
}

report('shipped', crossValidate(instances, SHIPPED_FIT, 3, DEV_SETS));

// The ranker alone: its first candidate against the gold, held out.
for (const devShare of [1, 2]) {
  const hits = { xquad: [0, 0], dev: [0, 0] };
  for (const k of [0, 1, 2]) {
    const ranker = fitConditionalLogit(instances.filter((i) => foldOf(i.group) !== k && isAnswerable(i)), FEATURE_NAMES, devShare);
    for (const instance of instances.filter((i) => foldOf(i.group) === k && isAnswerable(i) && i.candidates.length > 0)) {
      const scores = instance.candidates.map((c) => rankerScore(c.features!, ranker));
      const first = instance.candidates[scores.indexOf(Math.max(...scores))]!;
      const tally = instance.set === 'xquad' ? hits.xquad : hits.dev;
      tally[0]! += instance.gold.has(first.passage) ? 1 : 0;
      tally[1]!++;
    }
  }
  console.log(`ranker alone, dev share ${devShare}: XQuAD R@1 ${f3(hits.xquad[0]! / hits.xquad[1]!)}  dev R@1 ${f3(hits.dev[0]! / hits.dev[1]!)}`);
}

for (const devShare of [1, 2]) {
  for (const stack of [[RANKER_FEATURES[0]], [RANKER_FEATURES[1]], [...RANKER_FEATURES]]) {
    const parts = [0, 1, 2].map((k) => {
      const train = instances.filter((i) => foldOf(i.group) !== k);
      const test = instances.filter((i) => foldOf(i.group) === k);
      const ranker = fitConditionalLogit(train.filter(isAnswerable), FEATURE_NAMES, devShare);
      const calibration = fitAnswerModel(withRankerFeatures(train, ranker), { ...SHIPPED_FIT, features: [...FEATURE_NAMES, ...stack] });
      return { report: evaluateHeldOut(withRankerFeatures(test, ranker), calibration), n: test.filter((i) => i.set === 'xquad' && i.kind === 'paraphrase').length };
    });
    report(`stacked: dev share ${devShare}, features ${stack.join('+')}`, mergeReports(parts));
  }
}
