/** The verdict model: multinomial logistic regression over the evidence features, fitted on labelled claims. */
import { FEATURES } from './evidence.js';

export const VERDICTS = ['supported', 'contradicted', 'not_mentioned'] as const;
export type ModelVerdict = (typeof VERDICTS)[number];

export interface VerdictModel {
  features: readonly string[];
  /** One row per verdict (in `VERDICTS` order): a weight per feature, then the bias. */
  weights: number[][];
  /** Below this probability of the best verdict the checker says "can't tell"; chosen by `chooseMinConfidence`. */
  minConfidence?: number;
  fittedOn: string;
}

export function verdictProbabilities(model: VerdictModel, features: number[]): number[] {
  const scores = model.weights.map((row) => row.reduce((sum, w, i) => sum + w * (i < features.length ? features[i]! : 1), 0));
  const top = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - top));
  const total = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / total);
}

export interface LabelledEvidence {
  features: number[];
  label: ModelVerdict;
}

/** Penalties tried for the L2 term; the one used is chosen by cross-validation on the training claims only. */
export const LAMBDAS = [0.001, 0.01, 0.1];

/** Gradient descent on the mean log loss plus an L2 penalty `lambda` (bias unpenalised). */
export function fitVerdictModel(
  examples: LabelledEvidence[],
  fittedOn: string,
  lambda = 0.01,
  iterations = 4000,
  rate = 1,
  features: readonly string[] = FEATURES,
): VerdictModel {
  const count = examples[0]?.features.length ?? features.length;
  const width = count + 1;
  const classes = VERDICTS.length;
  // Flat typed arrays, in the same order of arithmetic as `verdictProbabilities` (the fit is the same to the bit):
  // the report fits some hundreds of models, and arrays made per step and per example cost 0.3 s a fit.
  const w = new Float64Array(classes * width);
  const gradient = new Float64Array(classes * width);
  const rows = examples.map((e) => Float64Array.from({ length: width }, (_, i) => (i < count ? e.features[i]! : 1)));
  const labels = examples.map((e) => VERDICTS.indexOf(e.label));
  const scores = new Float64Array(classes);
  for (let step = 0; step < iterations; step++) {
    gradient.fill(0);
    for (let e = 0; e < rows.length; e++) {
      const x = rows[e]!;
      let top = -Infinity;
      for (let k = 0; k < classes; k++) {
        let sum = 0;
        for (let i = 0; i < width; i++) sum += w[k * width + i]! * x[i]!;
        scores[k] = sum;
        if (sum > top) top = sum;
      }
      let total = 0;
      for (let k = 0; k < classes; k++) total += (scores[k] = Math.exp(scores[k]! - top));
      for (let k = 0; k < classes; k++) {
        const error = scores[k]! / total - (labels[e] === k ? 1 : 0);
        for (let i = 0; i < width; i++) gradient[k * width + i]! += error * x[i]!;
      }
    }
    for (let k = 0; k < classes; k++) {
      for (let i = 0; i < width; i++) {
        const penalty = i < count ? lambda * w[k * width + i]! : 0;
        w[k * width + i]! -= rate * (gradient[k * width + i]! / examples.length + penalty);
      }
    }
  }
  const weights = VERDICTS.map((_, k) => Array.from(w.subarray(k * width, (k + 1) * width)));
  const model: VerdictModel = { features, weights, fittedOn };
  return model;
}

export function logLoss(model: VerdictModel, examples: LabelledEvidence[]): number {
  const total = examples.reduce((sum, e) => sum - Math.log(Math.max(1e-9, verdictProbabilities(model, e.features)[VERDICTS.indexOf(e.label)]!)), 0);
  return total / Math.max(1, examples.length);
}

/**
 * Fits with the penalty that predicts best across groups (articles): for each candidate penalty, fit on all groups
 * but one and score the one left out (log loss), then refit on everything with the winner.
 */
export function fitWithGroupCv(articles: LabelledEvidence[][], fittedOn: string, withThreshold = true): VerdictModel {
  const groups = foldsOf(articles);
  const all = groups.flat();
  if (groups.length < 2) return fitVerdictModel(all, fittedOn);
  if (withThreshold) {
    const model = fitWithGroupCv(groups, fittedOn, false);
    const minConfidence = chooseMinConfidence(groups);
    return { ...model, minConfidence, fittedOn: `${model.fittedOn}; can't-tell below ${minConfidence} chosen by held-out accuracy (the same folds)` };
  }
  const loss = (lambda: number) =>
    groups.reduce((sum, held, g) => sum + logLoss(fitVerdictModel(groups.filter((_, i) => i !== g).flat(), '', lambda), held), 0);
  const scored = LAMBDAS.map((lambda) => ({ lambda, loss: loss(lambda) }));
  const best = scored.reduce((a, b) => (b.loss < a.loss ? b : a));
  return fitVerdictModel(all, `${fittedOn}; L2 ${best.lambda} chosen by held-out log loss (articles left out in turn, or folds of them)`, best.lambda);
}

/**
 * Folds the penalty and the can't-tell threshold are chosen over: one per article for a few articles, and with many
 * articles as many folds of several, dealt in turn, since every fold is a fit of the model inside each held-out fit
 * of `npm run eval` (some thousands of fits at one per article over 27 articles).
 */
export const CV_FOLDS = 4;

export function foldsOf<T>(groups: T[][], folds = CV_FOLDS): T[][] {
  if (groups.length <= folds) return groups;
  return Array.from({ length: folds }, (_, f) => groups.filter((_, g) => g % folds === f).flat());
}

/** Can't-tell thresholds tried: from "never" (a three-way tie is the lowest a best verdict can be) upwards. */
export const MIN_CONFIDENCES = [1 / 3, 0.36, 0.38, 0.4, 0.42, 0.45, 0.5];

/**
 * The can't-tell threshold that does best on articles left out of the fit, so it is never chosen on the claims it
 * is scored on. A "can't tell" counts as wrong, so a threshold only wins where it withholds more wrong verdicts than
 * right ones; at equal accuracy the lower one wins. (Preferring the higher one, as withholding a wrong verdict costs
 * nothing, let models fitted on a single article's claims, whose guesses elsewhere are mostly wrong, pick 0.45–0.5
 * and leave 15 of 36 held-out claims undecided.)
 */
export function chooseMinConfidence(articles: LabelledEvidence[][]): number {
  const groups = foldsOf(articles);
  if (groups.length < 2) return MIN_CONFIDENCES[0]!;
  const held = groups.flatMap((group, g) => {
    const model = fitWithGroupCv(groups.filter((_, i) => i !== g), '', false);
    return group.map((e) => ({ probabilities: verdictProbabilities(model, e.features), label: e.label }));
  });
  const correct = (threshold: number) =>
    held.filter(({ probabilities, label }) => {
      const best = Math.max(...probabilities);
      return best >= threshold && VERDICTS[probabilities.indexOf(best)] === label;
    }).length;
  return MIN_CONFIDENCES.reduce((best, t) => (correct(t) > correct(best) ? t : best));
}
