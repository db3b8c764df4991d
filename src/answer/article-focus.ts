import type { ScoredPassage } from '../types.js';

/**
 * Share of the candidates' fused score held by each article: with several articles loaded, a question is about one
 * of them, and a sentence from the article the question is about is the likelier answer.
 */
export function articleFocus(candidates: ScoredPassage[]): Map<string, number> {
  const mass = new Map<string, number>();
  let total = 0;
  for (const c of candidates) {
    mass.set(c.passage.article, (mass.get(c.passage.article) ?? 0) + c.score);
    total += c.score;
  }
  return new Map([...mass].map(([article, m]) => [article, total > 0 ? m / total : 0]));
}
