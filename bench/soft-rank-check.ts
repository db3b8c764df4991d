/**
 * `denseRank` is 1 / (1 + the candidate's rank by cosine), so a cosine 0.003 below another's costs the best candidate
 * half its rank signal ("who leads the russian delegation" without its question mark: 0.42 → 0.26). This measures a
 * soft rank instead, 1 / (1 + Σ over the other candidates of sigmoid((their cosine − its cosine) / τ)), in place of
 * the hard one or beside it, cross-validated by article as `npm run eval` does (3 folds).
 *
 *   TAUS=0.01,0.05,0.1 npx tsx bench/soft-rank-check.ts          # in place of denseRank
 *   BESIDE=1 TAUS=0.05,0.1 npx tsx bench/soft-rank-check.ts      # beside it, as denseSoftRank
 */
import { FEATURE_NAMES } from '../src/answer/features.js';
import { crossValidate, SHIPPED_FIT } from '../src/eval/cross-validate.js';
import { DEV_SETS, formatTallyRow } from '../src/eval/dev-sets.js';
import { loadAnswerInstances } from './held-out-variants.js';

const beside = process.env.BESIDE === '1';
const taus = (process.env.TAUS ?? '0.01,0.05,0.1').split(',').map(Number);
const { instances: raw } = await loadAnswerInstances();
const report = (label: string, instances: typeof raw, features: readonly string[]) => {
  const r = crossValidate(instances, { ...SHIPPED_FIT, features }, 3, DEV_SETS);
  console.log(`${label}\n  ${formatTallyRow('pooled', r.pooled)}`);
  console.log(`  XQuAD R@1 ${r.xquad.r1.toFixed(3)}  R@5 ${r.xquad.r5.toFixed(3)}  MRR ${r.xquad.mrr.toFixed(3)}  removed answered ${r.xquadAnswered.removed.toFixed(3)}  another article answered ${r.xquadAnswered.foreign.toFixed(3)}  dev rank R@1 ${r.devRanks.r1.toFixed(3)}`);
};
report('shipped features (hard rank)', raw, FEATURE_NAMES);
for (const tau of taus) {
  const instances = raw.map((instance) => ({
    ...instance,
    candidates: instance.candidates.map((c) => {
      let above = 0;
      for (const other of instance.candidates) if (other !== c) above += 1 / (1 + Math.exp(-(other.dense - c.dense) / tau));
      return { ...c, features: { ...c.features!, [beside ? 'denseSoftRank' : 'denseRank']: 1 / (1 + above) } };
    }),
  }));
  report(`soft rank τ ${tau} ${beside ? 'beside the hard rank' : 'in place of the hard rank'}`, instances, beside ? [...FEATURE_NAMES, 'denseSoftRank'] : FEATURE_NAMES);
}
process.exit(0);
