/**
 * One article from where a person has it — a .txt, .md or .html file, or a URL — made into the text Footnote stores:
 * a front-matter block (title, url, published, byline) and the story's body. What is stored is what gets quoted, so
 * every quote is a verbatim substring of it. HTML goes through the article extractor first.
 */
import path from 'node:path';
import { stringify as toYaml } from 'yaml';
import { extractArticle } from '../article/extract-html.js';
import { parseArticle } from '../article/load.js';
import { FootnoteError } from '../errors.js';
import { DEFAULT_FETCH_LIMITS, fetchPage, type FetchLimits } from './fetch-page.js';

/** File types an article can come in; HTML is extracted, text and Markdown are stored as they are. */
export const SOURCE_EXTENSIONS = ['.txt', '.md', '.html', '.htm'];

export interface PreparedArticle {
  /** A file name for it without extension, from its title or its own name. */
  name: string;
  extension: '.md' | '.txt';
  /** The file as it will be stored. */
  content: string;
  title: string;
  /** Where it came from, for messages. */
  source: string;
}

/** A local or attached file: its name (for the type and a fallback title) and bytes. */
export function articleFromFile(fileName: string, bytes: Buffer, url?: string): PreparedArticle {
  const extension = path.extname(fileName).toLowerCase();
  const refuse = (reason: string) => new FootnoteError('ARTICLE_REFUSED', { source: fileName, reason });
  if (!SOURCE_EXTENSIONS.includes(extension)) throw refuse(`only ${SOURCE_EXTENSIONS.join(', ')} files are articles`);
  const base = path.basename(fileName, path.extname(fileName));
  if (extension === '.html' || extension === '.htm') return fromHtml(decodeText(bytes, refuse), fileName, url);
  const checked = parseArticle(fileName, bytes);
  if ('reason' in checked) throw refuse(checked.reason.replace(/; skipped$/, ''));
  return { name: slug(base) || slug(checked.article.title ?? '') || 'article', extension: extension as '.md' | '.txt', content: bytes.toString('utf8'), title: checked.article.title!, source: fileName };
}

/** A URL, fetched within the limits, then treated by its content type. */
export async function articleFromUrl(url: string, limits: FetchLimits = DEFAULT_FETCH_LIMITS): Promise<PreparedArticle> {
  const page = await fetchPage(url, limits);
  if (page.type === 'text/html' || page.type === 'application/xhtml+xml') return fromHtml(page.text, url, page.url);
  const name = path.basename(new URL(page.url).pathname) || 'article';
  const extension = page.type === 'text/markdown' ? '.md' : '.txt';
  return articleFromFile(`${path.basename(name, path.extname(name))}${extension}`, Buffer.from(page.text, 'utf8'));
}

function fromHtml(html: string, source: string, url?: string): PreparedArticle {
  const extracted = extractArticle(html);
  if (!extracted) throw new FootnoteError('ARTICLE_REFUSED', { source, reason: 'no article text found in the page (is it a story, not an index or a login page?)' });
  const meta = {
    ...(extracted.title ? { title: extracted.title } : {}),
    ...((url ?? extracted.url) ? { url: url ?? extracted.url } : {}),
    ...(extracted.published ? { published: extracted.published } : {}),
    ...(extracted.byline ? { byline: extracted.byline } : {}),
  };
  // Stored as plain text with front matter, not as Markdown: the page's words are already what its reader saw, and a
  // "*" or "1984." opening a paragraph must not be read again as Markdown's emphasis or list.
  const content = `---\n${toYaml(meta, { lineWidth: 0 })}---\n\n${extracted.text}\n`;
  const checked = parseArticle('page.txt', Buffer.from(content, 'utf8'));
  if ('reason' in checked) throw new FootnoteError('ARTICLE_REFUSED', { source, reason: checked.reason.replace(/; skipped$/, '') });
  const title = checked.article.title!;
  return { name: slug(title) || 'article', extension: '.txt', content, title, source };
}

function decodeText(bytes: Buffer, refuse: (reason: string) => Error): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw refuse('not valid UTF-8');
  }
}

/** `Harbour ferry returns after 18-month repair` → `harbour-ferry-returns-after-18-month-repair`, at most 60 characters. */
export function slug(text: string): string {
  const words = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().match(/[a-z0-9]+/g) ?? [];
  let out = '';
  for (const word of words) {
    if (out && out.length + 1 + word.length > 60) break;
    out = out ? `${out}-${word}` : word.slice(0, 60);
  }
  return out;
}
