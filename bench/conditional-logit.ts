import type { AnswerInstance } from '../src/eval/answer-data.js';
import type { ScoredPassage } from '../src/types.js';
import { solve } from '../src/answer/logistic.js';

/**
 * A ranker fitted only to put the answering sentence first among a question's candidates: a conditional logit, the
 * softmax of a linear score over each answerable question's candidates. Question-level signals cancel out in it, so
 * all its weight goes to telling sentences apart.
 */
export interface Ranker {
  weights: Record<string, number>;
}

export const RANKER_FEATURES = ['rankerShare', 'rankerGap'] as const;

export function rankerScore(features: Record<string, number>, ranker: Ranker): number {
  let s = 0;
  for (const [name, w] of Object.entries(ranker.weights)) s += w * (features[name] ?? 0);
  return s;
}

/** The ranker's softmax share of each candidate and its score less the best one's. */
export function rankerFeatures(candidates: readonly ScoredPassage[], ranker: Ranker): Array<Record<string, number>> {
  const scores = candidates.map((c) => rankerScore(c.features ?? {}, ranker));
  const best = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - best));
  const total = exp.reduce((a, b) => a + b, 0);
  return scores.map((s, i) => ({ rankerShare: exp[i]! / total, rankerGap: s - best }));
}

export function withRankerFeatures(instances: AnswerInstance[], ranker: Ranker): AnswerInstance[] {
  return instances.map((instance) => {
    const extra = rankerFeatures(instance.candidates, ranker);
    return { ...instance, candidates: instance.candidates.map((c, i) => ({ ...c, features: { ...c.features, ...extra[i] } })) };
  });
}

/**
 * Newton steps on the conditional log-likelihood (the softmax covariance as the curvature, a small ridge), halved
 * while a step would lower the likelihood.
 */
export function fitConditionalLogit(answerable: AnswerInstance[], names: readonly string[], devShare = 1, ridge = 1e-3, iterations = 50): Ranker {
  const lists = answerable
    .filter((i) => i.candidates.some((c) => i.gold.has(c.passage)))
    .map((i) => ({
      rows: i.candidates.map((c) => names.map((n) => c.features?.[n] ?? 0)),
      gold: i.candidates.map((c) => i.gold.has(c.passage)),
      dev: i.set !== 'xquad',
    }));
  const devCount = lists.filter((l) => l.dev).length;
  const xqCount = lists.length - devCount;
  const devWeight = devCount > 0 && xqCount > 0 ? (devShare * xqCount) / devCount : 1;
  const totalWeight = lists.reduce((s, l) => s + (l.dev ? devWeight : 1), 0) || 1;
  const d = names.length;
  const scoresOf = (x: number[][], beta: number[]) => x.map((row) => row.reduce((sum, v, j) => sum + v * beta[j]!, 0));
  const loss = (beta: number[]) => {
    let total = 0;
    for (const list of lists) {
      total += ((list.dev ? devWeight : 1) / totalWeight) * listLoss(scoresOf(list.rows, beta), list.gold);
    }
    return total + (ridge / 2) * beta.reduce((a, b) => a + b * b, 0);
  };
  let beta = new Array<number>(d).fill(0);
  let current = loss(beta);
  for (let step = 0; step < iterations; step++) {
    const g = new Array<number>(d).fill(0);
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const list of lists) addListTerms(list.rows, list.gold, scoresOf(list.rows, beta), (list.dev ? devWeight : 1) / totalWeight, g, h);
    const stepped = dampedNewtonStep(beta, g, h, ridge, d, loss, current);
    if (!stepped) break;
    ({ beta, loss: current } = stepped);
    if (stepped.moved < 1e-8) break;
  }
  return { weights: Object.fromEntries(names.map((n, j) => [n, beta[j]!])) };
}

/** One list's conditional log-loss: −log of the gold candidates' share of the softmax over its scores. */
export function listLoss(scores: readonly number[], gold: readonly boolean[]): number {
  const m = Math.max(...scores);
  const z = scores.reduce((a, v) => a + Math.exp(v - m), 0);
  const zg = scores.reduce((a, v, i) => a + (gold[i] ? Math.exp(v - m) : 0), 0);
  return Math.log(z) - Math.log(zg);
}

/**
 * Adds `w` times one list's gradient of `listLoss` to `g`, and its curvature (the softmax covariance of the rows) to
 * the lower triangle of `h`.
 */
export function addListTerms(rows: readonly number[][], gold: readonly boolean[], scores: readonly number[], w: number, g: number[], h: number[][]): void {
  const d = g.length;
  const m = Math.max(...scores);
  const e = scores.map((v) => Math.exp(v - m));
  const z = e.reduce((a, b) => a + b, 0);
  const zg = e.reduce((a, v, i) => a + (gold[i] ? v : 0), 0);
  const mean = new Array<number>(d).fill(0);
  const goldMean = new Array<number>(d).fill(0);
  rows.forEach((x, i) => {
    for (let j = 0; j < d; j++) {
      mean[j]! += (e[i]! / z) * x[j]!;
      if (gold[i]) goldMean[j]! += (e[i]! / zg) * x[j]!;
    }
  });
  for (let j = 0; j < d; j++) g[j]! += w * (mean[j]! - goldMean[j]!);
  rows.forEach((x, i) => {
    const p = e[i]! / z;
    for (let j = 0; j < d; j++) for (let k = 0; k <= j; k++) h[j]![k]! += w * p * (x[j]! - mean[j]!) * (x[k]! - mean[k]!);
  });
}

/**
 * One Newton step from `beta` on gradient `g` and curvature `h` (its lower triangle filled): mirrors `h`, adds the
 * ridge on the first `penalised` coordinates (a bias after them gets only a jitter), and halves the step while it
 * would raise `loss` above `current`. Undefined when no step lowers it.
 */
export function dampedNewtonStep(
  beta: number[],
  g: number[],
  h: number[][],
  ridge: number,
  penalised: number,
  loss: (beta: number[]) => number,
  current: number,
): { beta: number[]; loss: number; moved: number } | undefined {
  const d = g.length;
  for (let j = 0; j < d; j++) {
    for (let k = 0; k < j; k++) h[k]![j] = h[j]![k]!;
    if (j < penalised) {
      h[j]![j]! += ridge;
      g[j]! += ridge * beta[j]!;
    } else h[j]![j]! += 1e-9;
  }
  const delta = solve(h, g);
  let scale = 1;
  let next = beta.map((b, j) => b - delta[j]!);
  let nextLoss = loss(next);
  while (!(nextLoss <= current) && scale > 1e-6) {
    scale /= 2;
    next = beta.map((b, j) => b - scale * delta[j]!);
    nextLoss = loss(next);
  }
  if (!(nextLoss <= current)) return undefined;
  return { beta: next, loss: nextLoss, moved: Math.max(...delta.map((x) => Math.abs(scale * x))) };
}
