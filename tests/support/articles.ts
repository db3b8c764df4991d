/**
 * Article folders for tests. Tests never read the user's `seeds/` folder as a corpus: someone may add articles
 * there, and every count and ranking would change. They copy the one seed article into a folder of their own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The article the expectations are written against (17 sentences; "Who leads the Russian delegation?" is 11.1). */
export const SEED_FILE = '000_ce70d124781ea012.txt';
export const SEED_PATH = path.join(ROOT, 'seeds', SEED_FILE);

export function seedArticleText(): string {
  return fs.readFileSync(SEED_PATH, 'utf8');
}

/** Create `dir` if needed and copy the seed article into it (as `fileName`); returns `dir`. */
export function copySeedArticle(dir: string, fileName = SEED_FILE): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(SEED_PATH, path.join(dir, fileName));
  return dir;
}

/** A fresh temporary folder holding only the seed article. The caller removes it. */
export function tempSeedArticles(prefix = 'footnote-articles-'): string {
  return copySeedArticle(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}
