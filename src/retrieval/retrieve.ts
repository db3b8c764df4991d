import type { ScoredPassage } from '../types.js';
import type { Corpus } from './corpus.js';
import { fuseScores } from './fuse.js';
import { highlightTerms } from './highlight.js';

export const DEFAULT_DENSE_WEIGHT = 0.5;
/** Candidates taken from each retriever before fusion; fusion needs more than the final top-k to rank well. */
export const CANDIDATES_PER_RETRIEVER = 100;

export interface RetrieveOptions {
  limit: number;
  denseWeight?: number;
}

/** Hybrid retrieval: dense HNSW neighbours and BM25 hits, fused, best first. */
export function retrievePassages(
  corpus: Corpus,
  question: string,
  questionVector: number[],
  options: RetrieveOptions,
): ScoredPassage[] {
  const candidates = Math.max(options.limit, CANDIDATES_PER_RETRIEVER);
  const denseHits = corpus.vectors.search(questionVector, candidates);
  const lexicalHits = corpus.lexical.search(question, candidates);
  const dense = new Map(denseHits.map((hit) => [hit.label, hit.similarity]));
  const lexical = new Map(lexicalHits.map((hit) => [hit.label, hit.score]));
  const terms = new Map(lexicalHits.map((hit) => [hit.label, hit.terms]));
  const fused = fuseScores(dense, lexical, options.denseWeight ?? DEFAULT_DENSE_WEIGHT);
  // A passage found only lexically still has a true cosine; approximate it by the weakest dense hit seen.
  const weakestDense = Math.min(...dense.values());
  return [...fused.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, options.limit)
    .map(([label, score]) => {
      const passage = corpus.passages[label]!;
      return {
        passage,
        score,
        dense: dense.get(label) ?? weakestDense,
        lexical: lexical.get(label) ?? 0,
        coverage: corpus.lexical.coverage(question, terms.get(label) ?? []),
        highlights: highlightTerms(passage.text, question),
      };
    });
}
