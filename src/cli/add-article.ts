/** `npm run ingest -- <file|url>`: the article put into the articles folder, before the index is brought up to date. */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { FootnoteError } from '../errors.js';
import { articleFromFile, articleFromUrl } from '../ingest/article-source.js';
import { DEFAULT_FETCH_LIMITS } from '../ingest/fetch-page.js';
import { storeArticle, type StoredArticle } from '../ingest/store-article.js';

export async function addArticle(config: Config, source: string): Promise<StoredArticle & { title: string }> {
  const prepared = /^[a-z][a-z0-9+.-]*:\/\//i.test(source)
    ? await articleFromUrl(source, { ...DEFAULT_FETCH_LIMITS, allowPrivate: config.fetchAllowPrivate })
    : articleFromFile(path.basename(source), readSource(source));
  return { ...storeArticle(config.articlesDir, '', prepared), title: prepared.title };
}

function readSource(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new FootnoteError('ARTICLE_REFUSED', { source: file, reason: `it cannot be read (${(error as NodeJS.ErrnoException).code ?? error})` });
  }
}
