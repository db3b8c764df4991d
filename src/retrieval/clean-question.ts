/**
 * Text to retrieve with: Discord mentions, zero-width and bidi control characters and runs of whitespace removed.
 * The question shown back to users is their own text; this is only what the retrievers see.
 */
export function cleanQuestion(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/<(?:@[!&]?|#)\d+>/g, ' ')
    .replace(/@(?:everyone|here)\b/g, ' ')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, '')
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .trim();
}
