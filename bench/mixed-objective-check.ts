/**
 * The answer model fitted on its pointwise loss plus μ times a listwise one: the conditional logit over each
 * answerable question's candidates (bench/conditional-logit.ts), on the same linear score. The shipped model orders
 * citations by the probability it shows; a separate ranker would order them against it. A listwise term in the one
 * model's fit asks its weights to tell sentences of one question apart as well as questions apart, and its score
 * stays the probability that is shown and thresholded.
 *
 * Cross-validated by article as `npm run eval` does (3 folds); μ = 0 is the shipped fit.
 *
 *   npx tsx bench/mixed-objective-check.ts
 */
import type { Calibration } from '../src/answer/abstain.js';
import { FEATURE_NAMES } from '../src/answer/features.js';
import type { AnswerInstance } from '../src/eval/answer-data.js';
import { chooseBalancedThreshold, evaluateHeldOut, isAnswerable, mergeReports, SHIPPED_FIT } from '../src/eval/cross-validate.js';
import { DEV_SETS, formatTallyRow, TALLY_HEADER } from '../src/eval/dev-sets.js';
import { addListTerms, dampedNewtonStep, listLoss } from './conditional-logit.js';
import { loadAnswerInstances } from './held-out-variants.js';

interface List {
  rows: number[][];
  gold: boolean[];
  weight: number;
}

/** Newton steps on pointwise log-loss + μ × listwise log-loss + ridge, halved while a step would raise the loss. */
export function fitMixed(train: AnswerInstance[], names: readonly string[], mu: number, ridge = 1e-3, iterations = 50): Pick<Calibration, 'weights' | 'bias'> {
  const devCount = train.filter((i) => i.set !== 'xquad').length;
  const xquadCount = train.length - devCount;
  const devWeight = devCount > 0 && xquadCount > 0 ? (SHIPPED_FIT.devShare * xquadCount) / devCount : 1;
  const weightOf = (i: AnswerInstance) => (i.set === 'xquad' ? 1 : devWeight);
  const d = names.length + 1;
  const row = (f: Record<string, number> | undefined) => [...names.map((n) => f?.[n] ?? 0), 1];
  const pointwise = train
    .filter((i) => isAnswerable(i) || SHIPPED_FIT.negativeKinds.includes(i.kind))
    .flatMap((i) => i.candidates.map((c) => ({ x: row(c.features), y: i.gold.has(c.passage) ? 1 : 0, w: weightOf(i) })));
  const pointTotal = pointwise.reduce((s, e) => s + e.w, 0) || 1;
  const lists: List[] = train
    .filter((i) => isAnswerable(i) && i.candidates.some((c) => i.gold.has(c.passage)))
    .map((i) => ({ rows: i.candidates.map((c) => row(c.features)), gold: i.candidates.map((c) => i.gold.has(c.passage)), weight: weightOf(i) }));
  const listTotal = lists.reduce((s, l) => s + l.weight, 0) || 1;
  const dot = (x: number[], beta: number[]) => x.reduce((s, v, j) => s + v * beta[j]!, 0);
  const penalty = (beta: number[]) => (ridge / 2) * beta.slice(0, d - 1).reduce((a, b) => a + b * b, 0);
  const loss = (beta: number[]) => {
    let total = 0;
    for (const e of pointwise) {
      const z = dot(e.x, beta);
      total += (e.w / pointTotal) * (Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0) - e.y * z);
    }
    if (mu > 0)
      for (const l of lists) {
        total += mu * (l.weight / listTotal) * listLoss(l.rows.map((x) => dot(x, beta)), l.gold);
      }
    return total + penalty(beta);
  };
  let beta = new Array<number>(d).fill(0);
  let current = loss(beta);
  for (let step = 0; step < iterations; step++) {
    const g = new Array<number>(d).fill(0);
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const e of pointwise) {
      const w = e.w / pointTotal;
      const p = 1 / (1 + Math.exp(-dot(e.x, beta)));
      for (let j = 0; j < d; j++) {
        g[j]! += w * (p - e.y) * e.x[j]!;
        for (let k = 0; k <= j; k++) h[j]![k]! += w * p * (1 - p) * e.x[j]! * e.x[k]!;
      }
    }
    if (mu > 0) for (const l of lists) addListTerms(l.rows, l.gold, l.rows.map((x) => dot(x, beta)), (mu * l.weight) / listTotal, g, h);
    const stepped = dampedNewtonStep(beta, g, h, ridge, d - 1, loss, current);
    if (!stepped) break;
    ({ beta, loss: current } = stepped);
    if (stepped.moved < 1e-9) break;
  }
  return { weights: Object.fromEntries(names.map((n, j) => [n, beta[j]!])), bias: beta[d - 1]! };
}

const foldOf = (group: string) => (group.startsWith('xquad-') ? Number(group.slice(6)) : DEV_SETS.indexOf(group)) % 3;
const f3 = (x: number) => x.toFixed(3);

if (import.meta.url === `file://${process.argv[1]}`) {
  const { instances } = await loadAnswerInstances();
  console.log(TALLY_HEADER);
  const mus = process.argv.slice(2).map(Number).filter((x) => !Number.isNaN(x));
  for (const mu of mus.length ? mus : [0, 0.1, 0.25, 0.5, 1, 2]) {
    const parts = [0, 1, 2].map((k) => {
      const train = instances.filter((i) => foldOf(i.group) !== k);
      const test = instances.filter((i) => foldOf(i.group) === k);
      const fitted = fitMixed(train, FEATURE_NAMES, mu);
      const threshold = chooseBalancedThreshold(train, fitted, SHIPPED_FIT.thresholdKinds);
      const calibration: Calibration = { model: '', ...fitted, threshold, citationThreshold: Math.round(threshold * SHIPPED_FIT.citationShare * 1000) / 1000, fittedOn: '' };
      return { report: evaluateHeldOut(test, calibration), n: test.filter((i) => i.set === 'xquad' && i.kind === 'paraphrase').length };
    });
    const r = mergeReports(parts);
    console.log(`μ ${mu}`);
    console.log(`  ${formatTallyRow('pooled', r.pooled)}`);
    for (const [set, tally] of r.dev) console.log(`    ${formatTallyRow(set, tally)}`);
    console.log(
      `  XQuAD R@1 ${f3(r.xquad.r1)}  R@5 ${f3(r.xquad.r5)}  removed answered ${f3(r.xquadAnswered.removed)}  ` +
        `another article answered ${f3(r.xquadAnswered.foreign)}  dev rank R@1 ${f3(r.devRanks.r1)} R@3 ${f3(r.devRanks.r3)}`,
    );
  }
}
