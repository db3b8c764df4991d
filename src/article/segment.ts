import type { Article, Passage } from '../types.js';

/**
 * Words that end with a full stop without ending a sentence. ICU's sentence rules (Intl.Segmenter) handle
 * quotes, curly quotes and most punctuation well but split after titles such as "Mr." — we re-join those.
 */
const ABBREVIATIONS = new Set(
  [
    'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'gen', 'sen', 'rep', 'gov', 'lt', 'col', 'sgt', 'capt', 'cmdr',
    'adm', 'maj', 'pres', 'rev', 'hon', 'messrs', 'cllr', 'insp', 'supt', 'det', 'cpl', 'pte', 'fr', 'rt', 'brig', 'vs', 'etc', 'e.g', 'i.e', 'a.m', 'p.m', 'no', 'vol', 'fig', 'approx',
    'inc', 'ltd', 'co', 'corp', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
    'u.s', 'u.k', 'u.n', 'e.u', 'd.c',
  ],
);

const sentenceSegmenter = new Intl.Segmenter('en-u-ss-standard', { granularity: 'sentence' });

export interface Span {
  start: number;
  end: number;
}

/** Paragraphs are separated by blank lines; a text without any blank line has one paragraph per line. */
export function splitParagraphs(text: string): Span[] {
  const separator = /\n[ \t\r\f\v\u00a0]*\n/.test(text) ? /\n(?:[ \t\r\f\v\u00a0]*\n)+/g : /\n/g;
  const spans: Span[] = [];
  let from = 0;
  const push = (start: number, end: number) => {
    const span = trimSpan(text, start, end);
    if (span) spans.push(span);
  };
  for (const match of text.matchAll(separator)) {
    push(from, match.index);
    from = match.index + match[0].length;
  }
  push(from, text.length);
  return spans;
}

/** Sentence spans inside [start, end) of `text`, trimmed, with abbreviation splits re-joined. */
export function splitSentences(text: string, start: number, end: number): Span[] {
  const raw: Span[] = [];
  for (const segment of sentenceSegmenter.segment(text.slice(start, end))) {
    const span = trimSpan(text, start + segment.index, start + segment.index + segment.segment.length);
    if (span) raw.push(span);
  }
  const merged: Span[] = [];
  for (const span of raw) {
    const previous = merged.at(-1);
    if (previous && continuesAfterAbbreviation(text.slice(previous.start, previous.end), text.slice(span.start))) {
      previous.end = span.end;
    } else {
      merged.push({ ...span });
    }
  }
  return merged;
}

/** True when `sentence` ends in an abbreviation (or a lone initial, "J.") and `next` carries on after it. */
function continuesAfterAbbreviation(sentence: string, next: string): boolean {
  const lastWord = /(?:^|[\s("“‘])([A-Za-z](?:[A-Za-z.]*[A-Za-z])?)\.$/.exec(sentence)?.[1];
  if (!lastWord) return false;
  const word = lastWord.toLowerCase();
  // "No." abbreviates only before a number ("No. 5"); "I said no. Then" ends a sentence.
  if (word === 'no') return /^\d/.test(next);
  return (ABBREVIATIONS.has(word) || /^[A-Z]$/.test(lastWord)) && /^[\p{L}\p{N}"“‘(]/u.test(next);
}

function trimSpan(text: string, start: number, end: number): Span | undefined {
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : undefined;
}

/**
 * Every sentence of an article with a stable `paragraph.sentence` id and exact offsets into `text`. The paragraphs
 * numbered in `headings` (1-based) are section headings: they keep their numbers, so the ids after them are the same,
 * but are no passages, since a heading names what follows and answers nothing.
 */
export function segmentArticle(article: string, text: string, headings: readonly number[] = []): Passage[] {
  const passages: Passage[] = [];
  const above = headingAbove({ text, headings: [...headings] });
  splitParagraphs(text).forEach((paragraphSpan, p) => {
    if (headings.includes(p + 1)) return;
    splitSentences(text, paragraphSpan.start, paragraphSpan.end).forEach((span, s) => {
      const context = sentenceContext(above, p + 1, s + 1, text.slice(span.start, span.end));
      passages.push({
        article,
        id: `${p + 1}.${s + 1}`,
        paragraph: p + 1,
        sentence: s + 1,
        text: text.slice(span.start, span.end),
        start: span.start,
        end: span.end,
        ...(context !== undefined ? { context } : {}),
      });
    });
  });
  return passages;
}

/** An article's passages: its sentences, its section headings left out. */
export function articlePassages(article: Pick<Article, 'id' | 'text' | 'headings'>): Passage[] {
  return segmentArticle(article.id, article.text, article.headings);
}

/**
 * The heading right above each paragraph that follows one, by paragraph number: the words a section's first sentence
 * answers to ("What was the hardest part?" above "Finding space."), though they are not its own.
 */
export function headingAbove(article: Pick<Article, 'text' | 'headings'>): Map<number, string> {
  const above = new Map<number, string>();
  if (!article.headings?.length) return above;
  const spans = splitParagraphs(article.text);
  for (const n of article.headings) {
    const heading = spans[n - 1];
    if (heading && spans[n] && !article.headings.includes(n + 1)) above.set(n + 1, article.text.slice(heading.start, heading.end));
  }
  return above;
}

/** What a passage is searched and embedded as: its heading, when it opens a section, then the sentence. */
export function indexText(passage: Pick<Passage, 'text' | 'context'>): string {
  return passage.context === undefined ? passage.text : `${passage.context} ${passage.text}`;
}

/**
 * "By Priya Natarajan, Local Democracy Reporter", "By Callum Reid at Fenwick Park", "By Olga Petrenko in Kyiv": a
 * byline near the top, one name of up to four words after "By".
 */
const BYLINE = /^\*?(?:[Bb]y|[Ww]ritten by|[Ww]ords by|[Rr]eporting by)\s+\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|de|van|von|da|al))*\s*(?:$|[,|—–-]|\b(?:and|at|in)\b)/u;
/** What a byline is, in the words a reader asks for it with ("Who wrote the article?", "Who is the author?"). */
export const BYLINE_CONTEXT = "The article's author, who wrote it:";

/**
 * What a sentence is that its own words do not say, searched and embedded with it (`Passage.context`): the heading
 * above a section's first sentence, or, for a byline in the article's first three paragraphs, that it names the
 * article's author.
 */
export function sentenceContext(above: ReadonlyMap<number, string>, paragraph: number, sentence: number, text: string): string | undefined {
  if (sentence === 1 && above.has(paragraph)) return above.get(paragraph);
  return isByline(paragraph, text) ? BYLINE_CONTEXT : undefined;
}

/** A sentence of one of the first three paragraphs that is a byline: "By", a name, at most 15 words in all. */
function isByline(paragraph: number, text: string): boolean {
  return paragraph <= 3 && text.split(/\s+/).length <= 15 && BYLINE.test(text);
}

/** Whether the text has a byline in its first three paragraphs, which is indexed as the author's (`sentenceContext`). */
export function hasByline(text: string): boolean {
  return splitParagraphs(text)
    .slice(0, 3)
    .some((span, p) => splitSentences(text, span.start, span.end).some((sentence) => isByline(p + 1, text.slice(sentence.start, sentence.end))));
}
