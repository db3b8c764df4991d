/**
 * Whether the answer model orders a question's candidates better when its coverage signals are also given relative
 * to the list, as the cosine already is (`denseGap`, `denseRank`): each of soft, context, verb and plain coverage,
 * BM25 share and fused score less the list's best, or as 1 / (1 + its rank in the list). A pointwise model sees one
 * candidate at a time, and these tell it where the candidate stands among the others. Cross-validated by article as
 * `npm run eval` does (3 folds).
 *
 *   npx tsx bench/coverage-gaps-check.ts
 */
import { loadAnswerInstances, printHeldOutVariants } from './held-out-variants.js';
const { instances: raw } = await loadAnswerInstances();
const NAMES = ['softCoverage', 'contextCoverage', 'verbCoverage', 'coverage', 'lexicalShare', 'fused'] as const;
const instances = raw.map((inst) => {
  const best = Object.fromEntries(NAMES.map((n) => [n, Math.max(0, ...inst.candidates.map((c) => c.features![n]!))]));
  const order = Object.fromEntries(NAMES.map((n) => [n, [...inst.candidates].sort((a, b) => b.features![n]! - a.features![n]!)]));
  return { ...inst, candidates: inst.candidates.map((c) => {
    const f = { ...c.features! };
    for (const n of NAMES) {
      f[`${n}Gap`] = f[n]! - best[n]!;
      f[`${n}Rank`] = 1 / (1 + order[n]!.indexOf(c));
    }
    return { ...c, features: f };
  }) };
});
printHeldOutVariants(instances, [
  [],
  ['softCoverageGap'],
  ['verbCoverageGap'],
  ['contextCoverageGap'],
  ['softCoverageGap', 'verbCoverageGap', 'contextCoverageGap'],
  ['softCoverageRank', 'verbCoverageRank', 'contextCoverageRank'],
  ['coverageGap', 'softCoverageGap'],
]);
