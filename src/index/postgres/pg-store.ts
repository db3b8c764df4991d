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
import { partitionName } from './generation-partition.js';
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
          lexical = await lexicalHits(client, generation, question, k);
          frequencies = await documentFrequencies(client, generation.id, [...questionTerms(question), ...(options?.weighTerms ?? [])]);
          // Last: its settings hold for the rest of the transaction.
          dense = await denseHits(client, generation, vector, k);
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
 * Nearest passages by cosine through the HNSW index of the generation's partition. The query names the partition
 * itself: through the parent, `generation = $1` prunes to the same partition but stays a condition on its rows, and
 * the planner then prefers the primary key (whose first column it is) and an exact sort to the graph.
 */
async function denseHits(client: pg.ClientBase, generation: LiveGeneration, vector: number[], k: number): Promise<VectorHit[]> {
  const query = denseQuery(generation, vector, k);
  await prepareDenseSearch(client, k);
  const { rows } = await client.query<{ label: number; distance: number }>(query.text, query.values);
  return rows.map((row) => ({ label: row.label, similarity: 1 - Number(row.distance) }));
}

/**
 * The settings of the dense query, for the rest of the transaction: the search breadth for `k` neighbours, and no
 * sequential scan. pgvector prices a graph search at ef 256 above an exact scan of a few thousand rows, and the
 * planner's choice would then make the two stores' dense sides differ in kind; both search the HNSW graph.
 */
export async function prepareDenseSearch(client: pg.ClientBase, k: number): Promise<void> {
  await client.query(`SET LOCAL hnsw.ef_search = ${Math.min(1000, Math.max(EF_SEARCH, k))}; SET LOCAL enable_seqscan = off`);
}

/** The dense query, as sent (exported so a test can ask the server for its plan). */
export function denseQuery(generation: Pick<LiveGeneration, 'id' | 'dimensions'>, vector: number[], k: number): { text: string; values: unknown[] } {
  const dims = Math.trunc(generation.dimensions);
  return {
    text: `SELECT label, embedding::vector(${dims}) <=> $1::vector(${dims}) AS distance
     FROM ${partitionName(generation.id)}
     ORDER BY embedding::vector(${dims}) <=> $1::vector(${dims})
     LIMIT $2`,
    values: [vectorLiteral(vector), k],
  };
}

/** A plan's nodes, outermost first, as "Node Type" or "Node Type on relation using index". */
export function planNodes(plan: Record<string, any>): string[] {
  const here = [plan['Node Type'], plan['Relation Name'] && `on ${plan['Relation Name']}`, plan['Index Name'] && `using ${plan['Index Name']}`].filter(Boolean).join(' ');
  return [here, ...((plan.Plans as Record<string, any>[] | undefined) ?? []).flatMap(planNodes)];
}
