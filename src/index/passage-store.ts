import type { LexicalIndex } from './lexical-index.js';
import type { AboutInfo, Article, Passage, ScoredPassage } from '../types.js';
import type { Corpus } from '../retrieval/corpus.js';
import { retrievePassages } from '../retrieval/retrieve.js';

/** What the answer re-rank needs from the collection besides the candidates: how rare each question term is. */
export type TermWeights = Pick<LexicalIndex, 'idf'>;

export interface Candidates {
  /** Hybrid retrieval's fused candidates, best first. */
  passages: ScoredPassage[];
  /** IDF over the collection the candidates came from, for the terms of this question. */
  lexical: TermWeights;
}

/**
 * Where retrieval's candidates come from: the embedded HNSW + BM25 corpus, or PostgreSQL + pgvector. Everything
 * above this (re-rank, answer decision) is the same whichever store serves, so answers are too.
 */
export interface CandidateOptions {
  /** A fusion weight besides the default; the evaluation measures each retriever alone with it. */
  denseWeight?: number;
  /**
   * Stems whose IDF the caller will read besides the question's own tokens (the answer model's WordNet relations).
   * A store holding the statistics in memory has them all; a database fetches only what it is asked for.
   */
  weighTerms?: readonly string[];
}

export interface PassageStore {
  candidates(question: string, vector: number[], limit: number, options?: CandidateOptions): Promise<Candidates>;
  close(): Promise<void>;
}

/** The in-process store: the corpus held in memory, searched synchronously. */
export function createEmbeddedStore(corpus: Corpus): PassageStore {
  return {
    async candidates(question, vector, limit, options) {
      return { passages: retrievePassages(corpus, question, vector, { limit, denseWeight: options?.denseWeight }), lexical: corpus.lexical };
    },
    async close() {},
  };
}

/** What a service serves, whichever store holds it: the articles, their passages in label order, and the store. */
export interface ServedCollection {
  articles: Article[];
  passages: Passage[];
  built: Pick<AboutInfo, 'model' | 'dimensions' | 'builtAt'>;
  store: PassageStore;
}
