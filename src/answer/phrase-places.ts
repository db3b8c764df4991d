import { tokenize } from '../index/lexical-index.js';
import { lemmatizer } from '../lemmatizer.js';
import { nounFile } from '../retrieval/wordnet.js';
import type { PhraseSpan } from './phrase.js';

/**
 * "Where did the family have to sleep?" — "…forced to sleep *in their living room*": many places a sentence gives are
 * no names, just a preposition of place and the noun phrase after it. Lower-case words only: a name after the
 * preposition is already a name span, and is found as one.
 */
const LOCATIVE_PHRASE =
  /\b(?:in|at|on|near|inside|outside|along|across|under|beneath|behind|beside|into|onto|within|throughout|around|between|among|off)\s+(?:(?:the|a|an|their|his|her|its|our|my|your|this|that|these|those|one|two|several|many|some|most)\s+)?(?:(?!(?:in|at|on|near|inside|outside|along|across|under|beneath|behind|beside|into|onto|within|throughout|around|between|among|off|and|or|but|for|of|with|to|from|by|as|than|that|which|who|when|while|after|before|because|since|until|where|is|are|was|were|be|been|had|has|have|will|would|could|should|can|did|do|does|not|so|if|then|there|it|they|he|she|we|you|i)\b)[a-z][a-z'-]*\s?){1,3}/g;

const PREPOSITION = /^\S+\s+/;

/** Locative phrases of a quote whose words the question does not all hold, trimmed of a trailing space. */
export function locativePhrases(question: string, quote: string): PhraseSpan[] {
  const asked = new Set(tokenize(question));
  const spans: PhraseSpan[] = [];
  for (const match of quote.matchAll(LOCATIVE_PHRASE)) {
    const text = match[0].replace(/\s+$/, '');
    // The place itself, after its preposition ("nursing homes", not "in nursing homes").
    const skip = PREPOSITION.exec(text)![0].length;
    const content = tokenize(text.slice(skip));
    if (content.length === 0 || content.every((term) => asked.has(term)) || !somewhere(text.slice(skip))) continue;
    spans.push({ start: match.index + skip, end: match.index + text.length });
  }
  return spans;
}

/**
 * WordNet's kinds of noun no place is (lexicographer files: attribute, cognition, event, feeling, motive, phenomenon,
 * possession, process, quantity, relation, state, time): "killed *in a similar incident*", "in the second half". Acts
 * and communications may be ("work in agriculture", "published in the journal…"). The phrase's last word, in its
 * commonest noun sense; a word WordNet files nowhere may be a place.
 */
const NOT_PLACES = new Set([7, 9, 11, 12, 16, 19, 21, 22, 23, 24, 26, 28]);

function somewhere(phrase: string): boolean {
  const head = phrase.split(/\s+/).at(-1)!.toLowerCase();
  const file = nounFile(lemmatizer.noun(head));
  return file === undefined || !NOT_PLACES.has(file);
}
