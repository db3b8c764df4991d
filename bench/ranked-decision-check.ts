/**
 * Whether citations ordered by a ranker fitted only to put the answering sentence first (the conditional logit of
 * bench/conditional-logit.ts), or by the answer model's score plus some of the ranker's, beat the answer model's own
 * order, while the answer-or-refuse decision stays with the answer model (its best candidate's probability against
 * its threshold). bench/ranker-check.ts gave the ranker's share to the answer model as a feature instead, which let
 * the answer model trust an in-fold ranker too much; here the ranker only orders.
 *
 * Cross-validated by article as `npm run eval` does (3 folds); both models fitted on the training folds only.
 *
 *   npx tsx bench/ranked-decision-check.ts
 */
import { answerProbability, type Calibration } from '../src/answer/abstain.js';
import { MAX_CITATIONS } from '../src/answer/decide.js';
import { FEATURE_NAMES } from '../src/answer/features.js';
import { fitAnswerModel, isAnswerable, SHIPPED_FIT } from '../src/eval/cross-validate.js';
import type { AnswerInstance } from '../src/eval/answer-data.js';
import { addTallies, DEV_SETS, emptyTally, formatTallyRow, TALLY_HEADER, tallyAnswer, type DevTally } from '../src/eval/dev-sets.js';
import { rankMetrics } from '../src/eval/metrics.js';
import type { ScoredPassage } from '../src/types.js';
import { fitConditionalLogit, rankerScore, type Ranker } from './conditional-logit.js';
import { loadAnswerInstances } from './held-out-variants.js';

const { instances } = await loadAnswerInstances();
const foldOf = (group: string) => (group.startsWith('xquad-') ? Number(group.slice(6)) : DEV_SETS.indexOf(group)) % 3;
const f3 = (x: number) => x.toFixed(3);
const logit = (p: number) => Math.log(Math.max(p, 1e-12) / Math.max(1 - p, 1e-12));

interface Variant {
  label: string;
  /** Order score of a candidate given the answer model's probability and the ranker's score. */
  order: (probability: number, ranker: number) => number;
  devShare: number;
  ridge: number;
  /** Whether the first citation must clear the citation floor too (the others always must). */
  floorFirst: boolean;
}

function run(variant: Variant) {
  const dev = new Map<string, DevTally>();
  const xquadRanks: number[] = [];
  const devRanks: number[] = [];
  const answered = { removed: [0, 0], foreign: [0, 0] };
  for (const k of [0, 1, 2]) {
    const train = instances.filter((i) => foldOf(i.group) !== k);
    const model: Calibration = fitAnswerModel(train, SHIPPED_FIT);
    const ranker: Ranker = fitConditionalLogit(train.filter(isAnswerable), FEATURE_NAMES, variant.devShare, variant.ridge);
    for (const instance of instances.filter((i) => foldOf(i.group) === k)) {
      const scored = instance.candidates.map((c, order) => {
        const probability = answerProbability(c, model);
        return { c, order, probability, key: variant.order(probability, rankerScore(c.features!, ranker)) };
      });
      const ranked = [...scored].sort((a, b) => b.key - a.key || a.order - b.order);
      const isAnswered = scored.some((s) => s.probability >= model.threshold);
      const floor = Math.min(model.citationThreshold ?? model.threshold, model.threshold);
      const shown = ranked.slice(0, MAX_CITATIONS).filter((s, i) => (i === 0 && !variant.floorFirst) || s.probability >= floor);
      const rank = ranked.findIndex((s) => instance.gold.has(s.c.passage)) + 1;
      if (instance.set === 'xquad') {
        if (instance.kind === 'paraphrase') xquadRanks.push(rank > 0 ? rank : Infinity);
        else {
          const tally = answered[instance.kind as 'removed' | 'foreign'];
          tally[0]! += isAnswered ? 1 : 0;
          tally[1]!++;
        }
        continue;
      }
      if (isAnswerable(instance)) devRanks.push(rank > 0 ? rank : Infinity);
      const tally = dev.get(instance.set) ?? emptyTally();
      const citations = (isAnswered ? shown : ranked.slice(0, MAX_CITATIONS)).map(({ c }: { c: ScoredPassage }) => ({ article: c.passage.article, quote: c.passage.text }));
      tallyAnswer(tally, instance.dev!, { answered: isAnswered, citations });
      dev.set(instance.set, tally);
    }
  }
  const xq = rankMetrics(xquadRanks);
  const dr = rankMetrics(devRanks);
  console.log(variant.label);
  console.log(`  ${formatTallyRow('pooled', [...dev.values()].reduce(addTallies, emptyTally()))}`);
  console.log(
    `  XQuAD R@1 ${f3(xq.r1)}  R@5 ${f3(xq.r5)}  removed answered ${f3(answered.removed[0]! / answered.removed[1]!)}  ` +
      `another article answered ${f3(answered.foreign[0]! / answered.foreign[1]!)}  dev rank R@1 ${f3(dr.r1)} R@3 ${f3(dr.r3)}`,
  );
}

console.log(TALLY_HEADER);
const base = { devShare: 1, ridge: 1e-3, floorFirst: true };
run({ ...base, label: 'answer model order (shipped)', order: (p) => p });
const grid = process.argv.includes('--grid');
for (const ridge of grid ? [5e-4, 1e-3, 2e-3, 3e-3, 5e-3] : [1e-3, 1e-2, 1e-1])
  for (const devShare of grid ? [0.5, 1, 1.5] : [1, 2]) {
    run({ ...base, ridge, devShare, label: `ranker order, ridge ${ridge}, dev share ${devShare}`, order: (_, r) => r });
    if (!grid) run({ ...base, ridge, devShare, floorFirst: false, label: `ranker order, first shown unfloored, ridge ${ridge}, dev share ${devShare}`, order: (_, r) => r });
  }
for (const ridge of grid ? [1e-3, 3e-3] : [1e-3])
  for (const mix of [0.25, 0.5, 1, 2, 4])
    run({ ...base, ridge, label: `answer logit + ${mix} × ranker score (ridge ${ridge})`, order: (p, r) => logit(p) + mix * r });
