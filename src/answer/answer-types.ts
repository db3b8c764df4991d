import { boundedMemo } from '../bounded-memo.js';
import { nlp, parseMatch, tagWords } from '../nlp.js';
import { namesAhead } from './names-ahead.js';
import { asksForSum, isMoney } from './money.js';
import { comparesAsAsked, measured, measuresInstead, strictUnit, type AskedUnit } from './phrase-measure.js';
import { AUXILIARIES, asksForSomeone, asPerson, asPlace, kindOfNoun, namesAThing, unfamiliarFullNames, unlessPlace } from './span-roles.js';

/** What kind of phrase a question asks for; questions of other shapes ("why", "did…") ask for none. */
export type AnswerType = 'person' | 'date' | 'number' | 'place';

/**
 * "which Asian city", "what TV channel": a wh-word, at most three words, then the noun that names the type; but "what
 * kind of city" asks for a description.
 */
const which = (nouns: string) =>
  new RegExp(`\\b(?:which|what)(?! (?:kind|type|sort|form)s? of\\b)(?: (?!${DOING}\\b)[\\w'-]+){0,3}? (?:${nouns})s?\\b`, 'i');
/**
 * "What will *the team* do next?", "What did *the coach* praise?": after a verb of doing, the noun is the question's
 * subject, and the answer is what it does, not a team or a coach. ("What *is* the score?" asks for the score itself.)
 */
const DOING = '(?:do|does|did|will|would|can|could|should|shall|might|must|has|have|had)';
const ASKED: Array<[RegExp, AnswerType]> = [
  [/\b(how (many|much|old|long|far|big|large|often|frequently|tall|high|fast|quickly|deep|wide|heavy|hot|cold|warm)|by what margin)\b/i, 'number'],
  [which('percentage|share|proportion|score|number|amount|price|fee|cost|figure|total|margin|sum|tally|age|distance|rate|population|temperature|speed|height|length|weight|depth|salary|budget|turnout|attendance|capacity'), 'number'],
  [/\b(when|since when|until when)\b/i, 'date'],
  [which('year|day|date|time|month|season|week|minute|hour|period|era|century|decade'), 'date'],
  [/\bwhere\b/i, 'place'],
  [which('city|cities|country|countries|town|place|stadium|venue|street|road|avenue|region|state|continent|village|capital|nation|location'), 'place'],
  [/\b(who|whom|whose)\b/i, 'person'],
  [which('person|official|player|minister|president|leader|spokesman|spokeswoman|reporter|club|team|company|channel|network|newspaper|organi[sz]ation|group|party|agency|side|firm|manager|coach|name'), 'person'],
];

/**
 * A clause put before the question proper ("When many people are arrested, what is a common tactic?"): its wh-word
 * asks nothing.
 */
const FRONTED_CLAUSE = /^\s*(?:when|if|while|once|after|before|as)\b[^,?]*,\s*(?=(?:what|which|who|whom|whose|where|when|how|why)\b)/i;

/**
 * The answer type a question asks for, by its wh-phrase: the one that comes first, so "Who was the leader when the
 * Franks came?" asks for a person. A bare "when", "where" or "who" after a question's own "what", "which", "why" or
 * "how" opens a clause of it ("What did Peskov say when asked…?", "What is it called when…?"), and asks nothing.
 */
export function askedType(question: string): AnswerType | undefined {
  const asked = question.replace(FRONTED_CLAUSE, '');
  let found: { at: number; type: AnswerType; text: string } | undefined;
  for (const [pattern, type] of ASKED) {
    const match = pattern.exec(asked);
    if (match && (found === undefined || match.index < found.at)) found = { at: match.index, type, text: match[0] };
  }
  if (found && found.at > 0 && CLAUSE_WORD.test(found.text) && (/^\s*(?:what|which|why|how)\b/i.test(asked) || relativeInYesNo(asked, found.at))) return undefined;
  return found?.type ?? askedByNoun(asked);
}

/**
 * "Which *doctor* ran the study?", "What *actress*…", "In which *county*…": a wh-word's noun that no list above
 * names asks for a person (or an organisation) or a place when WordNet files it under one. The noun group is read
 * from the tagger (so "What *caused* Luther…" has none), and "what kind of…" asks for a description, not a name.
 */
