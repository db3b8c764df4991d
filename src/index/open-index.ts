/**
 * Opening the index: the articles are loaded once and held against the index on disk once. A fresh index is
 * served as it is; a stale, missing or unreadable one is rebuilt, and the rebuilt graph is what gets served.
 */
import fs from 'node:fs';
import path from 'node:path';
import { listArticleFiles, loadArticles, type ArticleProblem } from '../article/load.js';
import type { Embedder } from '../embedding/embedder.js';
import { FootnoteError, isFootnoteError } from '../errors.js';
import type { Article } from '../types.js';
import { buildIndex } from './build-index.js';
import { DEFAULT_EMBEDDING_TEXT, type EmbeddingTextMode } from './embedding-text.js';
import { loadGeneration, MANIFEST_FILE, readGeneration, readManifest, type Manifest, type StoredIndex } from './store.js';

export interface OpenIndexOptions {
  articlesDir: string;
  indexDir: string;
  embedder: Embedder;
  /**
   * `serve` (default), for a running service: an empty articles folder is an error, and when a rebuild cannot be
   * written or another ingest holds the lock, the previous index keeps serving the articles it still matches.
   * `ingest`: build or fail; an empty folder gives an empty index.
   */
  mode?: 'serve' | 'ingest';
  embeddingText?: EmbeddingTextMode;
  /** Human-readable notices: files skipped, index rebuilt and why, previous index served. */
  onNotice?: (message: string) => void;
  /** Called as passages are embedded: (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Batch size handed to the embedder per progress step. */
  batchSize?: number;
}

export interface OpenedIndex extends StoredIndex {
  /** The articles the index serves: every article loaded, or those a previous index still matches. */
  articles: Article[];
  /** Article files that were skipped, and why. */
  problems: ArticleProblem[];
  /** `previous`: the rebuild failed and the previous index serves the articles it still matches. */
  status: 'up-to-date' | 'built' | 'updated' | 'previous';
  /** Why the index was rebuilt, when it was. */
  reason?: string;
  embedded: number;
  reused: number;
}

/** How the index on disk stands against the articles: fresh (and loaded), or why not. */
type Inspection =
  | { fresh: StoredIndex }
  | { previous?: Manifest; reason: string; /** What a user is told; for a missing index, where it was looked for. */ notice: string };

export async function openIndex(options: OpenIndexOptions): Promise<OpenedIndex> {
  const { articlesDir, indexDir, embedder } = options;
  const mode = options.embeddingText ?? DEFAULT_EMBEDDING_TEXT;
  const notice = options.onNotice ?? (() => {});
  // When the folder still lists the files the manifest names, none newer than it, the graph is read off the main
  // thread while the articles load; the articles decide whether it is served (and the read is dropped if not).
  const stored = startReading(indexDir, articlesDir);
  const { articles, problems } = loadArticles(articlesDir);
  const serving = (options.mode ?? 'serve') === 'serve';
  if (serving) {
    for (const problem of problems) notice(`${problem.file}: ${problem.reason}`);
    if (articles.length === 0) throw new FootnoteError('NO_ARTICLES', { dir: articlesDir });
  }
  const inspection = await inspectIndex(stored, articles, embedder.model, mode);
  if ('fresh' in inspection) {
    const count = inspection.fresh.manifest.count;
    return { ...inspection.fresh, articles, problems, status: 'up-to-date', embedded: 0, reused: count };
  }
  const { previous, reason } = inspection;
  if (serving) notice(`Rebuilding the index: ${inspection.notice}`);
  try {
    const { onProgress, batchSize } = options;
    const built = await buildIndex({ indexDir, articles, previous, embedder, embeddingText: mode, onProgress, batchSize });
    return { ...built, articles, problems, status: previous ? 'updated' : 'built', reason };
  } catch (error) {
    const fallback = serving && previous ? servePrevious(error, indexDir, previous, articles, embedder.model, mode) : undefined;
    if (!fallback) throw error;
    notice(`${(error as FootnoteError).detail} Serving the previous index (${fallback.articles.length} of ${articles.length} article(s)).`);
    return { ...fallback, problems, status: 'previous', reason, embedded: 0, reused: 0 };
  }
}

