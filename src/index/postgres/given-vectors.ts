/**
 * A PostgreSQL article set from passages already embedded: written as one generation and served through the same
 * store the service uses. The evaluation holds its collections this way, so a store's figures are measured on the
 * very vectors the embedded store is given and any difference is the store's own.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { sha256 } from '../../hash.js';
import type { Article, Passage } from '../../types.js';
import type { PassageStore } from '../passage-store.js';
import { migrate } from './migrations.js';
import { liveGeneration, writeGeneration, type GenerationInput } from './pg-ingest.js';
import { createPostgresStore } from './pg-store.js';

export interface GivenVectors {
  /** The article set to write (a server's, or one of the evaluation's). */
  guild: string;
  model: string;
  dimensions: number;
  articles: Article[];
  /** In label order, offsets into their article's text. */
  passages: Passage[];
  vectors: ArrayLike<number>[];
  onStep?: GenerationInput['onStep'];
}

/**
 * Writes the set (unless its live generation already holds these exact inputs) and returns a store over it. The
 * store borrows `pool`: closing it leaves the pool open for the caller's other sets.
 */
export async function openGivenVectors(pool: pg.Pool, input: GivenVectors): Promise<PassageStore> {
  const client = await pool.connect();
  try {
    await migrate(client);
    const fingerprint = givenFingerprint(input);
    const live = await liveGeneration(client, input.guild);
    if (live?.fingerprint !== fingerprint) {
      await writeGeneration(client, { ...input, embeddingText: 'given', fingerprint });
    }
    const generation = (await liveGeneration(client, input.guild))!;
    const store = createPostgresStore(pool, generation, input.passages);
    return { candidates: store.candidates, close: async () => {} };
  } finally {
    client.release();
  }
}

/** Every input that decides what is served: the model, the passages and the vectors themselves. */
function givenFingerprint(input: GivenVectors): string {
  const passages = input.passages.map((p) => [p.article, p.id, p.start, p.end]);
  // Hashed vector by vector: a large set's vectors as one string would pass V8's string length limit.
  const hash = createHash('sha256');
  for (const vector of input.vectors) hash.update(Float32Array.from(vector as ArrayLike<number>));
  const vectors = hash.digest('hex');
  return sha256(JSON.stringify({ given: true, model: input.model, articles: input.articles.map((a) => [a.id, a.hash]), passages, vectors }));
}
