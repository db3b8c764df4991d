/** A verbatim quote with the words that matched the question in bold and the answer phrase underlined, escaped and cut to fit. */
import { ELLIPSIS, escapeQuote, truncateAtWord } from './text.js';

/** Merge overlapping or whitespace-separated highlight ranges, clipped to `[0, length)`. */
export function mergeHighlights(text: string, highlights: ReadonlyArray<readonly [number, number]>, length = text.length): Array<[number, number]> {
  const sorted = highlights
    .map(([s, e]) => [Math.max(0, s), Math.min(length, e)] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const range of sorted) {
    const last = out[out.length - 1];
    if (last && (range[0] <= last[1] || /^\s+$/.test(text.slice(last[1], range[0])))) last[1] = Math.max(last[1], range[1]);
    else out.push([...range]);
  }
  return out;
}

/** `quote[from, to)` escaped, with the parts of the highlight ranges inside it in bold. */
function bolden(quote: string, bold: Array<[number, number]>, from: number, to: number): string {
  let out = '';
  let pos = from;
  for (const [s, e] of bold.map(([s, e]) => [Math.max(s, from), Math.min(e, to)]).filter(([s, e]) => e! > s!) as Array<[number, number]>) {
    out += escapeQuote(quote.slice(pos, s));
    out += wrap(quote.slice(s, e), '**', escapeQuote);
    pos = e;
  }
  return out + escapeQuote(quote.slice(pos, to));
}

/** Markers around the text without its outer whitespace, or Discord will not render them. */
function wrap(inner: string, marker: string, render: (core: string) => string): string {
  const lead = inner.match(/^\s*/)![0];
  const trail = inner.match(/\s*$/)![0];
  const core = inner.trim();
  return core ? `${lead}${marker}${render(core)}${marker}${trail}` : inner;
}

/**
 * The first `cut` characters of `quote`, escaped, with the merged highlight ranges in bold and the answer phrase
 * underlined around them (`__Vladimir **Medinsky**__`).
 */
function styleQuote(quote: string, highlights: ReadonlyArray<readonly [number, number]>, cut: number, phrase?: QuoteRange): string {
  const bold = mergeHighlights(quote, highlights, cut);
  const [under] = phrase ? mergeHighlights(quote, [[phrase.start, phrase.end]], cut) : [];
  if (!under) return bolden(quote, bold, 0, cut);
  const [s, e] = under;
  const inner = quote.slice(s, e);
  const lead = inner.length - inner.trimStart().length;
  const trail = inner.length - inner.trimEnd().length;
  const underlined = wrap(inner, '__', () => bolden(quote, bold, s + lead, e - trail));
  return bolden(quote, bold, 0, s) + underlined + bolden(quote, bold, e, cut);
}

export interface QuoteRange {
  start: number;
  end: number;
}

/**
 * Render a verbatim quote with its matched words in bold and its answer phrase underlined, escaped, at most `max` rendered
 * characters (cut at a word boundary with an ellipsis).
 */
export function renderQuote(quote: string, highlights: ReadonlyArray<readonly [number, number]>, max: number, phrase?: QuoteRange): string {
  // Rendering only adds characters (escapes, ** markers), so the raw cut never needs to exceed `max`.
  let rawMax = Math.min(quote.length, max);
  for (let attempt = 0; attempt < 20; attempt++) {
    const cutText = truncateAtWord(quote, rawMax);
    const cut = cutText.endsWith(ELLIPSIS) && cutText.length <= quote.length && rawMax < quote.length ? cutText.length - 1 : quote.length;
    let out = styleQuote(quote, highlights, cut, phrase);
    if (cut < quote.length) out = out.replace(/\s+$/, '') + ELLIPSIS;
    if (out.length <= max) return out;
    if (rawMax <= 1) break;
    rawMax = Math.max(1, Math.min(rawMax - (out.length - max), Math.floor(rawMax * 0.9)));
  }
  return truncateAtWord(escapeQuote(quote), max);
}
