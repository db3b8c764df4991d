import { boundedMemo } from '../bounded-memo.js';
import { lemmatizer } from '../lemmatizer.js';
import { properNounOnly, wordSenses } from '../retrieval/wordnet.js';

/**
 * A question about "Margaret Ellery" is not answered by "Arthur Ellery died in 2009.": the same surname after another
 * given name is another person (a husband, a brother, a namesake), however close the sentence's words. Only names are
 * read, not words: "President Biden" is a title before a name, and "Gordon Brown" could be a colour, so it is left alone.
 */
export interface FullName {
  given: string;
  surname: string;
  /** Every word of the name as asked ("Mary Ann Smith"), so "Ann Smith" is not someone else. */
  words: ReadonlySet<string>;
  /** The given name as a word, and a capitalised word before the surname: made once, read for every candidate. */
  givenWord: RegExp;
  beforeSurname: RegExp;
}

const NAME_RUN = /(?<![\p{L}\p{N}'’.-])\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)?(?:\s+\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)?)+(?![\p{L}\p{N}-])/gu;
/** WordNet knows some honorifics as proper nouns ("Mrs"). */
const HONORIFIC = /^(?:mr|mrs|ms|miss|mx|dr|sir|dame|lord|lady|st|saint|rev|fr)$/i;

/**
 * A name and not a word: unknown to WordNet, or known to it only as a proper noun ("Arthur"), and no honorific. A
 * plural is read as its singular ("Panthers" is a word).
 */
const isName = boundedMemo(10_000, (word: string): boolean => {
  const lower = word.toLowerCase();
  if (HONORIFIC.test(word) || lemmatizer.noun(lower) !== lower) return false;
  return wordSenses(lower).length === 0 || properNounOnly(word);
});

/** The full names a question names: the last two words of each run of capitalised words, when both are names. */
export function askedFullNames(question: string): FullName[] {
  const out: FullName[] = [];
  for (const match of question.matchAll(NAME_RUN)) {
    // The question's first word is capitalised whatever it is ("Does Zelenskyy…", "Of Warsaw's…").
    const words = match[0].split(/\s+/).slice(question.slice(0, match.index).trim() === '' ? 1 : 0).map((word) => word.replace(/['’]s$/, ''));
    if (words.length < 2) continue;
    const [given, surname] = words.slice(-2) as [string, string];
    if (!isName(given) || !isName(surname)) continue;
    out.push({
      given,
      surname,
      words: new Set(words),
      givenWord: new RegExp(`(?<!\\p{L})${escape(given)}(?!\\p{L})`, 'u'),
      beforeSurname: new RegExp(`(?<![\\p{L}\\p{N}'’.-])(\\p{Lu}\\p{Ll}+)\\s+${escape(surname)}(?!\\p{L})`, 'gu'),
    });
  }
  return out;
}

/** Whether a sentence names someone with another given name by an asked surname, and never the asked given name. */
export function namesSomeoneElse(names: readonly FullName[], sentence: string): boolean {
  return names.some(({ words, givenWord, beforeSurname }) => {
    if (givenWord.test(sentence)) return false;
    for (const match of sentence.matchAll(beforeSurname)) if (!words.has(match[1]!) && isName(match[1]!)) return true;
    return false;
  });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