const askedByNoun = boundedMemo(1_000, (question: string): AnswerType | undefined => {
  // Tagging costs most of this: only a question with a person's or a place's noun near its wh-word pays for it.
  const near = /\b(?:which|what)((?: [\p{L}'-]+){1,4})/iu.exec(question)?.[1]?.trim().split(' ') ?? [];
  if (!near.some((word) => kindOfNoun(word) !== undefined)) return undefined;
  const terms = (taggedQuestion(question).json() as Array<{ terms: Array<{ normal: string; tags: string[] }> }>).flatMap((s) => s.terms);
  const wh = terms.findIndex((term) => term.normal === 'which' || term.normal === 'what');
  const group: Array<{ normal: string; tags: string[] }> = [];
  for (const term of terms.slice(wh + 1)) {
    if (!term.tags.includes('Noun') && !term.tags.includes('Adjective')) break;
    group.push(term);
  }
  const head = [...group].reverse().find((term) => term.tags.includes('Noun') && !term.tags.includes('ProperNoun'));
  if (!head || /^(?:kind|type|sort|form)s?$/.test(group[0]!.normal)) return undefined;
  const kind = kindOfNoun(head.normal);
  return kind === 'region' ? 'place' : kind ? 'person' : undefined;
});

const CLAUSE_WORD = /^(?:when|where|who|whom|whose)$/i;

/** A yes-or-no question's "who" or "where" that opens a relative clause ("…for people who need to travel?"), not one it asks ("Does it say who…?", "…, and when?"). */
function relativeInYesNo(question: string, at: number): boolean {
  const opening = /^\s*([\p{L}']+)/u.exec(question)?.[1]?.toLowerCase();
  return opening !== undefined && AUXILIARIES.has(opening) && !ASKS_IN_TURN.test(question.slice(0, at));
}
const ASKS_IN_TURN = /(?:,|\band|\bor)\s*$|\b(?:know|knows|known|say|says|said|tell|told|explain|explained|mention|mentioned|reveal|revealed|confirm|confirmed|clear|sure|report|reported|state|stated|indicate|specify|wonder)\b(?:\s+(?:us|me|you|them|it|exactly))?\s*$/i;

const MONTH = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
/** A year from 1000 to 2099, not the start of a longer figure ("19000", "1500.5", "2,0001"). */
const YEAR = '(?:1\\d|20)\\d\\d(?!\\d|[.,]\\d)';
/** A day of the month, not the start of a year ("May 1705" is not "May 17"). */
const DAY = '\\d{1,2}(?:st|nd|rd|th)?(?!\\d)';
const DATE_PATTERN = new RegExp(
  `\\b(${[
    `(?:early |late |mid-)?(?:${MONTH})\\.?(?: ${DAY})?(?:,? ${YEAR}| of ${YEAR})?`,
    `${DAY} (?:of )?(?:${MONTH})\\.?(?:,? ${YEAR})?`,
    "(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:'s|’s)?",
    '(?:(?:later|earlier) )?(?:last|next|this) (?:week|month|year|season|weekend)',
    `(?:the )?(?:end|start|beginning|middle|turn) of (?:the |this |next |last )?(?:week|month|year|season|decade|century|${MONTH}|${YEAR})`,
    `(?:early |late |mid-)?(?:spring|summer|autumn|winter)(?:(?: of)? ${YEAR})?`,
    `fall(?: of)? ${YEAR}`,
    `(?<=\\bbetween )${YEAR} and ${YEAR}`,
    `${YEAR}(?: ?(?:–|—|-|to) ?(?:${YEAR}|\\d\\d(?!\\d)))?`,
    '(?:1\\d|20)\\d0s',
    '(?:the )?(?:\\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[- ]century',
    'yesterday|today|tomorrow|tonight|noon|midday|midnight',
    // An era counted back or forth ("9000 BP", "500 BC", "AD 79") and the world wars ("before World War I").
    '\\d+(?:,\\d{3})*\\s?(?:BP|BCE|BC|AD|CE)(?![A-Za-z])|(?:AD|CE) \\d{1,4}',
    '(?:(?:the )?(?:end|start|beginning|outbreak|eve) of |before |after |during |since |until )?(?:the )?(?:(?:first|second) world war|world war (?:ii|i|one|two|1|2)(?![a-z]))',
    'the \\d+(?:st|nd|rd|th) minute',
    '\\d{1,2}(?:[:.]\\d\\d)? ?(?:[ap]\\.m\\.|[ap]m\\b)',
    '\\d{1,2}:\\d\\d(?!\\d)',
  ].join('|')})(?![A-Za-z])`,
  'gi',
);
/** "may" and "march" in lower case are a verb, not a month, unless a day or a year goes with them. */
const MONTH_AS_WORD = /^(?:early |late |mid-)?(?:may|march)$/;
const NUMBER_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen|(?<!\\b(?:first|second|other|the|each|either) )half';
/**
 * A fraction in words: "two-thirds", "three quarters", and "a third" or "one fifth" unless a noun follows ("a third
 * runway" is an ordinal): only "of", a preposition or the end of a clause may.
 */
const FRACTION =
  '\\b(?:(?:two|three|four|five|six|seven|eight|nine)[- ](?:halves|thirds|quarters|fifths|sixths|eighths|tenths)|(?:a|one)[- ](?:half|third|quarter|fifth|sixth|eighth|tenth)(?![A-Za-z-])(?!\\s+(?!(?:of|in|on|over|by|to|from|for|since|and|or|than|more|less|fewer)\\b)[a-z]))\\b';
const FIGURE = `${FRACTION}|(?:[$£€]\\s?)?\\b\\d[\\d,.]*(?:%| ?(?:per ?cent|percent|million|billion|thousand)| ?°\\s?[CF]?|[CF](?![A-Za-z\\d]))?(?:[-–]\\d+)?|\\b(?:${NUMBER_WORDS})(?:[- ](?:${NUMBER_WORDS}))*\\b`;
/**
 * A figure, or a proportion said as two ("one in five", "three out of four"): one answer, not its last number. ("3 in
 * 2019" is a figure and a year.)
 */
/** How often: "twice a day", "three times a week", "every five years", "every other month". */
const PERIOD = '(?:day|night|week|weekend|fortnight|month|year|hour|minute|season|decade|century)';
const FREQUENCY = `(?:once|twice|thrice|(?:${FIGURE}) times) (?:a|an|per|each|every) ${PERIOD}\\b|every (?:(?:other|few|${FIGURE}) )?${PERIOD}s?\\b`;
const PROPORTION_OR_FIGURE = `(?:(?<!\\bfrom )(?:${FIGURE}) (?:in|out of|to) (?!${YEAR})(?:${FIGURE}))|${FIGURE}`;
/** A telephone number is one figure, not three: "a helpline on 0800 555 0190", "+44 20 7946 0958". */
const PHONE = '(?<![\\d.,])(?:\\+\\d{1,3}[ -]?\\d{1,4}[ -]|0\\d{1,4}[ -])\\d{3,4}(?:[ -]\\d{3,4})?(?![\\d]|[.,]\\d)';
const NUMBER_PATTERN = new RegExp(`${PHONE}|${PROPORTION_OR_FIGURE}`, 'gi');
/** For a "how often" question, a frequency is one figure; for any other, "twice a day" answers nothing. */
const OFTEN_PATTERN = new RegExp(`${FREQUENCY}|${PROPORTION_OR_FIGURE}`, 'gi');

export interface TypedSpan {
  type: AnswerType;
  /** 2 when tagged as a person or place outright, 1 for organisations, other proper nouns and patterns. */
  strength: number;
  /** A measure with no unit to check: a comparison ("smaller than a grain of rice"), an end ("until March 2026"). */
  unitless?: true;
  /** A name the tagger did not call a person, read as one because the sentence has it speak ("said Ellen Marsh"). */
  speaks?: true;
  /** Offsets into the sentence, [start, end). */
  start: number;
  end: number;
}

const SPAN_CACHE_LIMIT = 50_000;

/** One cache per kind of span: dates and figures are found by pattern, names by the tagger, which costs the most. */
const cachedSpans = (compute: (sentence: string) => TypedSpan[]) => boundedMemo(SPAN_CACHE_LIMIT, compute);

const dateSpans = cachedSpans((sentence) => datePatternSpans(sentence).map((span) => trimSpan(sentence, span)));
// A month is a date even where the tagger calls it a name ("in May").
const nameSpans = cachedSpans((sentence) => {
  const dates = dateSpans(sentence);
  return (namesAhead(sentence) ?? taggedSpans(sentence))
    .flatMap((span) => splitAtBrackets(sentence, span))
    .filter((span) => {
      const text = sentence.slice(span.start, span.end);
      return (span.strength > 1 || !dates.some((d) => d.start < span.end && span.start < d.end)) && NAME_SHAPE.test(text) && !PRONOUN.test(text);
    });
});

/**
 * A capitalised pronoun is nobody's name: the tagger calls "I'm", "She" or "We" a proper noun, and a quote's "I'll
 * decide" would otherwise answer "who". Case-sensitive past the first letter: "US" and "IT" are names.
 */
const PRONOUN = /^(?:I|I['’](?:m|ll|ve|d)|[Ww]e|[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Yy]ou|[Mm]e|[Uu]s|[Hh]im|[Hh]er|[Tt]hem)(?:['’](?:s|re|ll|ve|d))?$/;

/** A name has a capital letter, and does not end in a dash ("Miller–" of "Miller–Rabin"). */
const NAME_SHAPE = /^(?=.*\p{Lu})(?!.*[-–—]$)/su;

/**
 * A name the tagger ran across a bracket ("Jean Cauvin (John Calvin") is two names; and one in lower case ("first
 * quarterback") is none.
 */
function splitAtBrackets(sentence: string, span: TypedSpan): TypedSpan[] {
  const text = sentence.slice(span.start, span.end);
  // A run of proper nouns across a comma is two names ("Priya Natarajan, Local Democracy Reporter"); a tagged
  // place keeps its comma ("Washington, D.C.").
  const splitter = span.strength > 1 ? /[^()[\]]+/g : /[^()[\],]+/g;
  if (!/[()\[\]]/.test(text) && !(span.strength === 1 && text.includes(','))) return [span];
  const parts: TypedSpan[] = [];
  for (const match of text.matchAll(splitter)) {
    const part = trimSpan(sentence, { ...span, start: span.start + match.index, end: span.start + match.index + match[0].length });
    if (part.end > part.start) parts.push(part);
  }
  return parts;
}
const figureSpans = cachedSpans((sentence) => numberSpans(sentence, NUMBER_PATTERN));
const oftenSpans = cachedSpans((sentence) => numberSpans(sentence, OFTEN_PATTERN));

/**
 * A size, length or speed given by comparison answers a measuring question as a figure does: "How big is a bee's
 * brain?" — "smaller than a grain of rice"; "about the size of a tennis ball"; "as tall as a house".
 */
const COMPARATIVES = 'smaller|bigger|larger|taller|shorter|longer|heavier|lighter|faster|slower|wider|narrower|deeper|shallower|higher|lower|older|younger|hotter|colder|warmer';
const ADJECTIVES = 'small|big|large|tall|short|long|heavy|light|fast|slow|wide|narrow|deep|high|low|old|young|hot|cold|warm';
const THING = "(?:an? |the )?(?:(?!(?:in|on|at|to|for|and|or|but|yet|with|by|from|that|which|who|while|when|as|if)\\b)[\\p{L}'-]+(?: |(?=[^\\p{L}'-])|$)){1,3}(?:of (?:an? |the )?[\\p{L}'-]+)?";
const COMPARISON_PATTERN = new RegExp(
  `\\b(?:(?:much|far|slightly|a little|about|roughly|nearly|almost|twice|three times|ten times) )?(?:${COMPARATIVES}) than ${THING}|\\b(?:about |roughly |nearly |almost )?the size of ${THING}|\\bas (?:${ADJECTIVES}) as ${THING}`,
  'giu',
);
const comparisonSpans = cachedSpans((sentence) =>
  patternSpans(sentence, COMPARISON_PATTERN, 'number').map((span) => ({ ...span, end: span.start + sentence.slice(span.start, span.end).trimEnd().length, unitless: true as const })),
);

/**
 * "How long does the grant last?" — "…covers the cap until March 2026"; "How long has she been harbourmaster?" —
 * "…since 2019": a duration given by when it ends or began, as much an answer as "for two years". The date with its
 * "until" or "since".
 */
const untilSpans = cachedSpans((sentence) =>
  dateSpans(sentence).flatMap((span) => {
    const before = /\b(?:until|till|through|up to|since)\s+(?:the\s+)?$/i.exec(sentence.slice(Math.max(0, span.start - 16), span.start));
    return before ? [{ ...span, type: 'number' as const, start: span.start - before[0].length, unitless: true as const }] : [];
  }),
);

/** "How long has she been in charge?" began at a date: "…took over in 2023" answers it; a weekday or a clock time alone ("…parade on Sunday at 2 p.m.") does not. */
const sinceSpans = cachedSpans((sentence) => {
  const bounded = untilSpans(sentence);
  const others = dateSpans(sentence).filter((span) => !bounded.some((b) => b.start < span.end && span.start < b.end) && !DAY_OR_CLOCK.test(sentence.slice(span.start, span.end)));
  return [...bounded, ...others.map((span) => ({ ...span, type: 'number' as const, unitless: true as const }))];
});
const DAY_OR_CLOCK = /^(?:(?:on|last|next|this)\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day$|^(?:\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?m\.?|noon|midnight)$/i;
/** What a "how long" question reads as its answer besides a figure: `since` when it asks how long something has lasted. */
type Duration = boolean | 'since';

/** "How big…", "How long…", "How fast…": a question that a comparison can answer. */
const ASKS_MEASURE = /\bhow (?:big|large|small|tall|long|heavy|fast|far|high|deep|wide|old|hot|cold|warm)\b/i;

/** Candidate answer phrases of every type in a sentence: people and places tagged by compromise, dates and figures by pattern. */
export function typedSpans(sentence: string): TypedSpan[] {
  return [...nameSpans(sentence), ...dateSpans(sentence), ...figureSpans(sentence)];
}

/**
 * The spans of one type, in `typedSpans`' order: a date or figure question needs no tagging (names are never dates or
 * figures), so only "who" and "where" questions pay for the tagger.
 */
function spansOfType(sentence: string, type: AnswerType, often = false, measure = false, duration: Duration = false): TypedSpan[] {
  if (type === 'date') return dateSpans(sentence);
  if (type === 'number') return [...(often ? oftenSpans(sentence) : figureSpans(sentence)), ...(measure ? comparisonSpans(sentence) : []), ...(duration ? (duration === 'since' ? sinceSpans : untilSpans)(sentence) : [])];
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
  const trimmed = spans.map((span) => trimSpan(sentence, span)).filter((span) => span.end > span.start && !/-$/.test(sentence.slice(span.start, span.end)));
  return dedupe([...trimmed, ...unfamiliarFullNames(sentence, trimmed)]);
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

function datePatternSpans(sentence: string): TypedSpan[] {
  return patternSpans(sentence, DATE_PATTERN, 'date').filter((span) => !MONTH_AS_WORD.test(sentence.slice(span.start, span.end)) && !NOT_AN_ERA.test(sentence.slice(span.start, span.end)));
}
/**
 * An era is written in capitals ("500 BC", "AD 79"), and years before present run to thousands ("9000 BP"): "an ad 30
 * seconds long" is no date, nor "rates rose 25 BP" (basis points). The pattern matches regardless of case.
 */
const NOT_AN_ERA = /^(?:ad|ce) \d|\d\s?(?:bp|bce|bc|ad|ce)$|^\d{1,3}\s?BP$/;

function numberSpans(sentence: string, pattern: RegExp): TypedSpan[] {
  // A year or a weekday is a date, not a figure; everything else with digits or number words is a figure.
  const dates = datePatternSpans(sentence);
  return patternSpans(sentence, pattern, 'number')
    .map((span) => trimSpan(sentence, span))
    .filter((span) => span.end > span.start && !dates.some((d) => d.start <= span.start && d.end >= span.end));
}

/** Drops trailing punctuation and possessive endings compromise keeps in a match ("Mensah's," → "Mensah"). */
function trimSpan(sentence: string, span: TypedSpan): TypedSpan {
  let { start, end } = span;
  // The full stop of an abbreviation stays: "U.S.", and "10 p.m." (not "10 p.m").
  while (end > start && /[\s.,;:!?"”’'()]/.test(sentence[end - 1]!) && !/(?:[A-Z]|\.\p{Ll})\.$/u.test(sentence.slice(start, end))) end--;
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
  const { asked, score, sum, count, someone, often, measure, unit, duration } = readingOf(question, type);
  return spansOfType(sentence, type, often, measure, duration)
    .flatMap((span) => (span.type === type ? (type === 'person' ? unlessPlace(sentence, span) : [span]) : type === 'place' ? asPlace(sentence, span) : asPerson(sentence, span)))
    .filter((span) => [...words(sentence.slice(span.start, span.end))].some((word) => !asked.has(word)))
    .filter((span) => !score || SCORE.test(sentence.slice(span.start, span.end)))
    .filter((span) => !sum || isMoney(sentence, span))
    .filter((span) => !count || (!isMoney(sentence, span) && !measuresInstead(question, sentence, span, false)))
    .filter((span) => (span.unitless ? comparesAsAsked(question, sentence.slice(span.start, span.end)) : !unit || measured(sentence, span, unit)))
    .filter((span) => !someone || !namesAThing(sentence, span));
}

/** What a question asks of a span, worked out once per question: `novelSpans` runs for each of its candidates. */
interface QuestionReading {
  asked: Set<string>;
  /** "What was the final score?" wants a score. */
  score: boolean;
  /** "What is the mayor's salary?" is not answered by the "1,112" of "by 1,112 votes", as the mark says (`phrase.ts`). */
  sum: boolean;
  /** "How many people does it employ?" is not answered by "£150 million": a count is no sum, unless of money. */
  count: boolean;
  someone: boolean;
  /** "twice a day" answers how often, not "How many residents took part?". */
  often: boolean;
  measure: boolean;
  unit: AskedUnit | undefined;
  duration: Duration;
}

let lastReading: { question: string; type: AnswerType; reading: QuestionReading } | undefined;

function readingOf(question: string, type: AnswerType): QuestionReading {
  if (lastReading?.question === question && lastReading.type === type) return lastReading.reading;
  const number = type === 'number';
  const reading = {
    asked: words(question),
    score: number && ASKS_SCORE.test(question),
    sum: number && asksForSum(question),
    count: number && /\bhow many\b/i.test(question) && !COUNTS_MONEY.test(question),
    someone: type === 'person' && asksForSomeone(question),
    often: ASKS_HOW_OFTEN.test(question),
    measure: ASKS_MEASURE.test(question),
    unit: number ? strictUnit(question) : undefined,
    duration: /\bhow long (?:has|have|had)\b/i.test(question) ? ('since' as const) : /\bhow long\b/i.test(question),
  };
  lastReading = { question, type, reading };
  return reading;
}

const COUNTS_MONEY = /\bhow many (?:\w+ )?(?:dollars|pounds|euros|pence|cents|yen|francs|rupees|yuan|roubles|million|billion)\b/i;

/** "What was the final score?" is answered by a match's score ("3-2"), not by the crowd's "71,204". */
const ASKS_SCORE = /\b(?:what|which)(?: (?:was|is|were|are|will be|had been))?(?: the)?(?: [\w-]+)? score\b/i;
const SCORE = /^\d+ ?[-–] ?\d+$/;

const ASKS_HOW_OFTEN = /\bhow (?:often|frequently|regularly)\b|\bhow many times\b/i;

/**
 * Verbs by which a question points at the text rather than at what happened in it ("Which allies are named?", "How is
 * the attitude described?"): the answer need not repeat them.
 */
const ABOUT_THE_TEXT = new Set(['name', 'named', 'mention', 'mentioned', 'describe', 'described', 'list', 'listed', 'cite', 'cited', 'give', 'given', 'call', 'called', 'note', 'noted', 'show', 'shown', 'appear', 'appears']);

let lastTagged: { question: string; doc: ReturnType<typeof tagWords> } | undefined;

/** The question as tagged: its noun group (`askedByNoun`) and its verbs are read from one tagging of it. */
function taggedQuestion(question: string): ReturnType<typeof tagWords> {
  if (lastTagged?.question !== question) lastTagged = { question, doc: tagWords(question) };
  return lastTagged.doc;
}

/** compromise parses a match string on every call; parsed once, the same patterns match the same terms. */
let questionVerbMatches: { verb: ReturnType<typeof parseMatch>; notAsked: ReturnType<typeof parseMatch> } | undefined;

/** The question's own verbs, auxiliaries and verbs about the text aside: "Who leads the delegation?" → ["leads"]. */
export function questionVerbs(question: string): string[] {
  const { verb, notAsked } = (questionVerbMatches ??= { verb: parseMatch('#Verb'), notAsked: parseMatch('(#Auxiliary|#Copula|#Modal)') });
  const tagged: string[] = taggedQuestion(question).match(verb).not(notAsked).out('array');
  return tagged
    .map((word) => word.toLowerCase().replace(/[^\p{L}'-]/gu, ''))
    .filter((word) => word && !AUXILIARIES.has(word) && !ABOUT_THE_TEXT.has(word));
}
