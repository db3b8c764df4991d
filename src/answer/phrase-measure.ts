/**
 * What a measuring question ("How long…", "How far…", "How often…") is answered in: the units its figure comes in,
 * after it ("17 seconds", "12km") or inside it ("twice a day").
 */
import type { PhraseSpan } from './phrase.js';
import { isMoney } from './money.js';

const UNITS = {
  time: 'seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|decades?|centuries|century|millennia|generations?',
  length: '(?:kilo|centi|milli)?met(?:re|er)s?|km|cm|mm|m|miles?|feet|foot|ft|inch(?:es)?|yards?|light[- ]years?|storeys|stories|floors',
  speed: 'mph|km/h|kph|knots?|(?:miles|kilomet(?:re|er)s|met(?:re|er)s|km) (?:per|an|a) (?:hour|second)',
  weight: '(?:kilo)?grams?|kg|g|tonnes?|tons?|pounds|lbs?|ounces?|oz',
  area: 'square (?:miles|feet|met(?:re|er)s|kilomet(?:re|er)s|km)|sq (?:mi|km|ft|m)|acres?|hectares?|km2|km²|m2|m²',
  temperature: 'degrees(?: (?:celsius|fahrenheit|c|f))?',
  times: 'times',
  // How fast prices or wages rise is a share a year: "rose by 5.9%".
  share: '%|per ?cent|percent',
} as const;
type Dimension = keyof typeof UNITS;
/** What a "how long / far / fast…" question measures in. Speed before length: "miles per hour" is not "miles". */
const HOW_DIMENSIONS: Record<string, Dimension[]> = {
  long: ['time', 'length'],
  far: ['length', 'time'],
  tall: ['length'],
  high: ['length'],
  deep: ['length'],
  wide: ['length'],
  big: ['area', 'length', 'weight'],
  large: ['area', 'length', 'weight'],
  heavy: ['weight'],
  fast: ['speed', 'share'],
  quickly: ['speed', 'time', 'share'],
  often: ['times', 'time'],
  frequently: ['times', 'time'],
  hot: ['temperature'],
  cold: ['temperature'],
  warm: ['temperature'],
  old: ['time'],
};

/** The units a measuring question's answer comes in: after a figure ("17 seconds", "12km"), or inside it ("twice a day"). */
export interface AskedUnit {
  after: RegExp;
  inside: RegExp;
  /** An age is as often given bare ("at 39, the youngest") as in years: any plain figure with no other unit answers. */
  bare?: true;
}

/** The units a measuring question's answer comes in ("How far…" → miles, metres…). */
export function askedUnit(question: string): AskedUnit | undefined {
  const q = question.toLowerCase();
  const how = q.match(/\bhow (long|far|tall|high|deep|wide|big|large|heavy|fast|quickly|often|frequently|hot|cold|warm|old)\b/)?.[1];
  const dimensions = how ? HOW_DIMENSIONS[how] : /\bhow much time\b/.test(q) ? (['time'] as Dimension[]) : undefined;
  if (!dimensions) return undefined;
  const units = dimensions.map((d) => UNITS[d]).join('|');
  return {
    ...(how === 'old' ? { bare: true as const } : {}),
    after: new RegExp(`^(?:\\s*|-)(?:(?:million|billion|thousand)[\\s-])?(?:${units})(?![\\p{L}\\p{N}])`, 'iu'),
    // A temperature's unit is part of its figure ("39C", "104 °F").
    inside: new RegExp(`(?:^|[\\s\\d-])(?:${units})$${dimensions.includes('temperature') ? '|°\\s?[CF]?$|\\d[CF]$' : ''}`, 'iu'),
  };
}

/**
 * The units of a question whose measure has one reading: "How tall / high / deep / wide / heavy / far…". Not "how
 * long" (a time or a length, often said in words: "for a decade"), "how big" or "how old". A figure answers such a
 * question only in them (`measured`: "The 21-metre rocket" for "how tall").
 */
export function strictUnit(question: string): AskedUnit | undefined {
  return /\bhow (?:tall|high|deep|wide|heavy|far)\b/i.test(question) ? askedUnit(question) : undefined;
}

const unitAfterPattern = (dimensions: Dimension[]) =>
  new RegExp(`^(?:\\s*|-)(?:(?:million|billion|thousand)[\\s-])?(?:${dimensions.map((d) => UNITS[d]).join('|')})(?![\\p{L}\\p{N}])`, 'iu');
const MEASURES = (Object.keys(UNITS) as Dimension[]).filter((d) => d !== 'share');
const ANY_UNIT = unitAfterPattern(MEASURES);
// "How much do they eat?" is answered by "ten times their own weight".
const MEASURE_UNIT = unitAfterPattern(MEASURES.filter((d) => d !== 'times'));

