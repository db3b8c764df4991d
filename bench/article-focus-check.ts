/**
 * `articleFocus` (the share of the candidates' fused score held by a candidate's article) is fitted with a negative
 * weight: XQuAD's questions are asked of one article at a time, so there it is always 1 and acts as a bias. This
 * measures what replaces or joins it: the focus less the leading article's (`focusGap`, 0 within one article) and a
 * flag for a candidate outside the leading article (`focusOther`). Cross-validated by article as `npm run eval` does
 * (3 folds).
 *
 *   npx tsx bench/article-focus-check.ts
 */
import { FEATURE_NAMES } from '../src/answer/features.js';
import { crossValidate, fitAnswerModel, SHIPPED_FIT } from '../src/eval/cross-validate.js';
import { DEV_SETS, formatTallyRow } from '../src/eval/dev-sets.js';
import { loadAnswerInstances } from './held-out-variants.js';

const { instances: raw } = await loadAnswerInstances();
const instances = raw.map((instance) => {
  const lead = Math.max(...instance.candidates.map((c) => c.features!.articleFocus!));
  return {
    ...instance,
    candidates: instance.candidates.map((c) => {
      const focus = c.features!.articleFocus!;
      return { ...c, features: { ...c.features!, focusGap: focus - lead, focusOther: focus === lead ? 0 : 1 } };
    }),
  };
});
const withoutFocus = FEATURE_NAMES.filter((name) => name !== 'articleFocus');
const variants: Array<[string, string[]]> = [
  ['shipped features', [...FEATURE_NAMES]],
  ['without articleFocus', withoutFocus],
  ['focusGap instead of articleFocus', [...withoutFocus, 'focusGap']],
  ['focusOther instead of articleFocus', [...withoutFocus, 'focusOther']],
  ['focusGap beside articleFocus', [...FEATURE_NAMES, 'focusGap']],
];
for (const [label, features] of variants) {
  const options = { ...SHIPPED_FIT, features };
  const report = crossValidate(instances, options, 3, DEV_SETS);
  const weights = fitAnswerModel(instances, options).weights;
  const focusWeights = ['articleFocus', 'focusGap', 'focusOther'].filter((name) => features.includes(name)).map((name) => `${name} ${weights[name]!.toFixed(3)}`);
  console.log(`${label} (fitted on all: ${focusWeights.join(', ') || '-'})`);
  console.log(`  ${formatTallyRow('pooled', report.pooled)}`);
  console.log(`  XQuAD R@1 ${report.xquad.r1.toFixed(3)}  R@5 ${report.xquad.r5.toFixed(3)}  removed answered ${report.xquadAnswered.removed.toFixed(3)}  another article answered ${report.xquadAnswered.foreign.toFixed(3)}  dev rank R@1 ${report.devRanks.r1.toFixed(3)}`);
}
process.exit(0);
