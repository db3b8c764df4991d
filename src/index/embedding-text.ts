import { indexText } from '../article/segment.js';
import type { Passage } from '../types.js';

/**
 * What is embedded for each passage. `sentence` embeds the sentence alone; `window` prepends the previous sentence
 * of the same paragraph so pronouns ("he added") carry their context. Chosen by measurement (README, Evaluation).
 */
export type EmbeddingTextMode = 'sentence' | 'window';
export const DEFAULT_EMBEDDING_TEXT: EmbeddingTextMode = 'sentence';

/**
 * A section's first sentence is embedded after its heading (`Passage.context`), so "What was the hardest part?"
 * finds "Finding space." below the interviewer's question. The quote is still the sentence alone; only its vector
 * knows what it answers.
 */
export function embeddingTexts(passages: Passage[], mode: EmbeddingTextMode): string[] {
  return passages.map((passage, i) => {
    if (passage.context !== undefined) return indexText(passage);
    if (mode === 'sentence') return passage.text;
    const previous = passages[i - 1];
    const sameParagraph = previous && previous.article === passage.article && previous.paragraph === passage.paragraph;
    return sameParagraph ? `${previous.text} ${passage.text}` : passage.text;
  });
}
