import lemmatizer from 'wink-lemmatizer';
import { tokenize, type LexicalIndex } from '../index/lexical-index.js';
import { relatedWords } from '../retrieval/wordnet.js';
import type { ScoredPassage } from '../types.js';
import { askedType, novelSpans, type AnswerType } from './answer-types.js';

/**
 * The signals the answer model weighs, each per candidate sentence. Absolute ones (cosine, coverage) tell whether
 * the article answers at all; relative ones (gap to the best cosine, share of the best BM25) rank within a question.
 * All are encoder-agnostic in shape; their weights are fitted per model (`npm run calibrate`).
 */
export const FEATURE_NAMES = [
  'dense',
  'denseGap',
  'denseRank',
  'fused',
  'lexicalShare',
  'coverage',
  'softCoverage',
  'typeFound',
  'typeMissing',
  'articleFocus',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type Features = Record<FeatureName, number>;

export interface QuestionAnalysis {
  question: string;
  /** Content terms (stems) with their IDF in the index. */
  terms: Array<{ term: string; idf: number; related: Set<string> }>;
  type?: AnswerType;
}

/** Credit for a question word met only through a WordNet synonym or hypernym, relative to the word itself. */
export const SOFT_MATCH_CREDIT = 0.7;

export function analyzeQuestion(question: string, lexical: Pick<LexicalIndex, 'idf'>): QuestionAnalysis {
  const words = question.toLowerCase().replace(/[’‘`]/g, "'").match(/[\p{L}]+(?:'[\p{L}]+)*/gu) ?? [];
  const byTerm = new Map<string, Set<string>>();
  for (const word of words) {
    const [term] = tokenize(word);
    if (term === undefined) continue;
    const related = byTerm.get(term) ?? new Set<string>();
    for (const stem of relatedStems(word)) related.add(stem);
    byTerm.set(term, related);
  }
  return {
    question,
    terms: [...byTerm].map(([term, related]) => ({ term, idf: lexical.idf(term), related })),
    type: askedType(question),
  };
}

interface PassageTerms {
  exact: Set<string>;
  /** Stems WordNet relates to the passage's words: "president" brings "head" (of state), "landed" brings "arrive". */
  related: Set<string>;
}

const termsCache = new WeakMap<object, PassageTerms>();

function passageTerms(scored: ScoredPassage): PassageTerms {
  let terms = termsCache.get(scored.passage);
  if (!terms) {
    const words = scored.passage.text.toLowerCase().replace(/[’‘`]/g, "'").match(/[\p{L}]+(?:'[\p{L}]+)*/gu) ?? [];
    terms = { exact: new Set(tokenize(scored.passage.text)), related: new Set(words.flatMap((word) => relatedStems(word))) };
    termsCache.set(scored.passage, terms);
  }
  return terms;
}

function relatedStems(word: string): string[] {
  const [term] = tokenize(word);
  if (term === undefined) return [];
  const lemmas = new Set([word, lemmatizer.noun(word), lemmatizer.verb(word), lemmatizer.adjective(word)]);
  return [...lemmas].flatMap((lemma) => relatedWords(lemma).flatMap((other) => tokenize(other))).filter((stem) => stem !== term);
}

/**
 * Share of the question's IDF mass the sentence holds, counting a WordNet relation either way (question word to
 * sentence word or back) at partial credit.
 */
export function softCoverage(analysis: QuestionAnalysis, terms: PassageTerms): number {
  let total = 0;
  let found = 0;
  for (const { term, idf, related } of analysis.terms) {
    total += idf;
    if (terms.exact.has(term)) found += idf;
    else if (terms.related.has(term) || [...related].some((stem) => terms.exact.has(stem))) found += SOFT_MATCH_CREDIT * idf;
  }
  return total === 0 ? 0 : found / total;
}

/** Features of every candidate; relative ones are taken over this candidate list. */
export function candidateFeatures(analysis: QuestionAnalysis, candidates: ScoredPassage[]): Features[] {
  const bestDense = Math.max(...candidates.map((c) => c.dense));
  const bestLexical = Math.max(0, ...candidates.map((c) => c.lexical));
  const bestFused = Math.max(0, ...candidates.map((c) => c.score));
  const denseOrder = [...candidates].sort((a, b) => b.dense - a.dense);
  const focus = articleFocus(candidates);
  return candidates.map((c) => {
    const novel = analysis.type ? novelSpans(analysis.question, c.passage.text, analysis.type).length > 0 : false;
    return {
      dense: c.dense,
      denseGap: c.dense - bestDense,
      denseRank: 1 / (1 + denseOrder.indexOf(c)),
      fused: bestFused > 0 ? c.score / bestFused : 0,
      lexicalShare: bestLexical > 0 ? c.lexical / bestLexical : 0,
      coverage: c.coverage,
      softCoverage: softCoverage(analysis, passageTerms(c)),
      typeFound: analysis.type && novel ? 1 : 0,
      typeMissing: analysis.type && !novel ? 1 : 0,
      articleFocus: focus.get(c.passage.article) ?? 0,
    };
  });
}

/**
 * Share of the candidates' fused score held by each article: with several articles loaded, a question is about one
 * of them, and a sentence from the article the question is about is the likelier answer.
 */
function articleFocus(candidates: ScoredPassage[]): Map<string, number> {
  const mass = new Map<string, number>();
  let total = 0;
  for (const c of candidates) {
    mass.set(c.passage.article, (mass.get(c.passage.article) ?? 0) + c.score);
    total += c.score;
  }
  return new Map([...mass].map(([article, m]) => [article, total > 0 ? m / total : 0]));
}
