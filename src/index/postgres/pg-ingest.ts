/**
 * Writing one generation: every row in one transaction (multi-row inserts in batches) into the generation's own
 * partition, its indexes built once the rows are in, and the partition attached and the live pointer moved in that
 * same transaction, so a reader sees the previous generation or the whole new one, never part of one. The
 * generation before the new one is kept for readers still pinned to it; older ones are dropped.
 */
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import type { Article, Passage } from '../../types.js';
import { attachPartition, buildPartitionIndexes, createLoadTable, dropPartitions, partitionName } from './generation-partition.js';
import { indexText } from '../../article/segment.js';
import { averageUniqueTerms, passageLexemes, type PassageLexemes } from './pg-lexical.js';

export interface GenerationInput {
  guild: string;
  model: string;
  dimensions: number;
  embeddingText: string;
  fingerprint: string;
  articles: Article[];
  /** In label order, with one vector each. */
  passages: Passage[];
  vectors: ArrayLike<number>[];
  /** Seconds each step of the write took (`rows`, `indexes`, `switch`), for benchmarks. */
  onStep?: (step: 'rows' | 'indexes' | 'switch', seconds: number) => void;
}

/** Rows per INSERT: bounds one statement's size (a 512-d vector is ~5 kB of text). */
const PASSAGE_BATCH = 1000;
const INGEST_LOCK_PREFIX = 'footnote-ingest:';

/** Writes and switches to a new generation; when another writer made one from the same input meanwhile, returns that one. */
export async function writeGeneration(client: pg.PoolClient, input: GenerationInput): Promise<number> {
  const lexemes = input.passages.map((passage) => passageLexemes(indexText(passage)));
  let clock = performance.now();
  const step = (name: 'rows' | 'indexes' | 'switch') => {
    const now = performance.now();
    input.onStep?.(name, (now - clock) / 1000);
    clock = now;
  };
  await client.query('BEGIN');
  try {
    await lockIngest(client, input.guild);
    const current = await liveGeneration(client, input.guild);
    if (current && current.fingerprint === input.fingerprint) {
      await client.query('ROLLBACK');
      return current.id;
    }
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO footnote_generations (guild, model, dimensions, embedding_text, fingerprint, built_at, passage_count, avg_unique_terms)
       VALUES ($1, $2, $3, $4, $5, now(), $6, $7) RETURNING id`,
      [input.guild, input.model, input.dimensions, input.embeddingText, input.fingerprint, input.passages.length, averageUniqueTerms(lexemes.map((l) => l.uniqueTerms))],
    );
    const generation = Number(rows[0]!.id);
    await insertArticles(client, generation, input.articles);
    await createLoadTable(client, generation);
    for (let start = 0; start < input.passages.length; start += PASSAGE_BATCH) {
      await insertPassages(client, generation, input, lexemes, start, Math.min(start + PASSAGE_BATCH, input.passages.length));
    }
    await insertTerms(client, generation, lexemes.map((l) => l.terms));
    step('rows');
    await buildPartitionIndexes(client, generation, input.dimensions, input.passages.length);
    step('indexes');
    await attachPartition(client, generation);
    await client.query(
      `INSERT INTO footnote_live (guild, generation) VALUES ($1, $2) ON CONFLICT (guild) DO UPDATE SET generation = excluded.generation`,
      [input.guild, generation],
    );
    const keep = [generation, ...(current ? [current.id] : [])];
    // Partitions first: deleting a generation would otherwise delete its rows one by one, by cascade.
    const { rows: stale } = await client.query<{ id: string }>('SELECT id FROM footnote_generations WHERE guild = $1 AND NOT (id = ANY($2::bigint[]))', [input.guild, keep]);
    await dropPartitions(client, stale.map((row) => Number(row.id)));
    await client.query('DELETE FROM footnote_generations WHERE guild = $1 AND NOT (id = ANY($2::bigint[]))', [input.guild, keep]);
    await client.query('COMMIT');
    step('switch');
    return generation;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

export interface LiveGeneration {
  id: number;
  model: string;
  dimensions: number;
  embeddingText: string;
  fingerprint: string;
  builtAt: string;
  passageCount: number;
  avgUniqueTerms: number;
}

/** The generation a server's article set is served from, if it has one. */
export async function liveGeneration(client: pg.ClientBase, guild: string): Promise<LiveGeneration | undefined> {
  const { rows } = await client.query(
    `SELECT g.id, g.model, g.dimensions, g.embedding_text, g.fingerprint, g.built_at, g.passage_count, g.avg_unique_terms
     FROM footnote_live l JOIN footnote_generations g ON g.id = l.generation WHERE l.guild = $1`,
    [guild],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    id: Number(row.id),
    model: row.model,
    dimensions: row.dimensions,
    embeddingText: row.embedding_text,
    fingerprint: row.fingerprint,
    builtAt: new Date(row.built_at).toISOString(),
    passageCount: row.passage_count,
    avgUniqueTerms: row.avg_unique_terms,
  };
}

/** Drops an article set: its live pointer, every generation it kept and their partitions. */
export async function removeArticleSet(client: pg.ClientBase, guild: string): Promise<void> {
  await client.query('BEGIN');
  try {
    await lockIngest(client, guild);
    await client.query('DELETE FROM footnote_live WHERE guild = $1', [guild]);
    const { rows } = await client.query<{ id: string }>('SELECT id FROM footnote_generations WHERE guild = $1', [guild]);
    await dropPartitions(client, rows.map((row) => Number(row.id)));
    await client.query('DELETE FROM footnote_generations WHERE guild = $1', [guild]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** One writer per server's article set at a time, across processes and machines; released at commit. */
export async function lockIngest(client: pg.ClientBase, guild: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [INGEST_LOCK_PREFIX + guild]);
}

async function insertArticles(client: pg.ClientBase, generation: number, articles: Article[]): Promise<void> {
  for (const [position, a] of articles.entries()) {
    await client.query(
      `INSERT INTO footnote_articles (generation, position, article, file, hash, title, url, published, body)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [generation, position, a.id, a.file, a.hash, a.title ?? null, a.url ?? null, a.published ?? null, a.text],
    );
  }
}

