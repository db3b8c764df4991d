/**
 * Opening a PostgreSQL + pgvector store: schema migrated, the server's live generation checked against the articles
 * folder and rebuilt in the database when stale (vectors of unchanged articles reused), then the live generation
 * loaded. Every process opening the same database serves the same generation; no process needs its own index.
 */
import pg from 'pg';
import { loadArticles, type ArticleProblem } from '../../article/load.js';
import { articlePassages } from '../../article/segment.js';
import type { Embedder } from '../../embedding/embedder.js';
import { FootnoteError, isFootnoteError } from '../../errors.js';
import { sha256 } from '../../hash.js';
import type { Article, Passage } from '../../types.js';
import { embedArticles } from '../embed-articles.js';
import { DEFAULT_EMBEDDING_TEXT, embeddingTexts, type EmbeddingTextMode } from '../embedding-text.js';
import type { ServedCollection } from '../passage-store.js';
import { migrate } from './migrations.js';
import { liveGeneration, writeGeneration, type LiveGeneration } from './pg-ingest.js';
import { createPostgresStore } from './pg-store.js';

/** The article set every server shares, unless a server has its own. */
export const SHARED_GUILD = '';

export interface OpenPostgresOptions {
  databaseUrl: string;
  articlesDir: string;
  embedder: Embedder;
  /** The server whose article set to serve; the shared set when omitted. */
  guild?: string;
  embeddingText?: EmbeddingTextMode;
  onNotice?: (message: string) => void;
  onProgress?: (done: number, total: number) => void;
  batchSize?: number;
}

export interface OpenedPostgresCollection extends ServedCollection {
  status: 'up-to-date' | 'built' | 'updated';
  generation: number;
  problems: ArticleProblem[];
  embedded: number;
  reused: number;
}

export async function openPostgresCollection(options: OpenPostgresOptions): Promise<OpenedPostgresCollection> {
  const guild = options.guild ?? SHARED_GUILD;
  const mode = options.embeddingText ?? DEFAULT_EMBEDDING_TEXT;
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4 });
  try {
    const client = await pool.connect();
    try {
      await migrate(client);
      const { articles, problems } = articlesIn(options.articlesDir);
      for (const problem of problems) options.onNotice?.(`${problem.file}: ${problem.reason}`);
      let live = await liveGeneration(client, guild);
      let status: OpenedPostgresCollection['status'] = 'up-to-date';
      let counts = { embedded: 0, reused: live?.passageCount ?? 0 };
      const fingerprint = fingerprintOf(options.embedder.model, mode, articles);
      if (articles.length === 0 && !live) throw new FootnoteError('NO_ARTICLES', { dir: options.articlesDir });
      if (articles.length > 0 && live?.fingerprint !== fingerprint) {
        options.onNotice?.(live ? 'Rebuilding the database generation: the articles or model changed since it was built' : 'Building the first database generation');
        counts = await ingest(client, { ...options, guild, mode, fingerprint, articles, previous: live });
        status = live ? 'updated' : 'built';
        live = (await liveGeneration(client, guild))!;
      }
      const served = await loadGeneration(client, live!);
      return { ...served, store: createPostgresStore(pool, live!, served.passages), status, generation: live!.id, problems, ...counts };
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
}

/** A server sharing a store may run without the articles folder: it serves what the database holds. */
function articlesIn(dir: string): { articles: Article[]; problems: ArticleProblem[] } {
  try {
    return loadArticles(dir);
  } catch (error) {
    if (isFootnoteError(error, 'ARTICLES_DIR_MISSING')) return { articles: [], problems: [] };
    throw error;
  }
}

export function fingerprintOf(model: string, mode: EmbeddingTextMode, articles: Article[]): string {
  return sha256(JSON.stringify({ model, mode, articles: articles.map((a) => [a.id, a.file, a.hash]) }));
}

interface IngestInput extends OpenPostgresOptions {
  guild: string;
  mode: EmbeddingTextMode;
  fingerprint: string;
  articles: Article[];
  previous?: LiveGeneration;
}

async function ingest(client: pg.PoolClient, input: IngestInput): Promise<{ embedded: number; reused: number }> {
  const { embedder } = input;
  const reusable = input.previous && input.previous.model === embedder.model && input.previous.embeddingText === input.mode
    ? await storedVectors(client, input.previous.id)
    : new Map<string, number[][]>();
  const segmented = input.articles.map((article) => ({ article, passages: articlePassages(article) }));
  const toEmbed = segmented.filter(({ article }) => !reusable.has(article.hash));
  const total = toEmbed.reduce((sum, { passages }) => sum + passages.length, 0);
  const texts = toEmbed.map(({ article, passages }) => ({ hash: article.hash, texts: embeddingTexts(passages, input.mode) }));
  const fresh = await embedArticles(embedder, texts, { batchSize: input.batchSize, onProgress: input.onProgress });
  const passages = segmented.flatMap(({ passages }) => passages);
  const vectors = segmented.flatMap(({ article }) => reusable.get(article.hash) ?? fresh.get(article.hash)!);
  await writeGeneration(client, {
    guild: input.guild,
    model: embedder.model,
    dimensions: embedder.dimensions,
    embeddingText: input.mode,
    fingerprint: input.fingerprint,
    articles: input.articles,
    passages,
    vectors,
  });
  return { embedded: total, reused: passages.length - total };
}

/** A generation's vectors grouped by article hash, in label order. */
async function storedVectors(client: pg.ClientBase, generation: number): Promise<Map<string, number[][]>> {
  const { rows } = await client.query<{ hash: string; embedding: string }>(
    `SELECT a.hash, p.embedding::text AS embedding
     FROM footnote_passages p JOIN footnote_articles a ON a.generation = p.generation AND a.article = p.article
     WHERE p.generation = $1 ORDER BY p.label`,
    [generation],
  );
  const byHash = new Map<string, number[][]>();
  for (const row of rows) {
    const list = byHash.get(row.hash) ?? [];
    list.push(JSON.parse(row.embedding) as number[]);
    byHash.set(row.hash, list);
  }
  return byHash;
}

/** The articles and passages of one generation, as the service holds them (passage text sliced from the article). */
async function loadGeneration(client: pg.ClientBase, generation: LiveGeneration): Promise<Omit<ServedCollection, 'store'>> {
  const articleRows = await client.query(
    'SELECT article, file, hash, title, url, published, body FROM footnote_articles WHERE generation = $1 ORDER BY position',
    [generation.id],
  );
  const articles: Article[] = articleRows.rows.map((row) => ({
    id: row.article,
    file: row.file,
    hash: row.hash,
    text: row.body,
    ...(row.title ? { title: row.title } : {}),
    ...(row.url ? { url: row.url } : {}),
    ...(row.published ? { published: row.published } : {}),
  }));
  const byId = new Map(articles.map((article) => [article.id, article]));
  const passageRows = await client.query<{ article: string; citation: string; start_offset: number; end_offset: number }>(
    'SELECT article, citation, start_offset, end_offset FROM footnote_passages WHERE generation = $1 ORDER BY label',
    [generation.id],
  );
  const passages: Passage[] = passageRows.rows.map((row) => {
    const [paragraph, sentence] = row.citation.split('.').map(Number);
    const text = byId.get(row.article)!.text.slice(row.start_offset, row.end_offset);
    return { article: row.article, id: row.citation, paragraph: paragraph!, sentence: sentence!, text, start: row.start_offset, end: row.end_offset };
  });
  return { articles, passages, built: { model: generation.model, dimensions: generation.dimensions, builtAt: generation.builtAt } };
}
