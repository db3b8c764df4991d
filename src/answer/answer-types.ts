import { boundedMemo } from '../bounded-memo.js';
import { nlp, parseMatch, tagWords } from '../nlp.js';
import { namesAhead } from './names-ahead.js';

/** What kind of phrase a question asks for; questions of other shapes ("why", "did…") ask for none. */
export type AnswerType = 'person' | 'date' | 'number' | 'place';

/** "which Asian city", "what TV channel": a wh-word, at most three words, then the noun that names the type. */
const which = (nouns: string) => new RegExp(`\\b(?:which|what)(?: [\\w'-]+){0,3}? (?:${nouns})s?\\b`, 'i');
const ASKED: Array<[RegExp, AnswerType]> = [
  [/\b(how (many|much|old|long|far|big|large|often|frequently|tall|high)|by what margin)\b/i, 'number'],
  [which('percentage|share|proportion|score|number|amount|price|fee|cost|figure|total|margin|sum|tally|age|distance'), 'number'],
  [/\b(when|since when|until when)\b/i, 'date'],
  [which('year|day|date|time|month|season|week|minute|hour|period|era|century|decade'), 'date'],
  [/\bwhere\b/i, 'place'],
  [which('city|cities|country|countries|town|place|stadium|venue|street|road|avenue|region|state|continent|village|capital|nation|location'), 'place'],
  [/\b(who|whom|whose)\b/i, 'person'],
  [which('person|official|player|minister|president|leader|spokesman|spokeswoman|reporter|club|team|company|channel|network|newspaper|organi[sz]ation|group|party|agency|side|firm|manager|coach|name'), 'person'],
];

/** The answer type a question asks for, by its wh-phrase. */
export function askedType(question: string): AnswerType | undefined {
  return ASKED.find(([pattern]) => pattern.test(question))?.[1];
}

const MONTH = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DATE_PATTERN = new RegExp(
  `\\b((?:early |late |mid-)?(?:${MONTH})\\.?(?: \\d{1,2}(?:st|nd|rd|th)?)?(?:,? (?:1[89]|20)\\d\\d)?|(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:'s|’s)?|(?:last|next|this) (?:week|month|year|season|weekend)|(?:spring|summer|autumn|fall|winter)(?: (?:1[89]|20)\\d\\d)?|(?:1[89]|20)\\d\\d|yesterday|today|tomorrow|tonight|the \\d+(?:st|nd|rd|th) minute|\\d{1,2}(?::\\d\\d)? ?[ap]\\.m\\.)(?![A-Za-z])`,
  'gi',
);
const NUMBER_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen|half';
const NUMBER_PATTERN = new RegExp(
  `(?:[$£€]\\s?)?\\b\\d[\\d,.]*(?:%| ?(?:per ?cent|percent|million|billion|thousand))?(?:-\\d+)?|\\b(?:${NUMBER_WORDS})(?:[- ](?:${NUMBER_WORDS}))*\\b`,
  'gi',
);

export interface TypedSpan {
  type: AnswerType;
  /** 2 when tagged as a person or place outright, 1 for organisations, other proper nouns and patterns. */
  strength: number;
  /** Offsets into the sentence, [start, end). */
  start: number;
  end: number;
}

const SPAN_CACHE_LIMIT = 50_000;

/** One cache per kind of span: dates and figures are found by pattern, names by the tagger, which costs the most. */
const cachedSpans = (compute: (sentence: string) => TypedSpan[]) => boundedMemo(SPAN_CACHE_LIMIT, compute);

const dateSpans = cachedSpans((sentence) => patternSpans(sentence, DATE_PATTERN, 'date').map((span) => trimSpan(sentence, span)));
// A month is a date even where the tagger calls it a name ("in May").
const nameSpans = cachedSpans((sentence) => {
  const dates = dateSpans(sentence);
  return (namesAhead(sentence) ?? taggedSpans(sentence)).filter((span) => span.strength > 1 || !dates.some((d) => d.start < span.end && span.start < d.end));
});
const figureSpans = cachedSpans(numberSpans);

/** Candidate answer phrases of every type in a sentence: people and places tagged by compromise, dates and figures by pattern. */
export function typedSpans(sentence: string): TypedSpan[] {
  return [...nameSpans(sentence), ...dateSpans(sentence), ...figureSpans(sentence)];
}

/**
 * The spans of one type, in `typedSpans`' order: a date or figure question needs no tagging (names are never dates or
 * figures), so only "who" and "where" questions pay for the tagger.
 */
function spansOfType(sentence: string, type: AnswerType): TypedSpan[] {
  if (type === 'date') return dateSpans(sentence);
  if (type === 'number') return figureSpans(sentence);
  return nameSpans(sentence);
}

/**
 * People, places and other names as compromise tags them. Its tags-only pipeline (`tagWords`) is the default: the
 * same tags without the chunker, so the same spans (`bench/typed-spans-check.ts` compares the two on every sentence
 * at hand), and a sentence met for the first time is tagged in less time.
 */
