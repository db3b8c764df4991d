import type { ScoredPassage } from '../types.js';
import { fitLogisticModel, logisticProbability } from './logistic.js';

/**
 * Whether a passage answers a question, as a probability from named signals (src/answer/features.ts; at least the
 * dense cosine and the lexical coverage). A logistic model fitted on data (`npm run calibrate`), not a hand-picked
 * cut-off; the threshold is set on what the answer rule does with it.
 */
export interface Calibration {
  model: string;
  /** Weight per feature name; a feature missing from a passage counts as 0. */
  weights: Record<string, number>;
  bias: number;
  /** Answer when a top passage's probability reaches this. */
  threshold: number;
  /** Once answering, a further passage is cited when its probability reaches this; the threshold when absent. */
  citationThreshold?: number;
  /** How it was fitted, for the record. */
  fittedOn: string;
}

/** The answer probability of a passage: from its answer-model features when re-scored, else from cosine and coverage. */
export function answerProbability(
  passage: Pick<ScoredPassage, 'dense' | 'coverage'> & { features?: Record<string, number> },
  calibration: Pick<Calibration, 'weights' | 'bias'>,
): number {
  return logisticProbability(passage.features ?? { dense: passage.dense, coverage: passage.coverage }, calibration);
}

export interface LabelledExample {
  dense: number;
  coverage: number;
  answerable: boolean;
}

/** The two-signal model (cosine, coverage). */
export function fitLogistic(examples: LabelledExample[]): Pick<Calibration, 'weights' | 'bias'> {
  const rows = examples.map((e) => ({ features: { dense: e.dense, coverage: e.coverage }, answerable: e.answerable }));
  return fitLogisticModel(rows, ['dense', 'coverage']);
}

/** Lowest threshold at which at most `maxFalseAnswerRate` of the unanswerable examples would still be answered. */
export function chooseThreshold(
  examples: LabelledExample[],
  model: Pick<Calibration, 'weights' | 'bias'>,
  maxFalseAnswerRate: number,
): number {
  const calibration = { ...model, model: '', threshold: 0, fittedOn: '' };
  const negatives = examples
    .filter((example) => !example.answerable)
    .map((example) => answerProbability(example, calibration))
    .sort((a, b) => b - a);
  if (negatives.length === 0) return 0.5;
  const allowed = Math.floor(negatives.length * maxFalseAnswerRate);
  return negatives[allowed]! + 1e-9;
}
