/**
 * Retrieval's candidates from PostgreSQL: dense neighbours from the HNSW index, BM25 hits from the `tsvector`
 * column, and document frequencies for the question's terms, read in one transaction from one generation. They are
 * fused by the same `retrievePassages` the embedded store runs, so the ranking cannot drift between the two.
 */
import type pg from 'pg';
import { CANDIDATES_PER_RETRIEVER, retrievePassages } from '../../retrieval/retrieve.js';
import type { Corpus } from '../../retrieval/corpus.js';
import type { Passage } from '../../types.js';
import type { PassageStore } from '../passage-store.js';
import type { VectorHit } from '../vector-index.js';
import type { LiveGeneration } from './pg-ingest.js';
import { vectorLiteral } from './pg-ingest.js';
import { documentFrequencies, FetchedTermWeights, lexicalHits, questionTerms } from './pg-lexical.js';

/** The embedded store searches with ef = 256 (and ef ≥ k); pgvector caps `hnsw.ef_search` at 1000. */
const EF_SEARCH = 256;

export function createPostgresStore(pool: pg.Pool, generation: LiveGeneration, passages: Passage[]): PassageStore {
  return {
    async candidates(question, vector, limit, options) {
      const k = Math.max(limit, CANDIDATES_PER_RETRIEVER);
      const client = await pool.connect();
      let dense: VectorHit[];
      let lexical: Awaited<ReturnType<typeof lexicalHits>>;
      let frequencies: Map<string, number>;
      try {
        await client.query('BEGIN');
        try {
          dense = await denseHits(client, generation, vector, k);
          lexical = await lexicalHits(client, generation, question, k);
          frequencies = await documentFrequencies(client, generation.id, [...questionTerms(question), ...(options?.weighTerms ?? [])]);
        } finally {
          await client.query('COMMIT');
        }
      } finally {
        client.release();
      }
      const weights = new FetchedTermWeights(frequencies, generation.passageCount);
      const corpus: Corpus = {
        passages,
        vectors: { search: (_vector, n) => dense.slice(0, n) },
        lexical: { search: (_query, n) => lexical.slice(0, n), coverage: (q, terms) => weights.coverage(q, terms), idf: (term) => weights.idf(term) },
      };
      return { passages: retrievePassages(corpus, question, vector, { limit, denseWeight: options?.denseWeight }), lexical: weights };
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * Nearest passages by cosine through the generation's HNSW index. The iterative scan keeps going when the
 * generation filter drops rows, so a generation sharing the index with others still gets its `k` neighbours.
 */
async function denseHits(client: pg.ClientBase, generation: LiveGeneration, vector: number[], k: number): Promise<VectorHit[]> {
  const dims = Math.trunc(generation.dimensions);
  await client.query(`SET LOCAL hnsw.ef_search = ${Math.min(1000, Math.max(EF_SEARCH, k))}`);
  await client.query(`SET LOCAL hnsw.iterative_scan = strict_order`);
  const { rows } = await client.query<{ label: number; distance: number }>(
    `SELECT label, embedding::vector(${dims}) <=> $2::vector(${dims}) AS distance
     FROM footnote_passages
     WHERE generation = $1 AND dimensions = ${dims}
     ORDER BY embedding::vector(${dims}) <=> $2::vector(${dims})
     LIMIT $3`,
    [generation.id, vectorLiteral(vector), k],
  );
  return rows.map((row) => ({ label: row.label, similarity: 1 - Number(row.distance) }));
}
