import fs from 'node:fs';
import path from 'node:path';
import { FootnoteError } from '../errors.js';
import { sha256 } from '../hash.js';
import type { Article } from '../types.js';
import { splitFrontMatter } from './front-matter.js';
import { markdownToText } from './markdown.js';
import { hasByline, splitParagraphs } from './segment.js';
import { interviewQuestions, plainHeadline, plainSubheadings, readableTitle } from './title.js';

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

/** Where the articles a server added live: `servers/<server id>/`, one folder per server. */
export const SERVERS_FOLDER = 'servers';

/**
 * Reads every .txt/.md file in `dir` (sorted by name), then each server's folder under `servers/`. One bad file never
 * stops the others. Names are unique across all of them (citations name one text); the same text may be in two
 * servers' folders, but only once in one.
 */
export function loadArticles(dir: string): LoadedArticles {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new FootnoteError('ARTICLES_DIR_MISSING', { dir });
  const articles: Article[] = [];
  const problems: ArticleProblem[] = [];
  const seenIds = new Map<string, string>();
  for (const { folder, owner, files } of listedFolders(dir)) {
    const seenHashes = new Map<string, string>();
    for (const file of files) {
      const result = readArticle(dir, file);
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
      articles.push(owner ? { ...result.article, owner } : result.article);
    }
  }
  return { articles, problems };
}

/** Every article file `loadArticles` would read, relative to `dir`, in the order it reads them. */
export function listArticleFiles(dir: string): string[] {
  return listedFolders(dir).flatMap(({ files }) => files);
}

function listedFolders(dir: string): Array<{ folder: string; owner?: string; files: string[] }> {
  return articleFolders(dir).map((entry) => ({
    ...entry,
    files: articleFiles(path.join(dir, entry.folder)).map((name) => (entry.folder ? path.join(entry.folder, name) : name)),
  }));
}

/** The shared folder first, then `servers/<id>/` for each server, in name order. */
function articleFolders(dir: string): Array<{ folder: string; owner?: string }> {
  const servers = path.join(dir, SERVERS_FOLDER);
  const owners = fs.existsSync(servers) && fs.statSync(servers).isDirectory()
    ? fs.readdirSync(servers, { withFileTypes: true }).filter((e) => e.isDirectory() && /^[\w-]+$/.test(e.name)).map((e) => e.name).sort()
    : [];
  return [{ folder: '' }, ...owners.map((owner) => ({ folder: path.join(SERVERS_FOLDER, owner), owner }))];
}

function articleFiles(dir: string): string[] {
  // Not only plain files: a folder named `x.txt` or a dangling link is reported by name when it cannot be read.
  return fs
    .readdirSync(dir)
    .filter((name) => ARTICLE_EXTENSIONS.includes(path.extname(name).toLowerCase()) && !name.startsWith('.'))
    .sort();
}

function readArticle(dir: string, file: string): ReturnType<typeof parseArticle> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path.join(dir, file));
  } catch (error) {
    return { reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? error})` };
  }
  return parseArticle(file, bytes);
}

/**
 * An article's text as read from its file, with the heading taken as its title and, when the text is not the file's
 * bytes as they are, a tag for the way it was read (hashed with the bytes).
 */
interface ReadBody {
  body: string;
  heading?: string;
  /** Section headings, by paragraph number (1-based). */
  headings?: number[];
  reading?: Buffer;
}

const MARKDOWN_READING = Buffer.from('markdown 1\n');
/** Added to the tag of a text whose section headings are no passages: an index built before holds them as passages. */
const HEADINGS_READING = Buffer.from('headings 3\n');

/**
 * A Markdown body as its reader sees it. The heading it opens with is its title when the front matter gives none
 * (as an HTML page's headline is), and is not a passage when it is the title. Later headings are no passages either.
 */
function fromMarkdownBody(markdown: string, title: string | undefined): ReadBody {
  const { text, heading, headingStarts } = markdownToText(markdown);
  // A headline the front matter's title does not match stays in the text, as its first paragraph and a heading.
  const kept = heading !== undefined && title && title !== heading ? heading : undefined;
  const body = kept === undefined ? text : text ? `${kept}\n\n${text}` : kept;
  const starts = kept === undefined ? headingStarts : [0, ...headingStarts.map((start) => start + kept.length + 2)];
  return withHeadings({ body, ...(heading !== undefined && kept === undefined ? { heading } : {}), reading: MARKDOWN_READING }, [...paragraphsStartingAt(body, starts), ...interviewQuestions(body)]);
}

const HEADLINE_READING = Buffer.from('headline 1\n');

/** A plain body without the headline it opens with, when it opens with one the front matter's title does not contradict. */
function fromPlainBody(text: string, title: string | undefined): ReadBody {
  const found = plainHeadline(text);
  const read: ReadBody = !found || (title && title !== found.headline) ? { body: text } : { body: text.slice(found.bodyStart), heading: found.headline, reading: HEADLINE_READING };
  return withHeadings(read, [...plainSubheadings(read.body), ...interviewQuestions(read.body)]);
}

/** The body with its section headings, which are part of the way it was read when there are any. */
function withHeadings(read: ReadBody, found: number[]): ReadBody {
  const headings = [...new Set(found)].sort((a, b) => a - b);
  if (headings.length === 0) return read;
  return { ...read, headings, reading: Buffer.concat([read.reading ?? Buffer.alloc(0), HEADINGS_READING]) };
}

/** Added to the tag of a text with a byline, which is indexed as naming the author: an index built before is not. */
const BYLINE_READING = Buffer.from('byline 1\n');

/** The way the text was read, as hashed with its bytes: its reading, and whether a byline is indexed as the author's. */
function readingOf(read: ReadBody, body: string): Buffer | undefined {
  if (!hasByline(body)) return read.reading;
  return Buffer.concat([read.reading ?? Buffer.alloc(0), BYLINE_READING]);
}

/** Numbers (1-based) of the paragraphs that start at these offsets. */
function paragraphsStartingAt(body: string, starts: readonly number[]): number[] {
  const numbers: number[] = [];
  splitParagraphs(body).forEach((span, i) => {
    if (starts.includes(span.start)) numbers.push(i + 1);
  });
  return numbers;
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
  const markdown = path.extname(file).toLowerCase() === '.md';
  const read = markdown ? fromMarkdownBody(text.slice(front.bodyStart), front.meta.title) : fromPlainBody(text.slice(front.bodyStart), front.meta.title);
  const body = read.body;
  if (!/[\p{L}\p{N}]/u.test(body)) return { reason: 'no text to index; skipped' };
  if (read.headings && read.headings.length === splitParagraphs(body).length) return { reason: 'nothing but headings, no sentence to quote; skipped' };
  const id = path.basename(file, path.extname(file));
  const reading = readingOf(read, body);
  const article: Article = {
    id,
    file,
    ...front.meta,
    // Every article has a title people can read: its own, else one made from its name or first sentence.
    title: front.meta.title || read.heading || readableTitle(id, body),
    text: body,
    ...(read.headings ? { headings: read.headings } : {}),
    // A Markdown file's passages come from its rendered text, a plain file's without the headline it opens with; an
    // index built before files were read so (with their "#", or the headline as a sentence) must read them again,
    // so the way they are read is part of their identity.
    hash: sha256(reading ? Buffer.concat([reading, bytes]) : bytes),
  };
  return front.problem ? { article, warning: front.problem } : { article };
}