/** The manifest, or why there is none to use, and the generation it names being loaded (early when likely fresh). */
type Reading =
  | { manifest: Manifest; generation: () => Promise<Omit<StoredIndex, 'manifest'>> }
  | { missing: { reason: string; notice: string } };

function startReading(dir: string, articlesDir: string): Reading {
  let manifest: Manifest;
  try {
    manifest = readManifest(dir);
  } catch (error) {
    if (isFootnoteError(error, 'INDEX_MISSING')) return { missing: { reason: 'there is no index yet', notice: error.detail } };
    if (isFootnoteError(error, 'INDEX_CORRUPT')) return { missing: { reason: error.detail, notice: error.detail } };
    throw error;
  }
  if (!unchangedSince(articlesDir, dir, manifest)) return { manifest, generation: () => loadGeneration(dir, manifest) };
  // An async function: a size or checksum failure found before the read starts rejects too, rather than throwing here.
  const early = (async () => loadGeneration(dir, manifest))();
  early.catch(() => {}); // awaited in inspectIndex, or dropped with a stale manifest
  return { manifest, generation: () => early };
}

/**
 * Whether the articles folder lists exactly the files the manifest names, none modified after it was written: a
 * guess (the hashes decide), made only so that a changed folder does not read a graph it is about to replace.
 */
function unchangedSince(articlesDir: string, indexDir: string, manifest: Manifest): boolean {
  try {
    const written = fs.statSync(path.join(indexDir, MANIFEST_FILE)).mtimeMs;
    const files = listArticleFiles(articlesDir);
    const named = new Set(manifest.articles.map((a) => a.file));
    return files.length === named.size && files.every((file) => named.has(file) && fs.statSync(path.join(articlesDir, file)).mtimeMs <= written);
  } catch {
    return false;
  }
}

/** Checks the manifest once against the articles; its generation is served only when the manifest says it can. */
async function inspectIndex(reading: Reading, articles: Article[], model: string, mode: EmbeddingTextMode): Promise<Inspection> {
  if ('missing' in reading) return reading.missing;
  const { manifest, generation } = reading;
  const stale = staleReason(manifest, articles, model, mode);
  if (stale) return { previous: manifest, reason: stale, notice: stale };
  try {
    return { fresh: { manifest, ...(await generation()) } };
  } catch (error) {
    // A fresh manifest alone is not enough: the graph and BM25 index it names must load too.
    if (isFootnoteError(error, 'INDEX_CORRUPT')) return { previous: manifest, reason: error.detail, notice: error.detail };
    throw error;
  }
}

/** Why the index on disk can't serve the articles as they are now, or undefined when it can. */
export function staleReason(manifest: Manifest, articles: Article[], model: string, mode: EmbeddingTextMode): string | undefined {
  if (manifest.model !== model) return `it was built with ${manifest.model}, the configured model is ${model}`;
  if (manifest.embeddingText !== mode) return `it embedded "${manifest.embeddingText}" texts, now "${mode}"`;
  const built = manifest.articles.map((a) => `${a.file}:${a.hash}`).join('\n');
  const now = articles.map((a) => `${a.file}:${a.hash}`).join('\n');
  return built === now ? undefined : 'the articles changed since it was built';
}

/**
 * The rebuild could not be written (disk full) or another ingest holds the lock: the previous index may keep
 * serving when it is still true to the files, i.e. every article it covers is unchanged (only new articles are
 * missing). Undefined when it can't.
 */
function servePrevious(
  error: unknown,
  dir: string,
  previous: Manifest,
  articles: Article[],
  model: string,
  mode: EmbeddingTextMode,
): (StoredIndex & { articles: Article[] }) | undefined {
  if (!isFootnoteError(error, 'INDEX_WRITE_FAILED') && !isFootnoteError(error, 'INDEX_LOCKED')) return undefined;
  if (previous.model !== model || previous.embeddingText !== mode) return undefined;
  const byFile = new Map(articles.map((article) => [article.file, article]));
  const covered = previous.articles.map((entry) => byFile.get(entry.file));
  const unchanged = covered.every((article, i) => article && article.hash === previous.articles[i]!.hash && article.id === previous.articles[i]!.id);
  if (covered.length === 0 || !unchanged) return undefined;
  try {
    return { manifest: previous, ...readGeneration(dir, previous), articles: covered as Article[] };
  } catch {
    return undefined;
  }
}
