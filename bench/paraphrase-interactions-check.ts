/**
 * Whether the answer model should weigh its signals differently when a question is paraphrased: the best lexical
 * coverage among its candidates (low when no sentence shares the question's words) as a feature, and one minus it
 * times the cosine, soft, verb and context coverage, BM25 share and fused score. Cross-validated by article as
 * `npm run eval` does (3 folds).
 *
 *   npx tsx bench/paraphrase-interactions-check.ts
 */
import { FEATURE_NAMES } from '../src/answer/features.js';
import { crossValidate, SHIPPED_FIT } from '../src/eval/cross-validate.js';
import { DEV_SETS, formatTallyRow } from '../src/eval/dev-sets.js';
import { loadAnswerInstances } from './held-out-variants.js';
const { instances: raw } = await loadAnswerInstances();
const f3 = (x: number) => x.toFixed(3);
const instances = raw.map((inst) => {
  const bestCov = Math.max(0, ...inst.candidates.map((c) => c.features!.coverage!));
  const bestLex = Math.max(0, ...inst.candidates.map((c) => c.lexical));
  const para = 1 - bestCov;
  return { ...inst, candidates: inst.candidates.map((c) => {
    const f = c.features!;
    const features = {
      ...f,
      bestCov,
      paraSoft: para * f.softCoverage!,
      paraVerb: para * f.verbCoverage!,
      paraDense: para * f.dense!,
      paraContext: para * f.contextCoverage!,
      paraDenseGap: para * f.denseGap!,
      paraLexShare: para * f.lexicalShare!,
      paraFused: para * f.fused!,
    };
    return { ...c, features };
  }) };
});
const allPara = ['paraSoft', 'paraVerb', 'paraDense', 'paraDenseGap', 'paraLexShare', 'paraFused', 'paraContext'];
const variants: string[][] = [
  [],
  ['bestCov'],
  ['paraSoft', 'paraVerb'],
  ['paraDense', 'paraDenseGap'],
  ['paraLexShare', 'paraFused'],
  allPara,
  ['bestCov', ...allPara],
];
for (const extra of variants) {
  const r = crossValidate(instances, { ...SHIPPED_FIT, features: [...FEATURE_NAMES, ...extra] }, 3, DEV_SETS);
  const xquad = `XQuAD R@1 ${f3(r.xquad.r1)} R@5 ${f3(r.xquad.r5)}`;
  const answered = `removed ${f3(r.xquadAnswered.removed)} foreign ${f3(r.xquadAnswered.foreign)}`;
  console.log(`${extra.join(',') || 'shipped'}\n  ${formatTallyRow('pooled', r.pooled)}`);
  console.log(`  ${xquad} ${answered} devR1 ${f3(r.devRanks.r1)}`);
}
