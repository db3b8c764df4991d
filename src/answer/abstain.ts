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
  /** How the threshold rises with the articles a question is asked of (`answerThreshold`); none when absent. */
  crowded?: CrowdedThreshold;
  /** How it was fitted, for the record. */
  fittedOn: string;
}

/**
 * An off-topic question asked of many articles meets the best sentence of each, so the best probability it finds
 * grows with their number: held out, 84% of XQuAD questions asked of the other 47 articles in one index cleared the
 * threshold chosen for one article (README, Evaluation). The threshold is `threshold` up to `from` articles (the
 * development index holds three), `threshold` at `articles` (the pooled XQuAD index the crowded threshold is chosen
 * on), log-linear between, and no higher beyond.
 */
export interface CrowdedThreshold {
  from: number;
  articles: number;
  threshold: number;
}

/** The answer threshold for a question asked of `articles` articles. */
export function answerThreshold(calibration: Pick<Calibration, 'threshold' | 'crowded'>, articles = 1): number {
  const crowded = calibration.crowded;
  if (!crowded || articles <= crowded.from || crowded.articles <= crowded.from) return calibration.threshold;
  const share = Math.min(1, Math.log(articles / crowded.from) / Math.log(crowded.articles / crowded.from));
  return calibration.threshold + share * Math.max(0, crowded.threshold - calibration.threshold);
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
