import type { Answer, ScoredPassage } from '../types.js';
import { answerProbability, type Calibration } from './abstain.js';

export const MAX_CITATIONS = 3;

/**
 * Extractive answer: the best passages whose answer probability clears the calibrated threshold, quoted verbatim and
 * numbered. When none does, `answered` is false and the closest passages are returned as such.
 */
export function composeAnswer(question: string, ranked: ScoredPassage[], calibration: Calibration): Answer {
  const top = ranked.slice(0, MAX_CITATIONS).map((scored) => ({ scored, probability: answerProbability(scored, calibration) }));
  const confident = top.filter((entry) => entry.probability >= calibration.threshold);
  const shown = confident.length > 0 ? confident : top;
  return {
    question,
    answered: confident.length > 0,
    citations: shown.map(({ scored, probability }, i) => ({
      n: i + 1,
      article: scored.passage.article,
      id: scored.passage.id,
      quote: scored.passage.text,
      score: round(probability),
      highlights: scored.highlights,
    })),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
