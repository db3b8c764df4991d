import type { ArticleProblem } from '../article/load.js';
import type { Embedder } from '../embedding/embedder.js';
import type { EmbeddingTextMode } from './embedding-text.js';
import { openIndex } from './open-index.js';
import type { Manifest } from './store.js';

export interface IngestOptions {
  articlesDir: string;
  indexDir: string;
  embedder: Embedder;
  embeddingText?: EmbeddingTextMode;
  /** Called as passages are embedded: (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Batch size handed to the embedder per progress step. */
  batchSize?: number;
}

export interface IngestReport {
  status: 'up-to-date' | 'updated' | 'built';
  /** Why the index was (re)built, in words, when it was. */
  reason?: string;
  articles: number;
  passages: number;
  embedded: number;
  reused: number;
  problems: ArticleProblem[];
  manifest: Manifest;
}

/** `npm run ingest`: builds or updates the index (only new or changed articles are embedded) and reports what it did. */
export async function ingestArticles(options: IngestOptions): Promise<IngestReport> {
  const opened = await openIndex({ ...options, mode: 'ingest' });
  // Only the serving mode falls back to a previous index; an ingest that cannot write has thrown.
  const status = opened.status as IngestReport['status'];
  return {
    status,
    ...(opened.reason ? { reason: opened.reason } : {}),
    articles: opened.articles.length,
    passages: opened.manifest.count,
    embedded: opened.embedded,
    reused: opened.reused,
    problems: opened.problems,
    manifest: opened.manifest,
  };
}
