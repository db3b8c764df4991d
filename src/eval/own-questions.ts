/**
 * The project's own question sets (`eval/questions/`): for each invented article in `eval/articles/`, the questions
 * people put to it in a chat, plain and in their own words, with the exact words of the sentence that answers, and
 * questions it cannot answer (on topic, "near", and off topic). They share the development sets' format and kinds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { readJsonLines } from './datasets.js';
import type { DevQuestion } from './dev-sets.js';

export const OWN_ARTICLES_DIR = path.join(PROJECT_ROOT, 'eval', 'articles');
export const OWN_QUESTIONS_DIR = path.join(PROJECT_ROOT, 'eval', 'questions');

/** An own set's instances are told from the development sets' by this prefix on their `set`. */
export const OWN_SET_PREFIX = 'own:';
export const isOwnSet = (set: string) => set.startsWith(OWN_SET_PREFIX);

/** The articles with a question set (`questions-<article>.jsonl`), in name order. */
export function ownQuestionArticles(dir = OWN_QUESTIONS_DIR): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^questions-.+\.jsonl$/.test(f))
    .sort()
    .map((f) => f.replace(/^questions-|\.jsonl$/g, ''));
}

export function loadOwnQuestions(article: string, dir = OWN_QUESTIONS_DIR): DevQuestion[] {
  return readJsonLines<DevQuestion>(path.join(dir, `questions-${article}.jsonl`));
}
