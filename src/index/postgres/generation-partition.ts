/**
 * A generation's passages are one partition of `footnote_passages` (list-partitioned by generation). The writer
 * loads them into a table of their own that no reader sees, builds the indexes over the loaded rows (an HNSW graph
 * built in bulk is several times faster than one kept up to date row by row), and attaches the table as a partition
 * in the transaction that makes the generation live. Readers keep querying the live generation's partition, with
 * its own index, the whole time.
 */
import type pg from 'pg';

/** HNSW parameters of every generation's graph: the embedded store's (M 16, efConstruction 200). */
export const HNSW_BUILD = { m: 16, efConstruction: 200 } as const;

export const partitionName = (generation: number) => `footnote_passages_g${Math.trunc(generation)}`;
export const hnswIndexName = (generation: number) => `${partitionName(generation)}_hnsw`;

/**
 * The table a generation's rows are loaded into. The CHECK constraint lets ATTACH PARTITION prove the rows belong
 * to the partition without scanning them.
 */
export async function createLoadTable(client: pg.ClientBase, generation: number): Promise<void> {
  const id = Math.trunc(generation);
  await client.query(
    `CREATE TABLE ${partitionName(id)} (LIKE footnote_passages INCLUDING DEFAULTS, CONSTRAINT ${partitionName(id)}_generation CHECK (generation = ${id}))`,
  );
}

/**
 * The indexes, built over the rows already in: the primary key and the full-text index (both match the parent's
 * partitioned indexes, so attaching adopts them instead of building them again) and the HNSW graph over the
 * generation's one embedding size. pgvector builds the graph in memory while it fits in `maintenance_work_mem` and
 * much more slowly once it does not, so the build gets enough for this generation's graph (never less than the
 * server's own setting, never more than `MAX_BUILD_MEMORY`).
 */
export async function buildPartitionIndexes(client: pg.ClientBase, generation: number, dimensions: number, rows: number): Promise<void> {
  const table = partitionName(generation);
  const dims = Math.trunc(dimensions);
  await client.query(`ALTER TABLE ${table} ADD PRIMARY KEY (generation, label)`);
  await client.query(`CREATE INDEX ${table}_lexemes ON ${table} USING gin (lexemes)`);
  await raiseBuildMemory(client, graphBytes(rows, dims));
  await client.query(
    `CREATE INDEX ${hnswIndexName(generation)} ON ${table}
       USING hnsw ((embedding::vector(${dims})) vector_cosine_ops) WITH (m = ${HNSW_BUILD.m}, ef_construction = ${HNSW_BUILD.efConstruction})`,
  );
  // Statistics before the first reader: a table nobody analysed is planned from guesses.
  await client.query(`ANALYZE ${table}`);
}

/** Makes the loaded table the generation's partition; readers of other generations are not blocked by it. */
export async function attachPartition(client: pg.ClientBase, generation: number): Promise<void> {
  const id = Math.trunc(generation);
  await client.query(`ALTER TABLE footnote_passages ATTACH PARTITION ${partitionName(id)} FOR VALUES IN (${id})`);
}

/**
 * Drops generations' partitions (the rows and their indexes at once, instead of deleting row by row). Dropping a
 * partition locks the parent table until commit, so callers do it last, just before committing.
 */
export async function dropPartitions(client: pg.ClientBase, generations: number[]): Promise<void> {
  for (const generation of generations) await client.query(`DROP TABLE IF EXISTS ${partitionName(generation)}`);
}

/** Upper bound for the build's memory: a server may run other work beside one ingest. */
const MAX_BUILD_MEMORY = 2 ** 30;

/** pgvector's in-memory graph: each element holds its vector and its neighbour lists (2·M on layer 0, more above). */
export function graphBytes(rows: number, dimensions: number): number {
  const perElement = dimensions * 4 + 8 + HNSW_BUILD.m * 2 * 24 + 256;
  return Math.ceil(rows * perElement * 1.25);
}

async function raiseBuildMemory(client: pg.ClientBase, bytes: number): Promise<void> {
  const { rows } = await client.query<{ bytes: string }>(`SELECT pg_size_bytes(current_setting('maintenance_work_mem')) AS bytes`);
  const current = Number(rows[0]!.bytes);
  const wanted = Math.min(MAX_BUILD_MEMORY, bytes);
  if (wanted > current) await client.query(`SET LOCAL maintenance_work_mem = '${Math.ceil(wanted / 1024)}kB'`);
}
