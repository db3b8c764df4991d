import type { Passage } from '../types.js';

/**
 * What is embedded for each passage. `sentence` embeds the sentence alone; `window` prepends the previous sentence
 * of the same paragraph so pronouns ("he added") carry their context. Chosen by measurement (README, Evaluation).
 */
export type EmbeddingTextMode = 'sentence' | 'window';
export const DEFAULT_EMBEDDING_TEXT: EmbeddingTextMode = 'sentence';

export function embeddingTexts(passages: Passage[], mode: EmbeddingTextMode): string[] {
  return passages.map((passage, i) => {
    if (mode === 'sentence') return passage.text;
    const previous = passages[i - 1];
    const sameParagraph = previous && previous.article === passage.article && previous.paragraph === passage.paragraph;
    return sameParagraph ? `${previous.text} ${passage.text}` : passage.text;
  });
}
