/** A readable title for an article that has none in its front matter: a name people can tell apart, never a hash. */
import { splitParagraphs, splitSentences } from './segment.js';

/** Long enough to say what the story is about, short enough for a Sources line or an autocomplete choice. */
export const MAX_DERIVED_TITLE = 80;

/**
 * The humanised file name when it reads as words (`tram-line-vote` → "Tram line vote"), else the article's first
 * sentence, shortened at a word boundary. A file name that is mostly digits or hex (`000_ce70d124781ea012`) says
 * nothing to a reader.
 */
export function readableTitle(id: string, text: string): string {
  return humaniseFileName(id) ?? firstSentence(text) ?? id;
}

/** `tram-line_vote` → "Tram line vote"; undefined when the name is not made of words. */
export function humaniseFileName(id: string): string | undefined {
  const words = id.split(/[\s_.-]+/).filter(Boolean);
  const wordy = words.filter((word) => /^\p{L}{2,}$/u.test(word) && !/^[0-9a-f]{8,}$/i.test(word));
  // Every part a word, or at least two words with only short numbers besides ("2025-11-tram-vote").
  const rest = words.filter((word) => !wordy.includes(word));
  if (wordy.length === 0 || (rest.length > 0 && (wordy.length < 2 || rest.some((word) => !/^\d{1,4}$/.test(word))))) return undefined;
  const phrase = wordy.join(' ').toLowerCase();
  return phrase.charAt(0).toUpperCase() + phrase.slice(1);
}

/** The first sentence of the first paragraph, cut at a word boundary with an ellipsis when long. */
export function firstSentence(text: string, max = MAX_DERIVED_TITLE): string | undefined {
  const paragraph = splitParagraphs(text)[0];
  if (!paragraph) return undefined;
  const span = splitSentences(text, paragraph.start, paragraph.end)[0];
  if (!span) return undefined;
  const sentence = text.slice(span.start, span.end).replace(/\s+/g, ' ').replace(/^#+\s*/, '').trim();
  if (sentence.length <= max) return sentence.replace(/[.:;,]$/, '') || undefined;
  const cut = sentence.slice(0, max - 1);
  const atWord = cut.slice(0, Math.max(cut.lastIndexOf(' '), Math.floor(max / 2)));
  return `${atWord.replace(/[\s,;:–—-]+$/, '')}…`;
}

/** A byline or a stamp rather than a headline: "By Jane Smith", "Updated 5 May 2026". */
const NOT_A_HEADLINE = /^(?:by|updated|published|posted|filed|photo|image|source)\b/i;

/**
 * The headline a plain-text article opens with: a first paragraph of one line, three to twenty words, that does not
 * end like a sentence ("Harbour ferry returns after repair" above the story). It is the article's title, as an
 * HTML page's headline and a Markdown file's opening heading are, and not a sentence of the story: a headline in
 * Title Case reads to the tagger as a run of names. Undefined when the text opens with a sentence, or has nothing
 * after its first line.
 */
export function plainHeadline(text: string): { headline: string; bodyStart: number } | undefined {
  const [first, second] = splitParagraphs(text);
  if (!first || !second) return undefined;
  const line = text.slice(first.start, first.end);
  if (/\n/.test(line) || line.length > 150 || /[.!?;:,…"”'’)\]]$/.test(line)) return undefined;
  const words = line.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length < 3 || words.length > 20 || NOT_A_HEADLINE.test(line)) return undefined;
  return { headline: line.replace(/\s+/g, ' ').trim(), bodyStart: second.start };
}

/** Ends like a sentence, a quote or a list entry: the end of a line of prose, not of a section's name. */
const SENTENCE_END = /[.!?;:,…"”'’)\]]$/;

/**
 * Section headings of a plain-text story ("How the trial worked" between two paragraphs of it): a paragraph of one
 * line, two to twelve words, not ending like a sentence, not a byline or a stamp, with a paragraph of prose before
 * it and after it. Pages fetched from the web are stored as plain text, so their headings come this way too. By
 * paragraph number (1-based).
 */
export function plainSubheadings(text: string): number[] {
  const paragraphs = splitParagraphs(text).map((span) => text.slice(span.start, span.end));
  const prose = (paragraph: string | undefined) => paragraph !== undefined && SENTENCE_END.test(paragraph);
  const headings: number[] = [];
  paragraphs.forEach((paragraph, i) => {
    if (i === 0 || /\n/.test(paragraph) || SENTENCE_END.test(paragraph) || NOT_A_HEADLINE.test(paragraph)) return;
    const words = paragraph.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
    if (words.length < 2 || words.length > 12 || !/^\p{Lu}/u.test(paragraph)) return;
    if (prose(paragraphs[i - 1]) && prose(paragraphs[i + 1])) headings.push(i + 1);
  });
  return headings;
}

/** A question as a paragraph of its own: one sentence ending in "?" (bold or quoted as it may be). */
const QUESTION_PARAGRAPH = /\?["”'’*_)\]]*$/;

/**
 * An interview's questions ("**What was the hardest part?**" above the answer): paragraphs of one line that end in
 * "?", at most 30 words, each followed by a paragraph that is not a question, when the text has at least two. The
 * interviewer's question names what the answer below it is about, as a heading does, and answers nothing. By
 * paragraph number (1-based).
 */
export function interviewQuestions(text: string): number[] {
  const paragraphs = splitParagraphs(text).map((span) => text.slice(span.start, span.end));
  const isQuestion = (paragraph: string | undefined) =>
    paragraph !== undefined && !/\n/.test(paragraph) && QUESTION_PARAGRAPH.test(paragraph) && paragraph.split(/\s+/).length <= 30 && !/[.!?]["”'’]?\s+\S/.test(paragraph.replace(QUESTION_PARAGRAPH, ''));
  const questions: number[] = [];
  paragraphs.forEach((paragraph, i) => {
    if (isQuestion(paragraph) && paragraphs[i + 1] !== undefined && !isQuestion(paragraphs[i + 1])) questions.push(i + 1);
  });
  return questions.length >= 2 ? questions : [];
}