/**
 * Whether a figure measures something where a count or a sum is asked: "How many tries did they score?" is not
 * answered by the "five" of "five minutes", nor "How much funding…?" by the "18" of "18 months". A question that
 * counts units itself ("How many years…", "How many times…") keeps them.
 */
export function measuresInstead(question: string, quote: string, span: PhraseSpan, asksMoney: boolean): boolean {
  const counted = /\bhow many\b(.*)/iu.exec(question)?.[1];
  if (counted === undefined ? !asksMoney : ANY_UNIT.test(counted)) return false;
  // A temperature carries its unit inside the figure: "39C" counts no teachers.
  return (counted === undefined ? MEASURE_UNIT : ANY_UNIT).test(quote.slice(span.end)) || (counted !== undefined && TEMPERATURE_INSIDE.test(quote.slice(span.start, span.end)));
}

/** The comparisons that measure what each "how …" asks: "How old…?" is not answered by "larger than we expected". */
const COMPARED_AS: Record<string, RegExp> = Object.fromEntries(
  Object.entries({
    big: 'small|big|large|size', large: 'small|big|large|size', small: 'small|big|large|size',
    tall: 'tall|short|high|low', high: 'tall|short|high|low', long: 'long|short', far: 'far|further|farther|close|near',
    heavy: 'heavy|heavi|light', fast: 'fast|slow|quick', quickly: 'fast|slow|quick', deep: 'deep|shallow', wide: 'wide|narrow',
    old: 'old|young', hot: 'hot|cold|warm|cool', cold: 'hot|cold|warm|cool', warm: 'hot|cold|warm|cool',
  }).map(([how, stems]) => [how, new RegExp(`\\b(?:${stems})`, 'i')]),
);

/** Whether a comparison ("smaller than a grain of rice", "as old as the town") measures what the question asks. */
export function comparesAsAsked(question: string, phrase: string): boolean {
  const how = /\bhow (\w+)/i.exec(question)?.[1]?.toLowerCase();
  const stems = how ? COMPARED_AS[how] : undefined;
  if (!stems || !/\bthan\b|\bthe size of\b|^as \w+ as\b/i.test(phrase)) return true;
  return stems.test(phrase);
}

const TEMPERATURE_INSIDE = /\d\s?°\s?[CF]?$|\d[CF]$/;

/** Characters of the unit right after a span, 0 when none of the asked kind follows it. */
function unitAfter(quote: string, span: PhraseSpan, unit: AskedUnit): number {
  return unit.after.exec(quote.slice(span.end))?.[0].length ?? 0;
}

/** Whether a figure comes in the asked units, after it or as part of it; or, for an age, bare. */
export function measured(quote: string, span: PhraseSpan, unit: AskedUnit): boolean {
  if (unitAfter(quote, span, unit) > 0 || unit.inside.test(quote.slice(span.start, span.end))) return true;
  // "41.3% of first-preference votes", "£3.2 million", "12 miles" are not an age.
  return unit.bare === true && !isMoney(quote, span) && !/%|per ?cent/i.test(quote.slice(span.start, span.end)) && !/^\s*(?:%|per ?cent|percent)/i.test(quote.slice(span.end)) && !ANY_UNIT.test(quote.slice(span.end));
}

/** The figure with the unit that makes it an answer: "17 seconds", "340 miles", "110 mph" (not the bare number). */
export function withUnit(quote: string, span: PhraseSpan, unit: AskedUnit | undefined): PhraseSpan {
  const length = unit ? unitAfter(quote, span, unit) : 0;
  // An age keeps its "old": "34-year-old", not "34-year".
  const old = unit?.bare && length > 0 ? (/^(?:-|\s)old\b/i.exec(quote.slice(span.end + length))?.[0].length ?? 0) : 0;
  return { start: span.start, end: span.end + length + old };
}

/**
 * Whether a figure is said as an age: "at the age of 91", "aged 83", "a 34-year-old", "39 years old", and unless
 * `bareAt` is false, "at 39". Of several figures, "How old…?" takes such a one ("…spent eleven years as a keeper…,
 * has died at the age of 91"); a claim's figure is placed by it (`src/claims/align.ts`).
 */
export function saidAsAge(quote: string, span: PhraseSpan, bareAt = true): boolean {
  const before = quote.slice(Math.max(0, span.start - 12), span.start);
  return (bareAt ? /\b(?:age of|aged|at)\s+$/i : /\b(?:age of|aged)\s+$/i).test(before) || /^[-\s]years?[-\s]old\b/i.test(quote.slice(span.end));
}
