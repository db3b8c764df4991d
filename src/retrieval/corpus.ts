import { LexicalIndex } from '../index/lexical-index.js';
import { VectorIndex } from '../index/vector-index.js';
import type { Passage } from '../types.js';

/** Everything retrieval needs in memory: passages by label, their HNSW graph and the BM25 index. */
export interface Corpus {
  passages: Passage[];
  vectors: Pick<VectorIndex, 'search'>;
  lexical: Pick<LexicalIndex, 'search' | 'coverage' | 'idf'>;
}

export function buildCorpus(passages: Passage[], vectors: number[][], dimensions: number): Corpus {
  return { passages, vectors: VectorIndex.build(vectors, dimensions), lexical: LexicalIndex.build(passages) };
}

export function corpusFromIndex(passages: Passage[], vectors: VectorIndex): Corpus {
  return { passages, vectors, lexical: LexicalIndex.build(passages) };
}
