import { boundedMemo } from '../bounded-memo.js';
import { queryTerms, tokenize } from '../index/lexical-index.js';

/** A word of a sentence with its lexical term: the sentence's part of every highlight, worked out once per sentence. */
type TermSpan = readonly [start: number, end: number, term: string];

const SPAN_CACHE_LIMIT = 50_000;

/**
 * A word's lexical term ('' for a stop word), once per word: a sentence met for the first time is mostly words met
 * before, and tokenizing each word afresh was a fifth of what a new question allocates at 200k sentences.
 */
const termOfWord = boundedMemo(100_000, (word): string => tokenize(word)[0] ?? '');

const termSpans = boundedMemo(SPAN_CACHE_LIMIT, (text): readonly TermSpan[] => {
  const found: TermSpan[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)) {
    const term = termOfWord(match[0]);
    if (term !== '') found.push([match.index, match.index + match[0].length, term]);
  }
  return found;
});

/** Offsets of words in `text` that are also content words of `query` (same folding as the lexical index). */
export function highlightTerms(text: string, query: string): Array<[number, number]> {
  const wanted = queryTerms(query).set;
  if (wanted.size === 0) return [];
  const spans: Array<[number, number]> = [];
  for (const [start, end, term] of termSpans(text)) if (wanted.has(term)) spans.push([start, end]);
  return spans;
}
