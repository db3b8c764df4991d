import { loadArticles, type ArticleProblem } from '../article/load.js';
import { segmentArticle } from '../article/segment.js';
import type { Embedder } from '../embedding/embedder.js';
import { isFootnoteError } from '../errors.js';
import type { Article, Passage } from '../types.js';
import { DEFAULT_EMBEDDING_TEXT, embeddingTexts, type EmbeddingTextMode } from './embedding-text.js';
import { acquireIngestLock } from './lock.js';
import { readIndex, readManifest, readStoredVectors, writeIndex, type Manifest, type ManifestArticle } from './store.js';
import { VectorIndex } from './vector-index.js';

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

/** Why the index on disk can't serve the articles as they are now, or undefined when it can. */
export function staleReason(manifest: Manifest, articles: Article[], model: string, mode: EmbeddingTextMode): string | undefined {
  if (manifest.model !== model) return `it was built with ${manifest.model}, the configured model is ${model}`;
  if (manifest.embeddingText !== mode) return `it embedded "${manifest.embeddingText}" texts, now "${mode}"`;
  const built = manifest.articles.map((a) => `${a.file}:${a.hash}`).join('\n');
  const now = articles.map((a) => `${a.file}:${a.hash}`).join('\n');
  return built === now ? undefined : 'the articles changed since it was built';
}

/** Builds or updates the index: unchanged articles keep their stored vectors, only new or changed ones are embedded. */
export async function ingestArticles(options: IngestOptions): Promise<IngestReport> {
  const mode = options.embeddingText ?? DEFAULT_EMBEDDING_TEXT;
  const release = acquireIngestLock(options.indexDir);
  try {
    const { articles, problems } = loadArticles(options.articlesDir);
    const previous = readPreviousIndex(options.indexDir);
    const reason = previous.manifest
      ? staleReason(previous.manifest, articles, options.embedder.model, mode) ?? unreadableReason(options.indexDir)
      : previous.reason;
    const base = { articles: articles.length, problems };
    if (previous.manifest && !reason) {
      return { ...base, status: 'up-to-date', passages: previous.manifest.count, embedded: 0, reused: previous.manifest.count, manifest: previous.manifest };
    }
    const reusable = previous.manifest && previous.manifest.model === options.embedder.model && previous.manifest.embeddingText === mode
      ? reusableVectors(options.indexDir, previous.manifest)
      : new Map<string, number[][]>();

    const segmented = articles.map((article) => ({ article, passages: segmentArticle(article.id, article.text) }));
    const toEmbed = segmented.filter(({ article }) => !reusable.has(article.hash));
    const total = toEmbed.reduce((sum, { passages }) => sum + passages.length, 0);
    const fresh = new Map<string, number[][]>();
    let done = 0;
    options.onProgress?.(0, total);
    for (const { article, passages } of toEmbed) {
      fresh.set(article.hash, await embedInBatches(options, embeddingTexts(passages, mode), (n) => {
        done += n;
        options.onProgress?.(done, total);
      }));
    }

    const vectors: number[][] = [];
    const manifestArticles: ManifestArticle[] = [];
    for (const { article, passages } of segmented) {
      const articleVectors = reusable.get(article.hash) ?? fresh.get(article.hash)!;
      manifestArticles.push(describeArticle(article, passages, vectors.length));
      vectors.push(...articleVectors);
    }
    const dimensions = options.embedder.dimensions;
    const flat = new Float32Array(vectors.length * dimensions);
    vectors.forEach((vector, i) => flat.set(vector, i * dimensions));
    const manifest = writeIndex(
      options.indexDir,
      { model: options.embedder.model, dimensions, embeddingText: mode, builtAt: new Date().toISOString(), articles: manifestArticles },
      flat,
      VectorIndex.build(vectors, dimensions),
    );
    return {
      ...base,
      status: previous.manifest ? 'updated' : 'built',
      reason,
      passages: vectors.length,
      embedded: total,
      reused: vectors.length - total,
      manifest,
    };
  } finally {
    release();
  }
}

function readPreviousIndex(dir: string): { manifest?: Manifest; reason?: string } {
  try {
    return { manifest: readManifest(dir) };
  } catch (error) {
    if (isFootnoteError(error, 'INDEX_MISSING')) return { reason: 'there is no index yet' };
    if (isFootnoteError(error, 'INDEX_CORRUPT')) return { reason: error.detail };
    throw error;
  }
}

/** Why the HNSW graph the manifest names can't be loaded, if it can't: a fresh manifest alone is not enough. */
function unreadableReason(dir: string): string | undefined {
  try {
    readIndex(dir);
    return undefined;
  } catch (error) {
    if (isFootnoteError(error, 'INDEX_CORRUPT')) return error.detail;
    throw error;
  }
}

/** Vectors of the previous build keyed by article hash; empty when the stored vectors are unusable. */
function reusableVectors(dir: string, manifest: Manifest): Map<string, number[][]> {
  let flat: Float32Array;
  try {
    flat = readStoredVectors(dir, manifest);
  } catch {
    return new Map();
  }
  const byHash = new Map<string, number[][]>();
  for (const article of manifest.articles) {
    const rows: number[][] = [];
    for (let i = 0; i < article.passages.length; i++) {
      const offset = (article.firstLabel + i) * manifest.dimensions;
      rows.push(Array.from(flat.subarray(offset, offset + manifest.dimensions)));
    }
    byHash.set(article.hash, rows);
  }
  return byHash;
}

async function embedInBatches(options: IngestOptions, texts: string[], progress: (n: number) => void): Promise<number[][]> {
  const batchSize = options.batchSize ?? 64;
  const vectors: number[][] = [];
  for (let i = 0; i < texts.length; i += batchSize) {
    const batch = texts.slice(i, i + batchSize);
    vectors.push(...(await options.embedder.embed(batch)));
    progress(batch.length);
  }
  return vectors;
}

function describeArticle(article: Article, passages: Passage[], firstLabel: number): ManifestArticle {
  return {
    id: article.id,
    file: article.file,
    hash: article.hash,
    ...(article.title ? { title: article.title } : {}),
    ...(article.url ? { url: article.url } : {}),
    ...(article.published ? { published: article.published } : {}),
    firstLabel,
    passages: passages.map(({ id, start, end }) => ({ id, start, end })),
  };
}
