/**
 * A news page's HTML → the story alone: title, byline, date and body text, by Mozilla's Readability (the Firefox
 * Reader View extractor) over linkedom's DOM. Navigation, ads, related links and comments stay behind. The body is
 * plain text, one paragraph per block separated by blank lines, which is what gets stored and then quoted verbatim.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { readerWhitespace } from './reader-whitespace.js';

export interface ExtractedArticle {
  title?: string;
  byline?: string;
  /** `YYYY-MM-DD` when the page says when it was published. */
  published?: string;
  /** The page's own address (canonical link or og:url), for a saved page. */
  url?: string;
  text: string;
}

/** Blocks that hold the story's own text; each becomes one paragraph. */
const BLOCKS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'DD', 'DT']);
/** Inside the story but not of it: captions, and the article's own headline (it is the title). */
const SKIPPED = new Set(['FIGCAPTION', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'BUTTON', 'FORM', 'ASIDE', 'NAV']);

/** Undefined when the page has no story Readability can find (an index page, a login wall). */
export function extractArticle(html: string): ExtractedArticle | undefined {
  const { document } = parseHTML(html);
  const published = publishedDate(document);
  const url = canonicalUrl(document);
  const headlines = Array.from(document.querySelectorAll('h1')).map((h1) => readerWhitespace(h1.textContent ?? ''));
  for (const element of Array.from(document.querySelectorAll('*'))) if (isAdvert(element as unknown as Element)) element.remove();
  const parsed = new Readability(document as unknown as Document, { serializer: (node: Node) => node }).parse();
  if (!parsed?.content) return undefined;
  const title = withoutSiteName(readerWhitespace(parsed.title ?? ''), headlines);
  const paragraphs = blockTexts(parsed.content as Node).filter((text, i) => !(i === 0 && text === title));
  const byline = parsed.byline ? readerWhitespace(parsed.byline).replace(/^by\s+/i, '') : undefined;
  // Readability may keep the byline line itself inside the content; it is metadata, not story.
  const body = paragraphs.filter((text) => !(byline && text.length < byline.length + 40 && text.includes(byline)));
  const text = body.join('\n\n');
  if (!/[\p{L}\p{N}]/u.test(text)) return undefined;
  return { ...(title ? { title } : {}), ...(byline ? { byline } : {}), ...(published ? { published } : {}), ...(url ? { url } : {}), text };
}

/**
 * "Bridge reopens after repairs | Daily Gazette" is the page's title; its headline is the part the page's own
 * `<h1>` says. Readability keeps a short title whole (four words or fewer before the separator), so the site's name
 * would be the article's name in every list.
 */
function withoutSiteName(title: string, headlines: readonly string[]): string {
  const headline = headlines.find((h1) => h1.length > 0 && title.startsWith(h1) && /^\s+[|\-–—:·•»]\s+\S/.test(title.slice(h1.length)));
  return headline ?? title;
}

/**
 * Readability drops navigation, comments and sidebars by their names, but not an ad slot named plainly `ad`, which
 * it can take for a paragraph when the slot holds text. Ad slots are named by convention; remove those first.
 */
function isAdvert(element: Element): boolean {
  const names = [...(element.getAttribute('class')?.split(/\s+/) ?? []), element.getAttribute('id') ?? ''].map((n) => n.toLowerCase());
  return (
    element.hasAttribute('data-ad') ||
    names.some((name) => /^(?:ads?|advert|advertisement|adsbygoogle|sponsored)$|^ads?[-_]|^advert|^google_ads|^sponsor/.test(name))
  );
}

function blockTexts(root: Node): string[] {
  const out: string[] = [];
  const visit = (node: Node) => {
    const element = node as Element;
    if (node.nodeType !== 1 || SKIPPED.has(element.tagName)) return;
    if (BLOCKS.has(element.tagName) && !hasBlockChild(element)) {
      const text = readerWhitespace(element.textContent ?? '');
      if (text) out.push(text);
      return;
    }
    for (const child of Array.from(node.childNodes)) visit(child);
  };
  visit(root);
  return out;
}

function hasBlockChild(element: Element): boolean {
  return Array.from(element.children).some((child) => BLOCKS.has(child.tagName) || hasBlockChild(child));
}


function canonicalUrl(document: { querySelector(selector: string): Element | null }): string | undefined {
  const url = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? document.querySelector('meta[property="og:url"]')?.getAttribute('content');
  return url && /^https?:\/\/\S+$/i.test(url.trim()) ? url.trim() : undefined;
}

/** The publication date from the usual meta tags or the first `<time datetime>`. */
function publishedDate(document: { querySelector(selector: string): Element | null }): string | undefined {
  const candidates = [
    document.querySelector('meta[property="article:published_time"]')?.getAttribute('content'),
    document.querySelector('meta[name="date"]')?.getAttribute('content'),
    document.querySelector('meta[itemprop="datePublished"]')?.getAttribute('content'),
    document.querySelector('time[datetime]')?.getAttribute('datetime'),
  ];
  for (const value of candidates) {
    const date = /^\d{4}-\d{2}-\d{2}/.exec(value?.trim() ?? '')?.[0];
    if (date) return date;
  }
  return undefined;
}
