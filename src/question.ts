/**
 * What the engine accepts as a question. Every adapter checks with this (the CLI, mentions, the playground) or
 * declares it (`/ask`'s option), so there is one limit, in characters, with one message.
 */
import { FootnoteError } from './errors.js';
import { cleanQuestion } from './retrieval/clean-question.js';

export const MAX_QUESTION_LENGTH = 1000;

/** Rejects what cannot be a question; returns the text to retrieve with. */
export function validateQuestion(text: string): string {
  const question = cleanQuestion(text);
  // "@everyone" alone was typed as something, so "the text was empty" would puzzle whoever typed it.
  if (question === '') throw new FootnoteError(hasMention(text) ? 'ONLY_MENTIONS' : 'EMPTY_QUESTION');
  if (question.length > MAX_QUESTION_LENGTH)
    throw new FootnoteError('QUESTION_TOO_LONG', { max: MAX_QUESTION_LENGTH.toLocaleString('en-US'), length: question.length.toLocaleString('en-US') });
  return question;
}

/** @everyone/@here, a role, user or channel mention: markup that is removed before retrieval. */
function hasMention(text: string): boolean {
  return /<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b/.test(text.normalize('NFKC'));
}
