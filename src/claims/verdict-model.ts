/** The verdict model: multinomial logistic regression over the evidence features, fitted on labelled claims. */
import { FEATURES } from './evidence.js';

export const VERDICTS = ['supported', 'contradicted', 'not_mentioned'] as const;
export type ModelVerdict = (typeof VERDICTS)[number];

export interface VerdictModel {
  features: readonly string[];
  /** One row per verdict (in `VERDICTS` order): a weight per feature, then the bias. */
  weights: number[][];
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
export function fitWithGroupCv(groups: LabelledEvidence[][], fittedOn: string): VerdictModel {
  const all = groups.flat();
  if (groups.length < 2) return fitVerdictModel(all, fittedOn);
  const loss = (lambda: number) =>
    groups.reduce((sum, held, g) => sum + logLoss(fitVerdictModel(groups.filter((_, i) => i !== g).flat(), '', lambda), held), 0);
  const scored = LAMBDAS.map((lambda) => ({ lambda, loss: loss(lambda) }));
  const best = scored.reduce((a, b) => (b.loss < a.loss ? b : a));
  return fitVerdictModel(all, `${fittedOn}; L2 ${best.lambda} chosen by leave-one-article-out log loss`, best.lambda);
}
