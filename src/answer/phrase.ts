import { tokenize } from '../index/lexical-index.js';
import { askedType, novelSpans } from './answer-types.js';

/** Offsets of the answer phrase inside a quote, [start, end). */
export interface PhraseSpan {
  start: number;
  end: number;
}

/**
 * The phrase of a quoted sentence that answers the question: a person for "who", a date for "when", a figure for
 * "how many", a place for "where", one the question does not already name. Of several, the one closest to the
 * words the question shares with the sentence (answers sit beside what the question mentions), a name tagged as
 * a person or place before a mere proper noun. None for questions
 * of other shapes, or when the sentence holds no such phrase.
 */
export function answerPhrase(question: string, quote: string): PhraseSpan | undefined {
  const type = askedType(question);
  if (!type) return undefined;
  const spans = novelSpans(question, quote, type);
  if (spans.length <= 1) return spans[0] && { start: spans[0].start, end: spans[0].end };
  const anchors = anchorOffsets(question, quote);
  const distance = (span: PhraseSpan) =>
    anchors.length === 0 ? span.start : Math.min(...anchors.map((at) => (at < span.start ? span.start - at : at > span.end ? at - span.end : 0)));
  const best = spans.reduce((a, b) => (b.strength > a.strength || (b.strength === a.strength && distance(b) < distance(a)) ? b : a));
  return { start: best.start, end: best.end };
}

function anchorOffsets(question: string, quote: string): number[] {
  const wanted = new Set(tokenize(question));
  const offsets: number[] = [];
  for (const match of quote.matchAll(/[\p{L}\p{N}]+/gu)) {
    const [term] = tokenize(match[0]);
    if (term !== undefined && wanted.has(term)) offsets.push(match.index + match[0].length / 2);
  }
  return offsets;
}
