import { createRequire } from 'node:module';
import type winkLemmatizer from 'wink-lemmatizer';

type Lemmatizer = typeof winkLemmatizer;
let loaded: Lemmatizer | undefined;

const load = () => (loaded ??= createRequire(import.meta.url)('wink-lemmatizer') as Lemmatizer);

/**
 * wink-lemmatizer, loaded on first use, as compromise is (`nlp.ts`): its word lists took some 0.12 s of every start,
 * before the first question, and a start with its index up to date lemmatizes nothing until a question comes.
 */
export const lemmatizer: Lemmatizer = {
  verb: (word) => load().verb(word),
  noun: (word) => load().noun(word),
  adjective: (word) => load().adjective(word),
};

/** A word's dictionary form: as a verb if it is one ("skipped" → "skip"), else as an adjective, else as a noun. */
export function dictionaryForm(word: string): string {
  const verb = lemmatizer.verb(word);
  if (verb !== word) return verb;
  const adjective = lemmatizer.adjective(word);
  return adjective !== word ? adjective : lemmatizer.noun(word);
}
