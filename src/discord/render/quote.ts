/** A verbatim quote with the words that matched the question in bold, escaped and cut to fit. */
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

/** The first `cut` characters of `quote`, escaped, with the merged highlight ranges in bold. */
function boldHighlights(quote: string, highlights: ReadonlyArray<readonly [number, number]>, cut: number): string {
  let out = '';
  let pos = 0;
  for (const [s, e] of mergeHighlights(quote, highlights, cut)) {
    out += escapeQuote(quote.slice(pos, s));
    const inner = quote.slice(s, e);
    // Keep whitespace outside the ** markers, or Discord will not render bold.
    const lead = inner.match(/^\s*/)![0];
    const trail = inner.match(/\s*$/)![0];
    const core = inner.trim();
    out += core ? `${lead}**${escapeQuote(core)}**${trail}` : inner;
    pos = e;
  }
  return out + escapeQuote(quote.slice(pos, cut));
}

/**
 * Render a verbatim quote with its matched words in bold, escaped, at most `max` rendered
 * characters (cut at a word boundary with an ellipsis).
 */
export function renderQuote(quote: string, highlights: ReadonlyArray<readonly [number, number]>, max: number): string {
  // Rendering only adds characters (escapes, ** markers), so the raw cut never needs to exceed `max`.
  let rawMax = Math.min(quote.length, max);
  for (let attempt = 0; attempt < 20; attempt++) {
    const cutText = truncateAtWord(quote, rawMax);
    const cut = cutText.endsWith(ELLIPSIS) && cutText.length <= quote.length && rawMax < quote.length ? cutText.length - 1 : quote.length;
    let out = boldHighlights(quote, highlights, cut);
    if (cut < quote.length) out = out.replace(/\s+$/, '') + ELLIPSIS;
    if (out.length <= max) return out;
    if (rawMax <= 1) break;
    rawMax = Math.max(1, Math.min(rawMax - (out.length - max), Math.floor(rawMax * 0.9)));
  }
  return truncateAtWord(escapeQuote(quote), max);
}
