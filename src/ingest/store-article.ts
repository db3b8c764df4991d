/**
 * Putting a prepared article into the articles folder: written under a temporary name and renamed, so the watcher
 * and the loader never read half a file; the same text added twice is the same file; a name already used by another
 * text gets a numbered suffix.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sha256 } from '../hash.js';
import type { PreparedArticle } from './article-source.js';

export interface StoredArticle {
  /** The article id it will have (its file name without extension). */
  id: string;
  /** Path relative to the articles folder. */
  file: string;
  /** The same text was already there under this name; nothing was written. */
  existed: boolean;
}

/** `folder` is relative to `articlesDir` (a server's `servers/<id>`), or '' for the shared articles. */
export function storeArticle(articlesDir: string, folder: string, article: PreparedArticle, nameSuffix = ''): StoredArticle {
  const dir = path.join(articlesDir, folder);
  fs.mkdirSync(dir, { recursive: true });
  const hash = sha256(Buffer.from(article.content, 'utf8'));
  const same = fs.readdirSync(dir).find((name) => /\.(md|txt)$/i.test(name) && sha256(fs.readFileSync(path.join(dir, name))) === hash);
  if (same) return { id: path.basename(same, path.extname(same)), file: path.join(folder, same), existed: true };
  const taken = new Set(fs.readdirSync(dir).map((name) => path.basename(name, path.extname(name)).toLowerCase()));
  let base = `${article.name}${nameSuffix}`;
  for (let n = 2; taken.has(base.toLowerCase()); n++) base = `${article.name}${nameSuffix}-${n}`;
  const name = `${base}${article.extension}`;
  // A dot-name the loader and the watcher ignore, then one rename: readers see no file or the whole file.
  const tmp = path.join(dir, `.${name}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, article.content);
  fs.renameSync(tmp, path.join(dir, name));
  return { id: base, file: path.join(folder, name), existed: false };
}

/** Removes an article's file; false when there is no such file in that folder. */
export function removeArticleFile(articlesDir: string, file: string): boolean {
  const full = path.resolve(articlesDir, file);
  if (!full.startsWith(path.resolve(articlesDir) + path.sep) || !fs.existsSync(full)) return false;
  fs.rmSync(full);
  return true;
}