/** One INSERT per batch: the columns go as arrays and `unnest` turns them into rows. */
async function insertPassages(
  client: pg.ClientBase,
  generation: number,
  input: GenerationInput,
  lexemes: PassageLexemes[],
  from: number,
  to: number,
): Promise<void> {
  const passages = input.passages.slice(from, to);
  await client.query(
    `INSERT INTO ${partitionName(generation)} (generation, guild, label, article, citation, start_offset, end_offset, dimensions, embedding, lexemes, unique_terms)
     SELECT $1, $2, label, article, citation, start_offset, end_offset, $3, embedding::vector, lexemes::tsvector, unique_terms
     FROM unnest($4::int[], $5::text[], $6::text[], $7::int[], $8::int[], $9::text[], $10::text[], $11::int[])
       AS t (label, article, citation, start_offset, end_offset, embedding, lexemes, unique_terms)`,
    [
      generation,
      input.guild,
      input.dimensions,
      passages.map((_, i) => from + i),
      passages.map((p) => p.article),
      passages.map((p) => p.id),
      passages.map((p) => p.start),
      passages.map((p) => p.end),
      passages.map((_, i) => vectorLiteral(input.vectors[from + i]!)),
      passages.map((_, i) => lexemes[from + i]!.literal),
      passages.map((_, i) => lexemes[from + i]!.uniqueTerms),
    ],
  );
}

async function insertTerms(client: pg.ClientBase, generation: number, passageTerms: Set<string>[]): Promise<void> {
  const frequency = new Map<string, number>();
  for (const terms of passageTerms) for (const term of terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  const entries = [...frequency];
  for (let start = 0; start < entries.length; start += 10_000) {
    const batch = entries.slice(start, start + 10_000);
    await client.query(
      `INSERT INTO footnote_terms (generation, term, document_frequency)
       SELECT $1, term, df FROM unnest($2::text[], $3::int[]) AS t (term, df)`,
      [generation, batch.map(([term]) => term), batch.map(([, df]) => df)],
    );
  }
}

export function vectorLiteral(vector: ArrayLike<number>): string {
  return `[${Array.from(vector).join(',')}]`;
}
