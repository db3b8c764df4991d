/**
 * Where the evaluation holds what it measures: in process (the embedded HNSW + BM25 store), or as article sets in a
 * PostgreSQL + pgvector store. Everything above the store is the same code either way, so comparing the two
 * reports measures the store alone.
 */
import pg from 'pg';
import { createEmbeddedStore, type PassageStore } from '../index/passage-store.js';
import { openGivenVectors } from '../index/postgres/given-vectors.js';
import { removeArticleSet } from '../index/postgres/pg-ingest.js';
import { buildCorpus } from '../retrieval/corpus.js';
import type { Article, Passage } from '../types.js';

export type StoreKind = 'embedded' | 'postgres';

/** Passages in label order and the store that ranks them. */
export interface EvalCollection {
  passages: Passage[];
  store: PassageStore;
}

export interface EvalStores {
  readonly kind: StoreKind;
  /** A collection of already-embedded passages (an XQuAD article, the development articles). */
  collection(name: string, articles: Article[], passages: Passage[], vectors: number[][], model: string, dimensions: number): Promise<EvalCollection>;
  /** What a service the evaluation opens needs to serve from this store; `name` keeps its article set apart. */
  serviceOptions(name: string): { databaseUrl?: string; guild?: string };
  /** Closes what it opened and, in a database, removes the article sets it wrote. */
  close(): Promise<void>;
}

export function embeddedStores(): EvalStores {
  return {
    kind: 'embedded',
    async collection(_name, _articles, passages, vectors, _model, dimensions) {
      return { passages, store: createEmbeddedStore(buildCorpus(passages, vectors, dimensions)) };
    },
    serviceOptions: () => ({}),
    async close() {},
  };
}

/** Article sets named after this run, so two evaluations against one database never share one. */
export function postgresStores(databaseUrl: string): EvalStores {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const run = `footnote-eval-${Date.now().toString(36)}-${process.pid}`;
  const written = new Set<string>();
  const guild = (name: string) => {
    const set = `${run}:${name}`;
    written.add(set);
    return set;
  };
  return {
    kind: 'postgres',
    async collection(name, articles, passages, vectors, model, dimensions) {
      const store = await openGivenVectors(pool, { guild: guild(name), model, dimensions, articles, passages, vectors });
      return { passages, store };
    },
    serviceOptions: (name) => ({ databaseUrl, guild: guild(name) }),
    async close() {
      try {
        const client = await pool.connect();
        try {
          for (const set of written) await removeArticleSet(client, set);
        } finally {
          client.release();
        }
      } finally {
        await pool.end();
      }
    },
  };
}
