import type { ScoredPassage } from '../types.js';
import { answerProbability, type Calibration } from './abstain.js';

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
 * development sets: gold among the shown three 31/65 with the gate, 35/65 without; README, Evaluation).
 */
export function decideAnswer(ranked: ScoredPassage[], calibration: Calibration): AnswerDecision {
  const top = ranked.slice(0, MAX_CITATIONS).map((scored) => ({ scored, probability: answerProbability(scored, calibration) }));
  if (!top.some((entry) => entry.probability >= calibration.threshold)) return { answered: false, shown: top };
  const floor = Math.min(calibration.citationThreshold ?? calibration.threshold, calibration.threshold);
  return { answered: true, shown: top.filter((entry) => entry.probability >= floor) };
}
