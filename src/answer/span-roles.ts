/**
 * What a name span is in its sentence, whatever the tagger called it: someone ("said Ellen Marsh"), somewhere ("in
 * Westminster", "near Wellbridge"), or a thing ("Southmead Hospital"); and the full names it half sees ("Priya
 * Nandakumar").
 */
import { boundedMemo } from '../bounded-memo.js';
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
 * when the sentence puts it after a locative preposition ("legislated in Westminster"), but not after someone "from"
 * it ("engineers from Nokia"); weaker than a tagged place.
 */
export function asPlace(sentence: string, span: TypedSpan): TypedSpan[] {
  // A tagged person is someone, wherever the sentence puts them ("a call from Trump").
  if (span.strength > 1) return [];
  const before = sentence.slice(Math.max(0, span.start - 40), span.start);
  if (!LOCATIVE_BEFORE.test(before.slice(-20))) return [];
  const from = /([\p{L}'-]+)\s+from\s+(?:the\s+)?$/iu.exec(before);
  return from && kindOfNoun(from[1]!) === 'person' ? [] : [{ ...span, type: 'place', strength: 1 }];
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
 * Wellbridge" names no officer for "Which officer is leading the appeal?", nor do the ends of a journey ("from
 * Hollinsford to Penmarsh Central"). A tagged person stays one ("a call from Trump").
 */
export function unlessPlace(sentence: string, span: TypedSpan): TypedSpan[] {
  if (span.strength > 1) return [span];
  const before = sentence.slice(Math.max(0, span.start - 60), span.start);
  if (PLACE_BEFORE.test(before.slice(-20))) return [];
  return (FROM_BEFORE.test(before) && TO_AFTER.test(sentence.slice(span.end))) || FROM_TO_BEFORE.test(before) ? [] : [span];
}
const PLACE_BEFORE = /\b(?:in|at|near|into|outside|inside|across|throughout|around|within|towards|toward)\s+(?:the\s+)?$/i;
const FROM_BEFORE = /\bfrom\s+(?:the\s+)?$/i;
const TO_AFTER = /^\s+to\s+(?:the\s+)?\p{Lu}/u;
const FROM_TO_BEFORE = /\bfrom\s+(?:the\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}\s+to\s+(?:the\s+)?$/u;

/**
 * Two or three capitalised words no dictionary knows, one of them a proper noun to the tagger, are someone's full
 * name: compromise knows "Graham" as a first name but not "Priya", so "Priya Nandakumar has been elected…, beating
 * Graham Tierney" had only Tierney for a person and marked him for "Who won?". A place or an organisation has a
 * common word in its name ("Riverside Leisure Centre", "Black Harbour"); a place the tagger knows stays a place.
 */
export function unfamiliarFullNames(sentence: string, spans: readonly TypedSpan[]): TypedSpan[] {
  const out: TypedSpan[] = [];
  for (const match of sentence.matchAll(FULL_NAME_SHAPE)) {
    // A title the dictionary knows may come first: "Professor Mira Halvorsen", "Detective Sergeant Ruth Cole".
    let start = match.index;
    let text = match[0];
    for (let lead; (lead = /^(\p{L}+)\s+/u.exec(text)) && knownWord(lead[1]!); ) {
      start += lead[0].length;
      text = text.slice(lead[0].length);
    }
    const names = text.split(/\s+/);
    if (names.length < 2 || names.length > 3) continue;
    const end = start + text.replace(/['’]s$/, '').length;
    const overlapping = spans.filter((span) => span.start < end && start < span.end);
    if (overlapping.length === 0 || overlapping.some((span) => span.strength > 1)) continue;
    if (names.every((word) => !knownWord(word.replace(/['’]s$/, '')))) out.push({ type: 'person', strength: 2, start, end });
  }
  return out;
}

const FULL_NAME_SHAPE = /(?<![\p{L}\p{N}'’.-])\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)?(?:\s+\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)?){1,4}(?![\p{L}\p{N}-])/gu;

/** A word WordNet or the stop words know, kept per word: looking it up reads WordNet's index files. */
const knownWord = boundedMemo(10_000, (word: string): boolean => {
  const lower = word.toLowerCase();
  return STOP_WORD.test(lower) || wordSenses(lower).length > 0;
});
const STOP_WORD = /^(?:the|a|an|and|or|but|of|in|on|at|to|for|by|with|from|as|is|was|are|were|he|she|it|they|we|i|you|his|her|its|their|this|that|these|those|mr|mrs|ms|dr|sir|lord|lady)$/;

export const AUXILIARIES: ReadonlySet<string> = new Set(['do', 'does', 'did', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'have', 'has', 'had', 'will', 'would', 'can', 'could', 'shall', 'should', 'may', 'might', 'must']);

/**
 * A question whose noun is a kind of person ("Which *officer*…", "What is the *cyclist's* name?", "the name of the
 * *doctor*"), by WordNet: it asks for someone, not an organisation or a building.
 */
export function asksForSomeone(question: string): boolean {
  const nouns = [
    ...(/\b(?:which|what)((?: [\p{L}'-]+){1,3})/iu.exec(question)?.[1]?.trim().split(' ') ?? []),
    ...[...question.matchAll(/\b([\p{L}-]+)['’]s? name\b|\bname of (?:the |a |an )?([\p{L}-]+)/giu)].map((m) => m[1] ?? m[2]!),
  ];
  // Common nouns only: WordNet knows "Gandhi" and "General" as people too.
  return nouns.some((word) => /^\p{Ll}/u.test(word) && !AUXILIARIES.has(word) && kindOfNoun(word) === 'person');
}

/**
 * A question whose noun is a kind of organisation ("Which *company* runs the service?", "What *charity*…"): it asks
 * for the organisation, not for a person the tagger names. A possessive ("Which company's director…") asks for the
 * person.
 */
export function asksForSomething(question: string): boolean {
  const nouns = /\b(?:which|what)((?: [\p{L}'’-]+){1,3})/iu.exec(question)?.[1]?.trim().split(' ') ?? [];
  return nouns.some((word) => /^\p{Ll}/u.test(word) && !/['’]s?$/.test(word) && !AUXILIARIES.has(word) && kindOfNoun(word) === 'organization');
}
