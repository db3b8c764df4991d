import fs from 'node:fs';
import path from 'node:path';
import { FootnoteError } from '../errors.js';
import { sha256 } from '../hash.js';
import type { Article } from '../types.js';
import { splitFrontMatter } from './front-matter.js';
import { readableTitle } from './title.js';

export const ARTICLE_EXTENSIONS = ['.txt', '.md'];
/** Far above any news article; protects memory and the embedder from a stray dump. */
export const MAX_ARTICLE_BYTES = 8 * 1024 * 1024;

export interface ArticleProblem {
  file: string;
  reason: string;
}

export interface LoadedArticles {
  articles: Article[];
  /** Files skipped or read with a caveat, by name; loading goes on with the rest. */
  problems: ArticleProblem[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads every .txt/.md file in `dir` (sorted by name). One bad file never stops the others. */
export function loadArticles(dir: string): LoadedArticles {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new FootnoteError('ARTICLES_DIR_MISSING', { dir });
  const files = fs
    .readdirSync(dir)
    .filter((name) => ARTICLE_EXTENSIONS.includes(path.extname(name).toLowerCase()))
    .sort();
  const articles: Article[] = [];
  const problems: ArticleProblem[] = [];
  const seenHashes = new Map<string, string>();
  const seenIds = new Map<string, string>();
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(path.join(dir, file));
    } catch (error) {
      problems.push({ file, reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? error})` });
      continue;
    }
    const result = parseArticle(file, bytes);
    if ('reason' in result) {
      problems.push({ file, reason: result.reason });
      continue;
    }
    const duplicateOf = seenHashes.get(result.article.hash);
    if (duplicateOf) {
      problems.push({ file, reason: `same content as ${duplicateOf}; skipped` });
      continue;
    }
    // `a.txt` and `a.md` would both be article `a`: citations (`a:6.2`) must name one text.
    const sameId = seenIds.get(result.article.id);
    if (sameId) {
      problems.push({ file, reason: `same article name as ${sameId} (names ignore the extension); rename one; skipped` });
      continue;
    }
    seenHashes.set(result.article.hash, file);
    seenIds.set(result.article.id, file);
    if (result.warning) problems.push({ file, reason: result.warning });
    articles.push(result.article);
  }
  return { articles, problems };
}

/** Bytes of one file → Article, or the reason it cannot be used. */
export function parseArticle(file: string, bytes: Buffer): { article: Article; warning?: string } | { reason: string } {
  if (bytes.length === 0) return { reason: 'empty file; skipped' };
  if (bytes.length > MAX_ARTICLE_BYTES) return { reason: `larger than ${MAX_ARTICLE_BYTES / 1024 / 1024} MB; skipped` };
  if (bytes.includes(0)) return { reason: 'binary file (contains NUL bytes); skipped' };
  let decoded: string;
  try {
    decoded = utf8.decode(bytes);
  } catch {
    return { reason: 'not valid UTF-8; save it as UTF-8 and run ingest again' };
  }
  const text = decoded.startsWith('\uFEFF') ? decoded.slice(1) : decoded;
  const front = splitFrontMatter(text);
  const body = text.slice(front.bodyStart);
  if (!/[\p{L}\p{N}]/u.test(body)) return { reason: 'no text to index; skipped' };
  const id = path.basename(file, path.extname(file));
  const article: Article = {
    id,
    file,
    ...front.meta,
    // Every article has a title people can read: its own, else one made from its name or first sentence.
    title: front.meta.title || readableTitle(id, body),
    text: body,
    hash: sha256(bytes),
  };
  return front.problem ? { article, warning: front.problem } : { article };
}