export function taggedSpans(sentence: string, tag: (text: string) => ReturnType<typeof nlp> = tagWords): TypedSpan[] {
  const doc = tag(sentence);
  const spans: TypedSpan[] = [];
  const add = (matches: Array<{ offset: { start: number; length: number } }>, type: AnswerType, strength: number) => {
    for (const { offset } of matches) spans.push({ type, strength, start: offset.start, end: offset.start + offset.length });
  };
  add(doc.match('#Place+').json({ offset: true }), 'place', 2);
  add(doc.match('#Person+').json({ offset: true }), 'person', 2);
  // Organisations answer "who" as often as people do ("Who first floated the talks?" → "the Kremlin"); a lone
  // demonym ("Russian") or a hyphenated modifier ("Kremlin-language") names no one.
  const others = doc.match('(#Organization|#ProperNoun)+').not('(#Place|#Person|#Adjective|#Demonym)').json({ offset: true });
  add(others, 'person', 1);
  return dedupe(spans.map((span) => trimSpan(sentence, span)).filter((span) => span.end > span.start && !/-$/.test(sentence.slice(span.start, span.end))));
}

/** One span per stretch of text: the strongest reading wins. */
function dedupe(spans: TypedSpan[]): TypedSpan[] {
  return spans.filter(
    (span, i) => !spans.some((other, j) => j !== i && other.start <= span.start && other.end >= span.end && (other.strength > span.strength || (other.strength === span.strength && j < i && other.end - other.start >= span.end - span.start))),
  );
}

function patternSpans(sentence: string, pattern: RegExp, type: AnswerType): TypedSpan[] {
  return [...sentence.matchAll(pattern)].map((match) => ({ type, strength: 1, start: match.index, end: match.index + match[0].length }));
}

function numberSpans(sentence: string): TypedSpan[] {
  // A year or a weekday is a date, not a figure; everything else with digits or number words is a figure.
  const dates = patternSpans(sentence, DATE_PATTERN, 'date');
  return patternSpans(sentence, NUMBER_PATTERN, 'number')
    .map((span) => trimSpan(sentence, span))
    .filter((span) => span.end > span.start && !dates.some((d) => d.start <= span.start && d.end >= span.end));
}

/** Drops trailing punctuation and possessive endings compromise keeps in a match ("Mensah's," → "Mensah"). */
function trimSpan(sentence: string, span: TypedSpan): TypedSpan {
  let { start, end } = span;
  while (end > start && /[\s.,;:!?"”’'()]/.test(sentence[end - 1]!) && !/[A-Z]\.$/.test(sentence.slice(start, end))) end--;
  if (/['’]s$/.test(sentence.slice(start, end))) end -= 2;
  while (start < end && /[\s"“'‘(]/.test(sentence[start]!)) start++;
  return { ...span, start, end };
}

const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/**
 * Spans of the asked type that bring something the question does not already say: "Who is heading Ukraine's
 * delegation?" is not answered by a sentence whose only name is "Ukraine".
 */
export function novelSpans(question: string, sentence: string, type: AnswerType): TypedSpan[] {
  const asked = words(question);
  return spansOfType(sentence, type).filter(
    (span) => span.type === type && [...words(sentence.slice(span.start, span.end))].some((word) => !asked.has(word)),
  );
}

const AUXILIARIES = new Set(['do', 'does', 'did', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'have', 'has', 'had', 'will', 'would', 'can', 'could', 'shall', 'should', 'may', 'might', 'must']);

/**
 * Verbs by which a question points at the text rather than at what happened in it ("Which allies are named?", "How is
 * the attitude described?"): the answer need not repeat them.
 */
const ABOUT_THE_TEXT = new Set(['name', 'named', 'mention', 'mentioned', 'describe', 'described', 'list', 'listed', 'cite', 'cited', 'give', 'given', 'call', 'called', 'note', 'noted', 'show', 'shown', 'appear', 'appears']);

/** compromise parses a match string on every call; parsed once, the same patterns match the same terms. */
let questionVerbMatches: { verb: ReturnType<typeof parseMatch>; notAsked: ReturnType<typeof parseMatch> } | undefined;

/** The question's own verbs, auxiliaries and verbs about the text aside: "Who leads the delegation?" → ["leads"]. */
export function questionVerbs(question: string): string[] {
  const { verb, notAsked } = (questionVerbMatches ??= { verb: parseMatch('#Verb'), notAsked: parseMatch('(#Auxiliary|#Copula|#Modal)') });
  const tagged: string[] = tagWords(question).match(verb).not(notAsked).out('array');
  return tagged
    .map((word) => word.toLowerCase().replace(/[^\p{L}'-]/gu, ''))
    .filter((word) => word && !AUXILIARIES.has(word) && !ABOUT_THE_TEXT.has(word));
}
