/**
 * Claims that nothing happened ("nobody died when the ferry hit the breakwater") and sentences that say the same
 * ("No one was killed.", "No deaths have been reported."): news states an absence in a short sentence of its own,
 * leaving the subject to the sentences around it, so such a sentence shares the claim's point but few of its words.
 */
import { dictionaryForm } from '../lemmatizer.js';
import { tokenize } from '../index/lexical-index.js';
import { derivedWords, relatedWords } from '../retrieval/wordnet.js';
import { words } from './names.js';

/** Words that deny what follows them: "nobody died", "no deaths", "none were hurt", "no one was killed". */
const QUANTIFIERS = new Set(['nobody', 'none', 'no']);
/** Content words after the quantifier that say what is denied: "No serious injuries" → serious, injuries. */
const DENIED_WORDS = 2;

/** The content words a text denies, after "nobody", "no one", "none" or "no" (adverbs such as "seriously" skipped). */
export function deniedWords(text: string): string[] {
  const all = words(text);
  const out: string[] = [];
  for (let i = 0; i < all.length; i++) {
    if (!QUANTIFIERS.has(all[i]!)) continue;
    let taken = 0;
    for (let j = i + 1; j < all.length && taken < DENIED_WORDS; j++) {
      const word = all[j]!;
      if ((all[i] === 'no' && word === 'one' && j === i + 1) || /ly$/.test(word) || tokenize(word).length === 0) continue;
      out.push(word);
      taken++;
    }
  }
  return out;
}

/** A word's stems, its dictionary form's, and those of its WordNet relatives and derived forms ("died" → death). */
function reach(word: string): Set<string> {
  const lemma = dictionaryForm(word);
  return new Set([word, lemma, ...relatedWords(lemma), ...derivedWords(lemma)].flatMap((w) => tokenize(w)));
}

function own(word: string): string[] {
  return [...new Set([word, dictionaryForm(word)].flatMap((w) => tokenize(w)))];
}

/** Whether the sentence denies what the claim denies: "No deaths have been reported." for "nobody has died…". */
export function deniesAsClaimed(claim: string, sentence: string): boolean {
  const denied = deniedWords(claim);
  if (denied.length === 0) return false;
  const inSentence = deniedWords(sentence);
  return denied.some((c) => {
    const fromClaim = reach(c);
    return inSentence.some((s) => own(s).some((stem) => fromClaim.has(stem)) || own(c).some((stem) => reach(s).has(stem)));
  });
}
