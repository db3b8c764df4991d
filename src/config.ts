import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { FootnoteError } from './errors.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The default encoder: USE-lite converted from the npm-shipped weights (see src/embedding/). */
export const DEFAULT_MODEL = 'use-lite';

const schema = z.object({
  EMBEDDING_MODEL: z.string().trim().min(1).default(DEFAULT_MODEL),
  ARTICLES_DIR: z.string().trim().min(1).default(path.join(PROJECT_ROOT, 'seeds')),
  INDEX_DIR: z.string().trim().min(1).default(path.join(PROJECT_ROOT, 'embeddings')),
  MODELS_DIR: z.string().trim().min(1).default(path.join(PROJECT_ROOT, '.models')),
  DATA_DIR: z.string().trim().min(1).default(path.join(PROJECT_ROOT, 'data')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = Readonly<{
  model: string;
  articlesDir: string;
  indexDir: string;
  modelsDir: string;
  dataDir: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
}>;

/** The only reader of process.env for the engine. Empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FootnoteError('BAD_CONFIG', { name: String(issue.path[0]), reason: issue.message });
  }
  const c = parsed.data;
  return Object.freeze({
    model: c.EMBEDDING_MODEL,
    articlesDir: path.resolve(c.ARTICLES_DIR),
    indexDir: path.resolve(c.INDEX_DIR),
    modelsDir: path.resolve(c.MODELS_DIR),
    dataDir: path.resolve(c.DATA_DIR),
    logLevel: c.LOG_LEVEL,
  });
}

/** The built-in settings, as with an empty environment. */
export function defaultConfig(): Config {
  return loadConfig({});
}
