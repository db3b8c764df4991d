import type { Passage } from '../types.js';

/** article id → its passages, in the order given (label order for a generation's list). */
export function passagesByArticle(passages: readonly Passage[]): Map<string, Passage[]> {
  const byArticle = new Map<string, Passage[]>();
  // Appended in place: copying the list for each sentence made this quadratic in an article's length (minutes for
  // one of 200k sentences).
  for (const passage of passages) {
    const list = byArticle.get(passage.article);
    if (list) list.push(passage);
    else byArticle.set(passage.article, [passage]);
  }
  return byArticle;
}
