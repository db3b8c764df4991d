import type { Passage } from '../types.js';
import { askedType, novelSpans } from './answer-types.js';
import type { ArticleContext } from './article-context.js';
import type { PhraseSpan } from './phrase.js';
import { articleSurnames } from './article-names.js';

/**
 * "Who said 'We had the game in our hands'?" is answered by a quote that names no one: '"We had the game in our
 * hands and we let it go," he said.' News names a speaker once ("Eastbridge director of rugby Gareth Llewellyn said
 * his players were 'devastated'.") and then says "he said", or carries the quote on into the next sentences. The
 * sentence before that names them says who "he" is.
 */
const SAID_BY_PRONOUN = /\b(?:he|she|they)\s+(?:said|says|added|adds|told|explained|warned|insisted|admitted|continued|wrote|recalled)\b|\b(?:said|says|added|adds)\s+(?:he|she)\b/i;
const OPENS_WITH_QUOTE = /^\s*["“‘]/;

/** How far back a quote's speaker is looked for: the quote's paragraph and the one or two before it. */
const SENTENCES_BACK = 3;

/** Whether a "who" question's cited quote needs its speaker named: it says "he said", or is a quotation itself. */
export function needsSpeaker(question: string, quote: string): boolean {
  return askedType(question) === 'person' && (SAID_BY_PRONOUN.test(quote) || OPENS_WITH_QUOTE.test(quote));
}

/**
 * The nearest sentence before `passage`, within `SENTENCES_BACK`, that names someone the question does not: a person
 * the tagger is sure of, or one the sentence has speak, or a surname the article gave a person in full before
 * ("Tapueluelu" after "Sione Tapueluelu").
 */
export function speakerBefore(question: string, passage: Passage, context: ArticleContext): { passage: Passage; span: PhraseSpan } | undefined {
  const earlier: Passage[] = [];
  for (let at = context.previous(passage); at && earlier.length < SENTENCES_BACK; at = context.previous(at)) earlier.push(at);
  let surnames: ReadonlySet<string> | undefined;
  for (const candidate of earlier) {
    const spans = novelSpans(question, candidate.text, 'person');
    const person = spans.find((span) => span.strength > 1 || span.speaks);
    if (person) return { passage: candidate, span: { start: person.start, end: person.end } };
    // The article's surnames are read (its sentences tagged) only when no nearer sentence names someone outright.
    surnames ??= articleSurnames(context, passage.article);
    const surname = [...candidate.text.matchAll(/\p{Lu}[\p{L}'’-]+/gu)].find((match) => surnames!.has(match[0]) && !question.includes(match[0]));
    if (surname) return { passage: candidate, span: { start: surname.index, end: surname.index + surname[0].length } };
  }
  return undefined;
}
