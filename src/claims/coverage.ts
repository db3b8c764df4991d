/**
 * How much of a claim one sentence says: the answer model's IDF-weighted soft coverage (a word itself, its lemma,
 * or a WordNet synonym or hypernym either way), plus the clipped words people post ("feds", "ref", "pen", "min").
 */
import { analyzeQuestion, softCoverage, textTerms, type PassageTerms, type QuestionAnalysis } from '../answer/features.js';
import { inverseDocumentFrequency, tokenize } from '../index/lexical-index.js';
import type { Passage } from '../types.js';

/** A clipped word is at least this long ("ref", "pen"), so "a" or "in" never stands for a longer word. */
const MIN_CLIPPED = 3;

export type TermIdf = (stem: string) => number;

/** The IDF of a stem over every served sentence (all articles), the weights `analyzeQuestion` reads. */
export function sentenceIdf(passages: Passage[]): TermIdf {
  const frequency = new Map<string, number>();
  for (const passage of passages) for (const stem of new Set(tokenize(passage.text))) frequency.set(stem, (frequency.get(stem) ?? 0) + 1);
  return (stem) => inverseDocumentFrequency(passages.length, frequency.get(stem) ?? 0);
}

export function analyzeClaim(claim: string, idf: TermIdf): QuestionAnalysis {
  return analyzeQuestion(claim, { idf }, { figures: false });
}

const termsCache = new Map<string, PassageTerms>();

function sentenceTerms(text: string): PassageTerms {
  let terms = termsCache.get(text);
  if (terms) return terms;
  const { exact, related, words } = textTerms(text);
  // Every beginning of a longer word stands for it: the claim's "feds" (stem "fed") meets "federal".
  for (const word of words) for (let n = MIN_CLIPPED; n < word.length; n++) related.add(word.slice(0, n));
  terms = { exact, related };
  if (termsCache.size > 10_000) termsCache.clear();
  termsCache.set(text, terms);
  return terms;
}

/** Share of the claim's IDF mass the sentence holds, in [0, 1]. */
export function claimCoverage(analysis: QuestionAnalysis, sentence: string): number {
  return softCoverage(analysis, sentenceTerms(sentence));
}

/**
 * The claim's words the article uses (itself or a WordNet relation): the filler of a post ("fun fact", "lol",
 * "actually") never occurs in the article and would otherwise outweigh what the claim is about.
 */
export function knownPart(analysis: QuestionAnalysis, articleStems: Set<string>): QuestionAnalysis {
  const known = (stem: string) => articleStems.has(stem);
  return { ...analysis, terms: analysis.terms.filter((t) => known(t.term) || [...t.related].some(known)) };
}
