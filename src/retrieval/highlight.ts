import { tokenize } from '../index/lexical-index.js';

/** Offsets of words in `text` that are also content words of `query` (same folding as the lexical index). */
export function highlightTerms(text: string, query: string): Array<[number, number]> {
  const wanted = new Set(tokenize(query));
  if (wanted.size === 0) return [];
  const spans: Array<[number, number]> = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)) {
    const [term] = tokenize(match[0]);
    if (term !== undefined && wanted.has(term)) spans.push([match.index, match.index + match[0].length]);
  }
  return spans;
}
