/**
 * What a name span is in its sentence, whatever the tagger called it: someone ("said Ellen Marsh"), somewhere ("in
 * Westminster", "near Wellbridge"), or a thing ("Southmead Hospital").
 */
import { lemmatizer } from '../lemmatizer.js';
import { nounKind, wordSenses } from '../retrieval/wordnet.js';
import type { TypedSpan } from './answer-types.js';

/** WordNet's category for a noun as written or in its singular ("actresses" → "actress"). */
export function kindOfNoun(word: string): ReturnType<typeof nounKind> {
  return nounKind(word) ?? nounKind(lemmatizer.noun(word.toLowerCase()));
}

/**
 * A proper noun headed by a common noun that names no kind of person: "Southmead Hospital", "Larkfield City Council".
 * A tagged person, or a name of words WordNet does not know ("Usdaw"), may still be someone.
 */
export function namesAThing(sentence: string, span: TypedSpan): boolean {
  if (span.strength > 1) return false;
  const head = sentence.slice(span.start, span.end).split(/\s+/).at(-1)!.replace(/['’]s$/, '');
  return wordSenses(head.toLowerCase()).some((senses) => senses.part === 'noun') && kindOfNoun(head) !== 'person';
}

/** A locative preposition just before a span: "in", "at", "near", "from"… */
const LOCATIVE_BEFORE = /\b(?:in|at|near|from|to|into|outside|inside|across|throughout|around|within)\s+(?:the\s+)?$/i;

/**
 * A name the tagger called neither a place nor a person ("Westminster", "the University of Paris") answers "where"
 * when the sentence puts it after a locative preposition ("legislated in Westminster"); weaker than a tagged place.
 */
export function asPlace(sentence: string, span: TypedSpan): TypedSpan[] {
  // A tagged person is someone, wherever the sentence puts them ("a call from Trump").
  if (span.strength > 1) return [];
  return LOCATIVE_BEFORE.test(sentence.slice(Math.max(0, span.start - 20), span.start)) ? [{ ...span, type: 'place', strength: 1 }] : [];
}

/** A verb of saying just before a name ("said Ellen Marsh"), or one just after it ("Marsh said", "Marsh, who chairs"). */
const SPEAKER_BEFORE = /\b(?:said|says|told|added|asked|explained|wrote|warned|according to)\s+$/i;
const SPEAKER_AFTER = /^\s*(?:said|says|told|added|explained|wrote|warned\b|,\s*who\b)/i;

/**
 * A name the tagger read as a place answers "who" when the sentence has it speak or calls it "who": compromise reads
 * "Ellen Marsh" as a place (a marsh), but "said Ellen Marsh" is a person. Weaker than a tagged person.
 */
export function asPerson(sentence: string, span: TypedSpan): TypedSpan[] {
  if (span.type !== 'place') return [];
  const speaks = SPEAKER_BEFORE.test(sentence.slice(Math.max(0, span.start - 20), span.start)) || SPEAKER_AFTER.test(sentence.slice(span.end, span.end + 12));
  return speaks ? [{ ...span, type: 'person', strength: 1, speaks: true }] : [];
}

/**
 * A mere proper noun right after "in", "near", "at"… is somewhere, not someone: "…a hit-and-run on the A38 near
 * Wellbridge" names no officer for "Which officer is leading the appeal?". A tagged person stays one ("a call from Trump").
 */
export function unlessPlace(sentence: string, span: TypedSpan): TypedSpan[] {
  return span.strength <= 1 && PLACE_BEFORE.test(sentence.slice(Math.max(0, span.start - 20), span.start)) ? [] : [span];
}
const PLACE_BEFORE = /\b(?:in|at|near|into|outside|inside|across|throughout|around|within|towards|toward)\s+(?:the\s+)?$/i;
