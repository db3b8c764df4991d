import fs from 'node:fs';
import path from 'node:path';
import { articlePassages } from '../article/segment.js';
import type { Embedder } from '../embedding/embedder.js';
import { FootnoteError } from '../errors.js';
import type { Article, Passage } from '../types.js';
import { embedArticles } from './embed-articles.js';
import { embeddingTexts, type EmbeddingTextMode } from './embedding-text.js';
import { BackgroundGraphBuild } from './graph-build.js';
import { LexicalIndex } from './lexical-index.js';
import { acquireIngestLock } from './lock.js';
import { readStoredVectors, writeIndex, type Manifest, type ManifestArticle, type StoredIndex } from './store.js';

export interface BuildIndexOptions {
  indexDir: string;
  articles: Article[];
  /** The index on disk before this build, when its manifest was readable: vectors of unchanged articles are reused. */
  previous?: Manifest;
  embedder: Embedder;
  embeddingText: EmbeddingTextMode;
  /** Called as passages are embedded: (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Texts handed to the embedder per progress step (default `EMBED_STEP`). */
  batchSize?: number;
}

export interface BuiltIndex extends StoredIndex {
  /** Passages embedded by this build, and passages whose stored vectors were reused. */
  embedded: number;
  reused: number;
}

/** Writes a new index generation under the ingest lock: unchanged articles keep their stored vectors, only new or changed ones are embedded. */
export async function buildIndex(options: BuildIndexOptions): Promise<BuiltIndex> {
  const release = acquireIngestLock(options.indexDir);
  try {
    const { previous, embedder, embeddingText: mode } = options;
    const reusable = previous && previous.model === embedder.model && previous.embeddingText === mode
      ? reusableVectors(options.indexDir, previous)
      : new Map<string, number[][]>();
    const segmented = options.articles.map((article) => ({ article, passages: articlePassages(article) }));
    const firstLabels = labelsFrom(segmented.map(({ passages }) => passages.length));
    const count = segmented.reduce((sum, { passages }) => sum + passages.length, 0);
    const toEmbed = segmented.flatMap(({ article, passages }, i) => (reusable.has(article.hash) ? [] : [{ hash: article.hash, texts: embeddingTexts(passages, mode), first: firstLabels[i]! }]));
    const total = toEmbed.reduce((sum, { texts }) => sum + texts.length, 0);

    const graph = BackgroundGraphBuild.start(embedder.dimensions, count);
    const graphFile = path.join(options.indexDir, `graph-${process.pid}-${Date.now().toString(36)}.tmp`);
    try {
      segmented.forEach(({ article }, i) => {
        const stored = reusable.get(article.hash);
        if (stored) graph.add(stored, stored.map((_, j) => firstLabels[i]! + j));
      });
      const labelOfText = toEmbed.flatMap(({ texts, first }) => texts.map((_, j) => first + j));
      const fresh = await embedArticles(embedder, toEmbed, {
        batchSize: options.batchSize,
        onProgress: options.onProgress,
        onVectors: (first, step) => graph.add(step, step.map((_, j) => labelOfText[first + j]!)),
      });
      const vectors = segmented.flatMap(({ article }) => reusable.get(article.hash) ?? fresh.get(article.hash)!);
      const manifestArticles = segmented.map(({ article, passages }, i) => describeArticle(article, passages, firstLabels[i]!));
      const size = await graph.writeTo(graphFile).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
        throw new FootnoteError('INDEX_WRITE_FAILED', { dir: options.indexDir, reason: `building the HNSW graph: ${reason}` }, { cause: error });
      });
      const stored = writeIndex(
        options.indexDir,
        { model: embedder.model, dimensions: embedder.dimensions, embeddingText: mode, builtAt: new Date().toISOString(), articles: manifestArticles },
        flatten(vectors, embedder.dimensions),
        { size, dimensions: embedder.dimensions, write: (file) => fs.renameSync(graphFile, file) },
        LexicalIndex.build(segmented.flatMap(({ passages }) => passages)),
      );
      return { ...stored, embedded: total, reused: count - total };
    } finally {
      await graph.stop();
      fs.rmSync(graphFile, { force: true });
    }
  } finally {
    release();
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

/** The first label of each article: labels are positions in the passage list, article after article. */
function labelsFrom(counts: number[]): number[] {
  let next = 0;
  return counts.map((n) => ((next += n), next - n));
}

function flatten(vectors: number[][], dimensions: number): Float32Array {
  const flat = new Float32Array(vectors.length * dimensions);
  vectors.forEach((vector, i) => flat.set(vector, i * dimensions));
  return flat;
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
