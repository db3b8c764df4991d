/**
 * The PostgreSQL schema, as numbered migrations applied once each, in order, under an advisory lock so two
 * processes starting together don't race. A real server needs the pgvector extension available
 * (`CREATE EXTENSION vector` is the first migration).
 */
import type pg from 'pg';

/** Append only: a migration that shipped is never edited, a change is a new entry. */
export const MIGRATIONS: readonly string[] = [
  `CREATE EXTENSION IF NOT EXISTS vector`,
  `CREATE TABLE footnote_generations (
     id bigserial PRIMARY KEY,
     guild text NOT NULL,
     model text NOT NULL,
     dimensions integer NOT NULL,
     embedding_text text NOT NULL,
     -- What the generation was built from (model, embedding text, article files and hashes), to tell it is current.
     fingerprint text NOT NULL,
     built_at timestamptz NOT NULL,
     passage_count integer NOT NULL,
     -- MiniSearch's running average of distinct terms per passage, so BM25 in SQL scores exactly as in process.
     avg_unique_terms double precision NOT NULL
   )`,
  `CREATE TABLE footnote_live (
     guild text PRIMARY KEY,
     generation bigint NOT NULL REFERENCES footnote_generations (id)
   )`,
  `CREATE TABLE footnote_articles (
     generation bigint NOT NULL REFERENCES footnote_generations (id) ON DELETE CASCADE,
     position integer NOT NULL,
     article text NOT NULL,
     file text NOT NULL,
     hash text NOT NULL,
     title text,
     url text,
     published text,
     body text NOT NULL,
     PRIMARY KEY (generation, position)
   )`,
  `CREATE TABLE footnote_passages (
     generation bigint NOT NULL REFERENCES footnote_generations (id) ON DELETE CASCADE,
     guild text NOT NULL,
     label integer NOT NULL,
     article text NOT NULL,
     citation text NOT NULL,
     start_offset integer NOT NULL,
     end_offset integer NOT NULL,
     dimensions integer NOT NULL,
     embedding vector NOT NULL,
     lexemes tsvector NOT NULL,
     unique_terms integer NOT NULL,
     PRIMARY KEY (generation, label)
   )`,
  `CREATE INDEX footnote_passages_lexemes ON footnote_passages USING gin (lexemes)`,
  `CREATE INDEX footnote_passages_guild ON footnote_passages (guild, generation)`,
  `CREATE TABLE footnote_terms (
     generation bigint NOT NULL REFERENCES footnote_generations (id) ON DELETE CASCADE,
     term text NOT NULL,
     document_frequency integer NOT NULL,
     PRIMARY KEY (generation, term)
   )`,
  // Passages list-partitioned by generation, so a generation's indexes are built after its rows are in
  // (generation-partition.ts). Existing generations become partitions, each with its own HNSW graph.
  `DO $migration$
   DECLARE g record;
   BEGIN
     ALTER TABLE footnote_passages RENAME TO footnote_passages_unpartitioned;
     ALTER TABLE footnote_passages_unpartitioned RENAME CONSTRAINT footnote_passages_pkey TO footnote_passages_unpartitioned_pkey;
     DROP INDEX footnote_passages_lexemes;
     DROP INDEX footnote_passages_guild;
     CREATE TABLE footnote_passages (
       generation bigint NOT NULL REFERENCES footnote_generations (id) ON DELETE CASCADE,
       guild text NOT NULL,
       label integer NOT NULL,
       article text NOT NULL,
       citation text NOT NULL,
       start_offset integer NOT NULL,
       end_offset integer NOT NULL,
       dimensions integer NOT NULL,
       embedding vector NOT NULL,
       lexemes tsvector NOT NULL,
       unique_terms integer NOT NULL,
       PRIMARY KEY (generation, label)
     ) PARTITION BY LIST (generation);
     CREATE INDEX footnote_passages_lexemes ON footnote_passages USING gin (lexemes);
     FOR g IN SELECT id, dimensions FROM footnote_generations ORDER BY id LOOP
       EXECUTE format('CREATE TABLE footnote_passages_g%s PARTITION OF footnote_passages FOR VALUES IN (%s)', g.id, g.id);
       EXECUTE format('INSERT INTO footnote_passages_g%s SELECT * FROM footnote_passages_unpartitioned WHERE generation = %s', g.id, g.id);
       EXECUTE format('CREATE INDEX footnote_passages_g%s_hnsw ON footnote_passages_g%s
                         USING hnsw ((embedding::vector(%s)) vector_cosine_ops) WITH (m = 16, ef_construction = 200)', g.id, g.id, g.dimensions);
     END LOOP;
     DROP TABLE footnote_passages_unpartitioned;
   END
   $migration$`,
];

const MIGRATION_LOCK = 0x466f6f74; // "Foot"

export async function migrate(client: pg.PoolClient): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS footnote_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number }>('SELECT coalesce(max(version), 0)::int AS version FROM footnote_migrations');
    for (let version = rows[0]!.version + 1; version <= MIGRATIONS.length; version++) {
      await client.query(MIGRATIONS[version - 1]!);
      await client.query('INSERT INTO footnote_migrations (version) VALUES ($1)', [version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
