import type { Answer, ScoredPassage } from '../types.js';
import type { Calibration } from './abstain.js';
import { decideAnswer } from './decide.js';
import { answerPhrase } from './phrase.js';

export { MAX_CITATIONS } from './decide.js';

/**
 * Extractive answer: the best passages whose answer probability clears the calibrated threshold, quoted verbatim and
 * numbered. When none does, `answered` is false and the closest passages are returned as such.
 */
export function composeAnswer(question: string, ranked: ScoredPassage[], calibration: Calibration): Answer {
  const { answered, shown } = decideAnswer(ranked, calibration);
  return {
    question,
    answered,
    citations: shown.map(({ scored, probability }, i) => {
      const phrase = answered ? answerPhrase(question, scored.passage.text) : undefined;
      return {
        n: i + 1,
        article: scored.passage.article,
        id: scored.passage.id,
        quote: scored.passage.text,
        score: round(probability),
        highlights: scored.highlights,
        ...(phrase ? { phrase } : {}),
      };
    }),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
