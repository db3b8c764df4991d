import type { ScoredPassage } from '../types.js';

/**
 * Whether a passage answers a question, as a probability from two signals: the dense cosine (meaning) and the share
 * of the question's content words the passage contains (lexical coverage). A logistic model fitted on data
 * (`npm run calibrate`), not a hand-picked cut-off; the threshold is set for a low rate of answering off-topic questions.
 */
export interface Calibration {
  model: string;
  weights: { dense: number; coverage: number };
  bias: number;
  threshold: number;
  /** How it was fitted, for the record. */
  fittedOn: string;
}

export function answerProbability(passage: Pick<ScoredPassage, 'dense' | 'coverage'>, calibration: Calibration): number {
  const z = calibration.weights.dense * passage.dense + calibration.weights.coverage * passage.coverage + calibration.bias;
  return 1 / (1 + Math.exp(-z));
}

export interface LabelledExample {
  dense: number;
  coverage: number;
  answerable: boolean;
}

/** Plain batch gradient descent on log loss; features are already in [0, 1]-ish ranges so no scaling is needed. */
export function fitLogistic(examples: LabelledExample[], iterations = 4000, rate = 1): Pick<Calibration, 'weights' | 'bias'> {
  let wd = 0;
  let wc = 0;
  let b = 0;
  const n = examples.length;
  for (let step = 0; step < iterations; step++) {
    let gd = 0;
    let gc = 0;
    let gb = 0;
    for (const example of examples) {
      const p = 1 / (1 + Math.exp(-(wd * example.dense + wc * example.coverage + b)));
      const error = p - (example.answerable ? 1 : 0);
      gd += error * example.dense;
      gc += error * example.coverage;
      gb += error;
    }
    wd -= (rate * gd) / n;
    wc -= (rate * gc) / n;
    b -= (rate * gb) / n;
  }
  return { weights: { dense: wd, coverage: wc }, bias: b };
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
