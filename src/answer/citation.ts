import type { Citation, ScoredPassage } from '../types.js';

/** A retrieved sentence quoted as citation `n`, with its probability (of answering, or of the verdict) as its score. */
export function citationOf(n: number, scored: ScoredPassage, probability: number): Citation {
  return {
    n,
    article: scored.passage.article,
    id: scored.passage.id,
    quote: scored.passage.text,
    score: roundScore(probability),
    highlights: scored.highlights,
  };
}

/** Scores are shown and stored to three decimals. */
export function roundScore(value: number): number {
  return Math.round(value * 1000) / 1000;
}
