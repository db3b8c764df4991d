/** Numbers, amounts, percentages and years mentioned in a text, with their values, so claims and sentences compare. */

export type NumberKind = 'money' | 'percent' | 'year' | 'count';

export interface MentionedNumber {
  value: number;
  kind: NumberKind;
  /** As written, e.g. `£7.5 million`, `eight`, `50k`. */
  text: string;
  /** A hedge written just before it ("about", "nearly", "more than"), lower case; empty when none. */
  hedge: string;
}

const WORD_VALUES: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, dozen: 12,
  // An age or a decade said in words: "a man in his seventies".
  twenties: 20, thirties: 30, forties: 40, fifties: 50, sixties: 60, seventies: 70, eighties: 80, nineties: 90,
};
// "9 mil", "3 mln", "2 bil": how people type millions and billions in chat.
const SCALES: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, mil: 1e6, mill: 1e6, mln: 1e6, million: 1e6, mn: 1e6, bn: 1e9, bil: 1e9, billion: 1e9 };
const HEDGES = /(?:about|around|roughly|nearly|almost|approximately|some|like|over|past|above|more than|less than|fewer than|under|below|at least|at most|up to|closer to)\s*$/i;
/** Hedges that bound a figure rather than round it: "past 400k" is met by 410,000, "under 50" by 38. */
const AT_LEAST = /^(?:over|past|above|more than|at least)$/;
const AT_MOST = /^(?:less than|fewer than|under|below|at most|up to)$/;
const NUMBER = new RegExp(
  String.raw`([$£€])?\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|\b(?:${Object.keys(WORD_VALUES).join('|')})\b)(?:st|nd|rd|th)?` +
    String.raw`(?:\s?(k|m|mn|mil|mill|mln|bn|bil|thousand|million|billion)\b)?\s?(%|percent\b|per cent\b)?`,
  'gi',
);

const CLOCK_AFTER = /^\s*(?:[ap]\.?m\.?(?![\p{L}])|o['’]clock\b)/iu;

export function mentionedNumbers(text: string): MentionedNumber[] {
  const found: MentionedNumber[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const [whole, currency, digits, scale, percent] = match;
    const start = match.index + whole.length - whole.trimStart().length;
    // Glued to a word (`x4`, `COVID19`), not a quantity.
    if (/\p{L}$/u.test(text.slice(0, start))) continue;
    // A time of day ("4 a.m.", "2pm", "16:47", "two o'clock") counts nothing: "a 72-hour strike at 4 a.m." gives no
    // rival to "three days".
    const end = match.index + whole.length;
    // A digit and a letter make a word of their own ("3D printed", "5G", "4x4"), not a count.
    if (/^\s*\d$/.test(whole) && /^[a-jl-z](?![\p{L}\d])/iu.test(text.slice(end))) continue;
    if (CLOCK_AFTER.test(text.slice(end)) || /\d:$/.test(text.slice(0, start)) || (/^:\d\d/.test(text.slice(end)) && !scale && !percent)) continue;
    const base = WORD_VALUES[digits!.toLowerCase()] ?? Number(digits!.replace(/,/g, ''));
    const value = base * (scale ? SCALES[scale.toLowerCase()]! : 1);
    const kind: NumberKind = currency ? 'money' : percent ? 'percent' : /^(?:19|20)\d\d$/.test(digits!) && !scale ? 'year' : 'count';
    const hedge = HEDGES.exec(text.slice(Math.max(0, start - 14), start))?.[0].trim().toLowerCase() ?? '';
    found.push({ value, kind, text: whole.trim(), hedge });
  }
  return found;
}

/**
 * Two mentions of the same quantity: same kind and within 2% (a hedge on either side widens that to 10%). A year is
 * not a quantity measured roughly: 1951 is not 1931 (2% of a year is some forty years), so years agree exactly, or
 * within two years of a hedged one ("around 1930"); nor is a share, which agrees to the point, or within two points
 * of a hedged one. A bound ("more than 300") against an exact figure agrees only with what it bounds (`withinBound`),
 * not within a hedge's 10%: 280 is not "more than 300".
 */
export function sameQuantity(a: MentionedNumber, b: MentionedNumber): boolean {
  if (a.kind !== b.kind && !(isAmount(a) && isAmount(b))) return false;
  if (a.kind !== 'year' && b.kind !== 'year') {
    const [bound, exact] = isBound(a) ? [a, b] : [b, a];
    if (isBound(bound) && exact.hedge === '') return withinBound(bound, exact);
  }
  if (a.kind === 'year') return Math.abs(a.value - b.value) <= (a.hedge || b.hedge ? 2 : 0);
  // 78% is not the 79 percent of a turnout beside the 87 percent who voted for the strike.
  if (a.kind === 'percent' && b.kind === 'percent') return Math.abs(a.value - b.value) <= (a.hedge || b.hedge ? 2 : 0.05);
  const tolerance = a.hedge || b.hedge ? 0.1 : 0.02;
  return Math.abs(a.value - b.value) <= tolerance * Math.max(Math.abs(a.value), Math.abs(b.value));
}

function isBound(n: MentionedNumber): boolean {
  return AT_LEAST.test(n.hedge) || AT_MOST.test(n.hedge);
}

/**
 * A bounded figure ("more than 300") that an exact one ("412") falls within, the same fact said loosely; within a
 * factor of two, since a bound is set near what it bounds: "more than 20 million" in payouts is not the 45 million of
 * the damage.
 */
function withinBound(bound: MentionedNumber, exact: MentionedNumber): boolean {
  if (AT_LEAST.test(bound.hedge)) return exact.value >= bound.value && exact.value <= 2 * bound.value;
  return AT_MOST.test(bound.hedge) && exact.value <= bound.value && exact.value >= bound.value / 2;
}

/** A count written without its currency ("236m" for "$236 million") is still that amount. */
function isAmount(n: MentionedNumber): boolean {
  return n.kind === 'money' || n.kind === 'count';
}
