import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { FootnoteError } from './errors.js';
import { parseEnv } from './parse-env.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** pino's levels, for LOG_LEVEL. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The default encoder: USE-lite converted from the npm-shipped weights (see src/embedding/). */
export const DEFAULT_MODEL = 'use-lite-int8';

const schema = z.object({
  EMBEDDING_MODEL: z.string().trim().min(1).default(DEFAULT_MODEL),
  ARTICLES_DIR: z.string().trim().min(1).default(path.join(PROJECT_ROOT, 'seeds')),
  INDEX_DIR: z.string().trim().min(1).default(path.join(PROJECT_ROOT, 'embeddings')),
  MODELS_DIR: z.string().trim().min(1).default(path.join(PROJECT_ROOT, '.models')),
  DATA_DIR: z.string().trim().min(1).default(path.join(PROJECT_ROOT, 'data')),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** A second encoder whose cosine re-ranks the main encoder's candidates (a catalogue name); unset, none. */
  RERANK_MODEL: z.string().trim().min(1).optional(),
  /** A PostgreSQL with pgvector to store passages in; unset, the embedded index serves. */
  DATABASE_URL: z.string().trim().min(1).optional(),
  /** `1` lets article URLs reach loopback and private addresses (an intranet); off, since members choose the URLs. */
  FETCH_ALLOW_PRIVATE: z.enum(['0', '1', 'false', 'true'], { error: 'must be 1 or 0' }).default('0'),
  /** Threads embedding an ingest in bulk (USE-lite): `auto` (the CPUs, at most 4) or a count; `0`, none. */
  EMBED_THREADS: z
    .string()
    .trim()
    .regex(/^(auto|\d{1,2})$/, { error: 'must be auto or a whole number from 0 to 99' })
    .default('auto'),
  /** Tag the served sentences for names on a worker thread ahead of the questions: `auto` (collections from 5,000 sentences), 1 or 0. */
  TAG_AHEAD: z.enum(['auto', '0', '1'], { error: 'must be auto, 1 or 0' }).default('auto'),
});

export type Config = Readonly<{
  model: string;
  articlesDir: string;
  indexDir: string;
  modelsDir: string;
  dataDir: string;
  logLevel: LogLevel;
  databaseUrl?: string;
  /** A second encoder for re-ranking (`RERANK_MODEL`). */
  rerankModel?: string;
  /** Article URLs may reach loopback and private addresses. */
  fetchAllowPrivate: boolean;
  /** Bulk embedding threads (`EMBED_THREADS`); unset, as many as the CPUs (at most 4). */
  embedThreads?: number;
  /** Names tagged and articles read ahead of the questions (`TAG_AHEAD`): always, never, or from `TAG_AHEAD_FROM` sentences. */
  tagAhead: 'auto' | 'on' | 'off';
}>;

/** From this many sentences a new question's candidates are mostly untagged, and tagging ahead pays (README, Performance). */
export const TAG_AHEAD_FROM = 5_000;

/** The only reader of process.env for the engine. Empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const c = parseEnv(schema, env, (name, reason) => new FootnoteError('BAD_CONFIG', { name, reason }));
  return Object.freeze({
    model: c.EMBEDDING_MODEL,
    articlesDir: path.resolve(c.ARTICLES_DIR),
    indexDir: path.resolve(c.INDEX_DIR),
    modelsDir: path.resolve(c.MODELS_DIR),
    dataDir: path.resolve(c.DATA_DIR),
    logLevel: c.LOG_LEVEL,
    ...(c.DATABASE_URL ? { databaseUrl: c.DATABASE_URL } : {}),
    ...(c.RERANK_MODEL ? { rerankModel: c.RERANK_MODEL } : {}),
    fetchAllowPrivate: c.FETCH_ALLOW_PRIVATE === '1' || c.FETCH_ALLOW_PRIVATE === 'true',
    ...(c.EMBED_THREADS === 'auto' ? {} : { embedThreads: Number(c.EMBED_THREADS) }),
    tagAhead: c.TAG_AHEAD === 'auto' ? 'auto' : c.TAG_AHEAD === '1' ? 'on' : 'off',
  });
}

/** The built-in settings, as with an empty environment. */
export function defaultConfig(): Config {
  return loadConfig({});
}
