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

/** The BM25 index stored with the graph is used when there is one; an older index without it is rebuilt in memory. */
export function corpusFromIndex(passages: Passage[], vectors: VectorIndex, lexical?: LexicalIndex): Corpus {
  return { passages, vectors, lexical: lexical ?? LexicalIndex.build(passages) };
}
