import type { ScoredPassage } from '../types.js';
import { answerProbability, answerThreshold, type Calibration } from './abstain.js';

export const MAX_CITATIONS = 3;

export interface JudgedPassage {
  scored: ScoredPassage;
  /** Calibrated probability that the passage answers the question, in [0, 1]. */
  probability: number;
}

export interface AnswerDecision {
  answered: boolean;
  /** What is shown: the confident passages when answered, otherwise the closest ones. */
  shown: JudgedPassage[];
}

/**
 * The one answer rule, used by the service and by the evaluation alike: answer when a passage among the top ones
 * clears the threshold; then cite, best answer probability first, the top passages whose probability clears the
 * (lower) citation threshold. Citations used to be gated on the fused retrieval score as well; once candidates are
 * re-ranked by the answer model that gate only dropped sentences the model ranked second or third (held out on the
 * development sets: gold among the shown three 31/65 with the gate, 35/65 without; README, Evaluation). `articles`
 * is how many the question was asked of: the more, the higher the threshold (`answerThreshold`).
 */
export function decideAnswer(ranked: ScoredPassage[], calibration: Calibration, articles = 1): AnswerDecision {
  const top = ranked.slice(0, MAX_CITATIONS).map((scored) => ({ scored, probability: answerProbability(scored, calibration) }));
  const threshold = answerThreshold(calibration, articles);
  if (!top.some((entry) => entry.probability >= threshold)) return { answered: false, shown: top };
  const floor = Math.min(calibration.citationThreshold ?? threshold, threshold);
  return { answered: true, shown: top.filter((entry) => entry.probability >= floor) };
}
