/**
 * Opening a generation to serve, from the embedded index or a PostgreSQL store, and the next one when the articles
 * folder changes: what the live generation swaps between.
 */
import path from 'node:path';
import { loadArticles } from '../article/load.js';
import { headingAbove, sentenceContext } from '../article/segment.js';
import type { ClaimChecker } from '../claims/check-claims.js';
import type { Embedder } from '../embedding/embedder.js';
import { isFootnoteError } from '../errors.js';
import { openIndex, type OpenedIndex } from '../index/open-index.js';
import { createEmbeddedStore, type ServedCollection } from '../index/passage-store.js';
import { openPostgresCollection } from '../index/postgres/open-collection.js';
import { corpusFromIndex } from '../retrieval/corpus.js';
import type { Article, Passage } from '../types.js';
import { readArticlesAhead } from '../answer/article-context.js';
import { tagAhead as startTagAhead } from '../answer/tag-ahead.js';
import { TAG_AHEAD_FROM, type Config } from '../config.js';
import { createArticleLookup, type ArticleLookup } from './article-lookup.js';
import type { Generation, NextGeneration } from './live-generation.js';
import { createScopedStores, type ScopedStore } from './scoped-store.js';

/** One served generation: its lookups and its per-scope stores. */
export interface ServedGeneration extends Generation {
  lookup: ArticleLookup;
  built: ServedCollection['built'];
  storeFor(articleIds: ReadonlySet<string>): ScopedStore;
  /** Claim checkers per scoped store, made on first use. */
  claims: WeakMap<ScopedStore, ClaimChecker>;
}

export interface GenerationSource {
  articlesDir: string;
  indexDir: string;
  embedder: Embedder;
  databaseUrl?: string;
  guild?: string;
  onProgress?: (done: number, total: number) => void;
  /** Whether the served sentences are tagged for names ahead of the questions. */
  tagAhead?: Config['tagAhead'];
}

/** The names tagged ahead, beside the index files (`src/answer/names-file.ts`). */
export const NAMES_FILE = 'names-ahead.bin';

interface Opened extends ServedGeneration {
  embedded: number;
  problems: Array<{ file: string; reason: string }>;
  /** The rebuild could not take the lock, and the previous index served what it still matched. */
  previous: boolean;
}

export async function openGeneration(source: GenerationSource, onNotice?: (message: string) => void): Promise<Opened> {
  const { articlesDir, embedder, onProgress } = source;
  if (source.databaseUrl) {
    const collection = await openPostgresCollection({ databaseUrl: source.databaseUrl, articlesDir, embedder, guild: source.guild, onNotice, onProgress });
    return { ...serveCollection(collection, namesAheadOf(source, onNotice)), embedded: collection.embedded, problems: collection.problems, previous: false };
  }
  const opened = await openIndex({ articlesDir, indexDir: source.indexDir, embedder, onNotice, onProgress });
  const generation = serveCollection(embeddedCollection(opened), namesAheadOf(source, onNotice), (label) => opened.vectors.point(label));
  return { ...generation, embedded: opened.embedded, problems: opened.problems, previous: opened.status === 'previous' };
}

/** The generation after `current`: unchanged when the folder still holds the same files, else built (reusing vectors). */
export async function nextGeneration(source: GenerationSource, current: ServedGeneration): Promise<NextGeneration<ServedGeneration>> {
  const { articles, problems } = loadArticles(source.articlesDir);
  if (sameArticles(current.lookup.articles, articles)) return { unchanged: true, problems };
  try {
    const next = await openGeneration(source);
    // Another ingest held the lock and the previous index served: the folder is not in it yet, try again.
    if (next.previous) return { retry: 'another ingest holds the index lock' };
    return { generation: next, embedded: next.embedded, problems: next.problems };
  } catch (error) {
    if (isFootnoteError(error, 'INDEX_LOCKED')) return { retry: error.detail };
    throw error;
  }
}

/** Names tagged ahead: whether, and (for the index files) where they are kept between starts. */
interface NamesAheadSetting {
  tagAhead?: Config['tagAhead'];
  file?: string;
  onNotice?: (message: string) => void;
}

/**
 * The names file is keyed by sentence, not by store, so a PostgreSQL store keeps it in the index folder too (a local
 * cache: a folder that cannot be written only costs the next start its tagging).
 */
function namesAheadOf(source: GenerationSource, onNotice?: (message: string) => void): NamesAheadSetting {
  return { tagAhead: source.tagAhead, file: path.join(source.indexDir, NAMES_FILE), onNotice };
}

function serveCollection(collection: ServedCollection, names: NamesAheadSetting, vectorOf?: (label: number) => number[]): ServedGeneration {
  const { articles, passages, built, store } = collection;
  const { tagAhead = 'auto', ...keep } = names;
  const early = tagAhead === 'on' || (tagAhead === 'auto' && passages.length >= TAG_AHEAD_FROM);
  const ahead = early ? startTagAhead(passages.map((p) => p.text), keep) : undefined;
  // Read against the generation's own passage list: the answer model reads the whole collection's context from it.
  const articlesAhead = early ? readArticlesAhead(passages) : undefined;
  return {
    lookup: createArticleLookup(articles, passages),
    built,
    hashes: new Map(articles.map((a) => [a.id, a.hash])),
    storeFor: createScopedStores(store, passages, vectorOf),
    claims: new WeakMap(),
    close: async () => {
      articlesAhead?.stop();
      await ahead?.stop();
      await store.close();
    },
  };
}

/** The same files with the same content: nothing to rebuild. */
function sameArticles(served: readonly Article[], now: readonly Article[]): boolean {
  const key = (articles: readonly Article[]) => articles.map((a) => `${a.file}\n${a.hash}`).join('\n');
  return key(served) === key(now);
}

function embeddedCollection(opened: OpenedIndex): ServedCollection {
  const passages = passagesFromManifest(opened);
  const { model, dimensions, builtAt } = opened.manifest;
  return { articles: opened.articles, passages, built: { model, dimensions, builtAt }, store: createEmbeddedStore(corpusFromIndex(passages, opened.vectors, opened.lexical)) };
}

/**
 * The passages the manifest lists, in label order, with their text sliced from the article as loaded. One loop into
 * one array, and "3.2" read by its dot rather than split into two arrays: at 200k passages the `flatMap` and `split`
 * took a start 130–220 ms, this 85–105 ms (one call in a fresh process, as a start makes it).
 */
function passagesFromManifest({ manifest, articles }: OpenedIndex): Passage[] {
  const byId = new Map(articles.map((article) => [article.id, article]));
  const passages: Passage[] = [];
  for (const entry of manifest.articles) {
    const article = byId.get(entry.id)!;
    // A section's first sentence is searched with its heading, a byline as the author's (`Passage.context`), as when indexed.
    const above = headingAbove(article);
    for (const { id, start, end } of entry.passages) {
      const [paragraph, sentence] = refNumbers(id);
      const text = article.text.slice(start, end);
      const context = sentenceContext(above, paragraph, sentence, text);
      passages.push({ article: entry.id, id, paragraph, sentence, text, start, end, ...(context !== undefined ? { context } : {}) });
    }
  }
  return passages;
}

/** A passage id's paragraph and sentence numbers ("3.2" → 3, 2), as `id.split('.').map(Number)` reads any id. */
function refNumbers(id: string): [number, number] {
  const dot = id.indexOf('.');
  if (dot > 0 && id.indexOf('.', dot + 1) < 0) return [Number(id.slice(0, dot)), Number(id.slice(dot + 1))];
  const [paragraph, sentence] = id.split('.').map(Number);
  return [paragraph!, sentence!];
}
