import { boundedMemo } from '../bounded-memo.js';
import { lemmatizer } from '../lemmatizer.js';
import { tokenize, usedStems } from '../index/lexical-index.js';
import type { CandidateOptions, Candidates, PassageStore, TermWeights } from '../index/passage-store.js';
import { wordSenses } from './wordnet.js';

/**
 * Misspelt words in a question, put right from the words of the sentences retrieval found for it: "Who leads the
 * delegation, Medinksy?" or "the Maastrich Treaty" miss every BM25 posting and every coverage match, while the
 * dense side, reading subwords, still finds the sentence that spells the word right. A word is corrected only when
 * the collection never uses it, English does not know it (no WordNet sense for it or its lemma: "decides" and
 * "entity" stay as asked), it has at least `MIN_LENGTH` letters, and exactly one edit (a letter added, dropped,
 * changed, or two swapped) turns it into a word of those sentences with the same first letter.
 */
const MIN_LENGTH = 5;

export interface Correction {
  /** The question with its misspelt words replaced, or the question itself when none was. */
  question: string;
  /** Each replaced word and what replaced it, in the question's order. */
  replaced: Array<{ from: string; to: string }>;
}

export function correctSpelling(question: string, known: TermWeights, sentences: readonly string[]): Correction {
  const used = usedStems(known);
  const inCollection = (word: string) => tokenize(word).every(used);
  const replaced: Correction['replaced'] = [];
  let vocabulary: Map<string, { word: string; count: number }> | undefined;
  const corrected = question.replace(/\p{L}+/gu, (word) => {
    const lower = word.toLowerCase();
    if (lower.length < MIN_LENGTH || tokenize(lower).length === 0 || FUNCTION_WORDS.has(lower) || inCollection(lower) || isEnglish(lower)) return word;
    vocabulary ??= wordsOf(sentences);
    let best: { word: string; count: number } | undefined;
    for (const [candidate, entry] of vocabulary) {
      if (candidate[0] === lower[0] && oneEditApart(lower, candidate) && (!best || entry.count > best.count)) best = entry;
    }
    if (!best) return word;
    replaced.push({ from: word, to: best.word });
    return best.word;
  });
  return { question: corrected, replaced };
}

/**
 * The store's candidates for a question, asked again with its misspellings put right when the first candidates
 * show how the collection spells them; the corrected question is what the answer model should then read.
 */
export async function candidatesWithSpelling(
  store: PassageStore,
  question: string,
  vector: number[],
  limit: number,
  options: CandidateOptions & { weigh?: (question: string) => readonly string[] } = {},
): Promise<Candidates & { question: string }> {
  const { weigh, ...rest } = options;
  const first = await store.candidates(question, vector, limit, { ...rest, weighTerms: weigh?.(question) ?? rest.weighTerms });
  const correction = correctSpelling(question, first.lexical, first.passages.map((p) => p.passage.text));
  if (correction.replaced.length === 0) return { ...first, question };
  const again = await store.candidates(correction.question, vector, limit, { ...rest, weighTerms: weigh?.(correction.question) ?? rest.weighTerms });
  return { ...again, question: correction.question };
}

/** English words WordNet has no entry for, since it lists nouns, verbs, adjectives and adverbs only. */
const FUNCTION_WORDS = new Set(
  ('those these their theirs there where which whose while about above after again against among amongst before ' +
    'below beneath between beyond could would should might shall cannot since under until unless upon whether within ' +
    'without being other others every itself himself herself themselves yourself myself ourselves through throughout ' +
    'toward towards across along behind beside besides during except inside outside around although though because ' +
    'whereas whenever wherever whoever whatever whichever neither either rather').split(' '),
);

/** Whether WordNet knows the word or its lemma; kept per word, as the same unknown words come back (names, slang). */
const isEnglish = boundedMemo(10_000, (word: string): boolean => {
  const forms = new Set([word, lemmatizer.noun(word), lemmatizer.verb(word), lemmatizer.adjective(word)]);
  for (const form of forms) if (wordSenses(form).length > 0) return true;
  return false;
});

/** Each distinct word of the sentences, lower-cased, with the spelling it was first met in and how often it occurs. */
function wordsOf(sentences: readonly string[]): Map<string, { word: string; count: number }> {
  const words = new Map<string, { word: string; count: number }>();
  for (const sentence of sentences) {
    for (const [word] of sentence.matchAll(/\p{L}+/gu)) {
      const lower = word.toLowerCase();
      if (lower.length < MIN_LENGTH - 1) continue;
      const entry = words.get(lower);
      if (entry) entry.count++;
      else words.set(lower, { word, count: 1 });
    }
  }
  return words;
}

/** Damerau–Levenshtein distance exactly 1: one letter inserted, deleted or substituted, or two adjacent swapped. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diffs: number[] = [];
    for (let i = 0; i < a.length && diffs.length <= 2; i++) if (a[i] !== b[i]) diffs.push(i);
    if (diffs.length === 1) return true;
    return diffs.length === 2 && diffs[1] === diffs[0]! + 1 && a[diffs[0]!] === b[diffs[1]!] && a[diffs[1]!] === b[diffs[0]!];
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && long[i] === short[i]) i++;
  return long.slice(i + 1) === short.slice(i);
}
