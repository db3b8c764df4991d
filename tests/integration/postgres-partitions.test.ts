/**
 * Each generation is a partition of its own with indexes built after its rows are in: the dense query must search
 * that partition's HNSW graph (checked on the server's own plan for the query the store sends), and a database made
 * by the schema before partitioning must be upgraded by its migrations with every generation still served.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGivenVectors } from '../../src/index/postgres/given-vectors.js';
import { hnswIndexName, partitionName } from '../../src/index/postgres/generation-partition.js';
import { MIGRATIONS, migrate } from '../../src/index/postgres/migrations.js';
import { liveGeneration, vectorLiteral } from '../../src/index/postgres/pg-ingest.js';
import { denseQuery, planNodes, prepareDenseSearch } from '../../src/index/postgres/pg-store.js';
import type { Article, Passage } from '../../src/types.js';
import { startTestPostgres, type TestPostgres } from '../support/postgres.js';

const DIMS = 32;
/** The migration that partitions the passages (the last so far); the ones before it are the old schema. */
const PARTITIONING = 8;
let seed = 7;
const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
function unitVector(): number[] {
  const v = Array.from({ length: DIMS }, random);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

function articleSet(id: string, count: number): { articles: Article[]; passages: Passage[]; vectors: number[][] } {
  let text = '';
  const passages: Passage[] = [];
  for (let i = 0; i < count; i++) {
    const sentence = `Sentence ${i} of ${id} reports on topic ${i % 7}.`;
    if (text) text += '\n\n';
    passages.push({ article: id, id: `${i + 1}.1`, paragraph: i + 1, sentence: 1, text: sentence, start: text.length, end: text.length + sentence.length });
    text += sentence;
  }
  return { articles: [{ id, file: `${id}.md`, hash: `${id}-${count}`, text }], passages, vectors: passages.map(() => unitVector()) };
}

let server: TestPostgres;
let pool: pg.Pool;

beforeAll(async () => {
  server = await startTestPostgres();
  pool = new pg.Pool({ connectionString: server.url, max: 2 });
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await server?.stop();
});

async function planFor(guild: string, vector: number[]): Promise<string[]> {
  const client = await pool.connect();
  try {
    const generation = (await liveGeneration(client, guild))!;
    await client.query('BEGIN');
    await prepareDenseSearch(client, 100);
    const query = denseQuery(generation, vector, 100);
    const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${query.text}`, query.values);
    await client.query('COMMIT');
    return planNodes(rows[0]['QUERY PLAN'][0].Plan);
  } finally {
    client.release();
  }
}

describe('generations as partitions', () => {
  it('searches the read generation through its own HNSW index', async () => {
    const first = articleSet('first', 400);
    const second = articleSet('second', 300);
    const a = await openGivenVectors(pool, { guild: 'plan-a', model: 'test', dimensions: DIMS, ...first });
    await openGivenVectors(pool, { guild: 'plan-b', model: 'test', dimensions: DIMS, ...second });
    const client = await pool.connect();
    const generation = (await liveGeneration(client, 'plan-a'))!;
    client.release();
    const plan = await planFor('plan-a', first.vectors[5]!);
    expect(plan).toEqual(['Limit', `Index Scan on ${partitionName(generation.id)} using ${hnswIndexName(generation.id)}`]);
    // And the store searching that way finds the passage whose own vector was asked, from this generation only.
    const found = await a.candidates(first.passages[5]!.text, first.vectors[5]!, 10, { denseWeight: 1 });
    expect(found.passages[0]!.passage).toBe(first.passages[5]);
  });

  it('keeps the previous generation, drops older ones with their partitions', async () => {
    const ids: number[] = [];
    for (const count of [20, 21, 22]) {
      await openGivenVectors(pool, { guild: 'kept', model: 'test', dimensions: DIMS, ...articleSet('kept', count) });
      const client = await pool.connect();
      ids.push((await liveGeneration(client, 'kept'))!.id);
      client.release();
    }
    const { rows } = await pool.query(`SELECT relname FROM pg_class WHERE relname = ANY($1::text[]) AND relkind = 'r' ORDER BY relname`, [ids.map(partitionName)]);
    expect(rows.map((row) => row.relname)).toEqual([partitionName(ids[1]!), partitionName(ids[2]!)]);
  });
});

describe('upgrading a database made before partitioning', () => {
  it('turns each generation into a partition with its HNSW index and serves it as before', async () => {
    const old = await startTestPostgres();
    const oldPool = new pg.Pool({ connectionString: old.url, max: 1 });
    try {
      const set = articleSet('old', 50);
      const client = await oldPool.connect();
      try {
        // The schema as the migrations before partitioning left it, with one generation written into it.
        await client.query('CREATE TABLE footnote_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
        for (const [i, sql] of MIGRATIONS.slice(0, PARTITIONING).entries()) {
          await client.query(sql);
          await client.query('INSERT INTO footnote_migrations (version) VALUES ($1)', [i + 1]);
        }
        await client.query(`CREATE INDEX footnote_passages_hnsw_${DIMS} ON footnote_passages USING hnsw ((embedding::vector(${DIMS})) vector_cosine_ops) WHERE dimensions = ${DIMS}`);
        const { rows } = await client.query(
          `INSERT INTO footnote_generations (guild, model, dimensions, embedding_text, fingerprint, built_at, passage_count, avg_unique_terms)
           VALUES ('', 'test', ${DIMS}, 'given', 'old', now(), ${set.passages.length}, 8) RETURNING id`,
        );
        const id = Number(rows[0].id);
        await client.query('INSERT INTO footnote_live (guild, generation) VALUES ($1, $2)', ['', id]);
        await client.query(
          'INSERT INTO footnote_articles (generation, position, article, file, hash, body) VALUES ($1, 0, $2, $3, $4, $5)',
          [id, 'old', 'old.md', 'old-50', set.articles[0]!.text],
        );
        for (const [label, p] of set.passages.entries()) {
          await client.query(
            `INSERT INTO footnote_passages (generation, guild, label, article, citation, start_offset, end_offset, dimensions, embedding, lexemes, unique_terms)
             VALUES ($1, '', $2, 'old', $3, $4, $5, ${DIMS}, $6::vector, to_tsvector('simple', $7), 7)`,
            [id, label, p.id, p.start, p.end, vectorLiteral(set.vectors[label]!), p.text],
          );
        }

        await migrate(client);
        const { rows: versions } = await client.query('SELECT max(version)::int AS version FROM footnote_migrations');
        expect(versions[0].version).toBe(MIGRATIONS.length);
        const { rows: partitions } = await client.query(
          `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'footnote_passages'::regclass`,
        );
        expect(partitions.map((row) => row.relname)).toEqual([partitionName(id)]);
        const { rows: count } = await client.query('SELECT count(*)::int AS n FROM footnote_passages WHERE generation = $1', [id]);
        expect(count[0].n).toBe(50);

        const generation = (await liveGeneration(client, ''))!;
        await client.query('BEGIN');
        await prepareDenseSearch(client, 10);
        const query = denseQuery(generation, set.vectors[3]!, 10);
        const plan = await client.query(`EXPLAIN (FORMAT JSON) ${query.text}`, query.values);
        expect(planNodes(plan.rows[0]['QUERY PLAN'][0].Plan)).toEqual(['Limit', `Index Scan on ${partitionName(id)} using ${hnswIndexName(id)}`]);
        const hits = await client.query(query.text, query.values);
        await client.query('COMMIT');
        expect(hits.rows[0].label).toBe(3);
      } finally {
        client.release();
      }
    } finally {
      await oldPool.end();
      await old.stop();
    }
  }, 60_000);
});
