/**
 * A sentence that speaks of someone without naming them: "the 20-year-old rose above two defenders… and head the
 * winner", "He blamed his defeat on…". News names a person once and then says "he" or "the striker", so a claim's
 * person absent from such a sentence may be its subject when the sentence before names them.
 */
import { kindOfNoun } from '../answer/span-roles.js';
import { words } from './names.js';

const PRONOUNS = new Set(['he', 'she', 'him', 'his', 'her', 'hers', 'himself', 'herself']);
/** "the 20-year-old", "the 34-year-old software developer": an age said as who someone is. */
const AGED = /\bthe\s+(?:\d+|[a-z]+(?:-[a-z]+)?)-year-old\b/i;

/** Whether the sentence refers to a person by a pronoun, an age or "the" and a kind of person ("the striker"). */
export function refersToSomeone(sentence: string): boolean {
  if (AGED.test(sentence)) return true;
  const all = words(sentence);
  return all.some((word, i) => PRONOUNS.has(word) || (i > 0 && all[i - 1] === 'the' && kindOfNoun(word) === 'person'));
}

/**
 * The claim's people a sentence leaves out but may mean all the same: each named by the sentence before, which the
 * sentence continues with a pronoun or a description.
 */
export function meantByAnaphor(absent: readonly string[], sentence: string, previous: string | undefined): string[] {
  if (absent.length === 0 || previous === undefined || !refersToSomeone(sentence)) return [];
  const before = new Set(words(previous));
  return absent.filter((person) => before.has(person));
}
