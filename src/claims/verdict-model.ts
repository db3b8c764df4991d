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
  const weights = VERDICTS.map(() => new Array<number>(width).fill(0));
  const model: VerdictModel = { features, weights, fittedOn };
  for (let step = 0; step < iterations; step++) {
    const gradient = VERDICTS.map(() => new Array<number>(width).fill(0));
    for (const example of examples) {
      const p = verdictProbabilities(model, example.features);
      VERDICTS.forEach((verdict, k) => {
        const error = p[k]! - (example.label === verdict ? 1 : 0);
        for (let i = 0; i < width; i++) gradient[k]![i]! += error * (i < count ? example.features[i]! : 1);
      });
    }
    for (let k = 0; k < VERDICTS.length; k++) {
      for (let i = 0; i < width; i++) {
        const penalty = i < count ? lambda * weights[k]![i]! : 0;
        weights[k]![i]! -= rate * (gradient[k]![i]! / examples.length + penalty);
      }
    }
  }
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
export function fitWithGroupCv(groups: LabelledEvidence[][], fittedOn: string, withThreshold = true): VerdictModel {
  const all = groups.flat();
  if (groups.length < 2) return fitVerdictModel(all, fittedOn);
  if (withThreshold) {
    const model = fitWithGroupCv(groups, fittedOn, false);
    const minConfidence = chooseMinConfidence(groups);
    return { ...model, minConfidence, fittedOn: `${model.fittedOn}; can't-tell below ${minConfidence} chosen by leave-one-article-out accuracy` };
  }
  const loss = (lambda: number) =>
    groups.reduce((sum, held, g) => sum + logLoss(fitVerdictModel(groups.filter((_, i) => i !== g).flat(), '', lambda), held), 0);
  const scored = LAMBDAS.map((lambda) => ({ lambda, loss: loss(lambda) }));
  const best = scored.reduce((a, b) => (b.loss < a.loss ? b : a));
  return fitVerdictModel(all, `${fittedOn}; L2 ${best.lambda} chosen by leave-one-article-out log loss`, best.lambda);
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
export function chooseMinConfidence(groups: LabelledEvidence[][]): number {
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
