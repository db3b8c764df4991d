/**
 * What one served generation knows about its articles, for everything but ranking: a citation ref → its sentence in
 * its paragraph, a whole article, autocomplete, the article list. Refs always resolve within the asker's scope; a
 * bare `6.2` names a sentence only when exactly one article in scope has it (never silently the first article's).
 */
import { passagesByArticle } from '../article/by-article.js';
import { cleanRef, passageRef } from '../article/ref.js';
import { splitParagraphs } from '../article/segment.js';
import type { AboutInfo, Article, ArticleScope, ArticleView, Passage, SourceView } from '../types.js';
import { visibleArticles } from './scope.js';

export interface Suggestion {
  ref: string;
  label: string;
}

export interface ArticleLookup {
  readonly articles: readonly Article[];
  readonly passages: readonly Passage[];
  source(ref: string, scope?: ArticleScope): SourceView | undefined;
  /** Every sentence in scope a ref could mean: one for a full or unambiguous ref, several for `6.2` in two articles. */
  matches(ref: string, scope?: ArticleScope): Passage[];
  article(id: string, scope?: ArticleScope): ArticleView | undefined;
  suggest(prefix: string, limit: number, scope?: ArticleScope): Suggestion[];
  about(built: Pick<AboutInfo, 'model' | 'dimensions' | 'builtAt'>, scope?: ArticleScope): AboutInfo;
}

/** How long an article title may be inside an autocomplete label, leaving room for the sentence itself. */
const LABEL_TITLE = 40;

export function createArticleLookup(articles: readonly Article[], passages: readonly Passage[]): ArticleLookup {
  const articleById = new Map(articles.map((article) => [article.id, article]));
  const sentencesOf = passagesByArticle(passages);
  // An article's refs and paragraphs are indexed when first asked for: a start with thousands of articles loaded
  // pays for none of them, and a look-up pays for one (README, Performance).
  const detailed = new Map<string, ArticleDetail>();
  const detail = (id: string): ArticleDetail => {
    let found = detailed.get(id);
    if (!found) detailed.set(id, (found = articleDetail(sentencesOf.get(id) ?? [])));
    return found;
  };
  const inScope = (scope?: ArticleScope) => new Set(visibleArticles(articles, scope).map((a) => a.id));

  const lookup: ArticleLookup = {
    articles,
    passages,
    matches(ref, scope) {
      const cleaned = cleanRef(ref);
      const allowed = inScope(scope);
      if (cleaned.includes(':')) {
        // A sentence id (`6.2`) has no colon, so the article is everything before the last one.
        const at = cleaned.lastIndexOf(':');
        const article = cleaned.slice(0, at);
        const passage = allowed.has(article) ? detail(article).byId.get(cleaned.slice(at + 1)) : undefined;
        return passage ? [passage] : [];
      }
      return [...allowed].flatMap((article) => detail(article).byId.get(cleaned) ?? []);
    },
    source(ref, scope) {
      const found = lookup.matches(ref, scope);
      if (found.length !== 1) return undefined;
      const passage = found[0]!;
      return sourceView(passage, articleById.get(passage.article)!, detail(passage.article).paragraphs.get(passage.paragraph)!);
    },
    article(id, scope) {
      const article = articleById.get(id);
      if (!article || !inScope(scope).has(id)) return undefined;
      return articleView(article, detail(id).paragraphs);
    },
    suggest(prefix, limit, scope) {
      const needle = prefix.trim().toLowerCase();
      const allowed = inScope(scope);
      const multi = allowed.size > 1;
      return passages
        .filter((p) => allowed.has(p.article))
        .filter((p) => !needle || p.id.startsWith(needle) || passageRef(p).startsWith(needle) || p.text.toLowerCase().includes(needle))
        .slice(0, limit)
        .map((p) => ({
          // With several articles a choice names its article, in the value sent back and in the label shown.
          ref: multi ? passageRef(p) : p.id,
          label: multi ? `${shortTitle(articleById.get(p.article)!)} · ${p.id} — ${p.text}` : `${p.id} — ${p.text}`,
        }));
    },
    about(built, scope) {
      const shown = visibleArticles(articles, scope);
      const counts = shown.map((a) => sentencesOf.get(a.id)?.length ?? 0);
      return {
        articles: shown.map((a, i) => ({
          id: a.id,
          ...(a.title ? { title: a.title } : {}),
          ...(a.url ? { url: a.url } : {}),
          ...(a.owner ? { owner: a.owner } : {}),
          sentences: counts[i]!,
        })),
        sentences: counts.reduce((sum, n) => sum + n, 0),
        ...built,
      };
    },
  };
  return lookup;
}

function shortTitle(article: Article): string {
  const title = (article.title ?? article.id).replace(/\s+/g, ' ').trim();
  return title.length <= LABEL_TITLE ? title : `${title.slice(0, LABEL_TITLE - 1).replace(/\s+\S*$/, '')}…`;
}

interface ArticleDetail {
  /** sentence id (`6.2`) → its passage. */
  byId: Map<string, Passage>;
  /** paragraph number → its sentences in order (an article without sentences has no paragraphs). */
  paragraphs: Map<number, Passage[]>;
}

function articleDetail(sentences: readonly Passage[]): ArticleDetail {
  const paragraphs = new Map<number, Passage[]>();
  for (const passage of sentences) {
    let list = paragraphs.get(passage.paragraph);
    if (!list) paragraphs.set(passage.paragraph, (list = []));
    list.push(passage);
  }
  return { byId: new Map(sentences.map((passage) => [passage.id, passage])), paragraphs };
}

function sourceView(passage: Passage, article: Article, siblings: Passage[]): SourceView {
  const paragraphStart = siblings[0]!.start;
  return {
    passage,
    paragraph: article.text.slice(paragraphStart, siblings.at(-1)!.end),
    start: passage.start - paragraphStart,
    end: passage.end - paragraphStart,
    ...(article.title ? { title: article.title } : {}),
    ...(article.url ? { url: article.url } : {}),
  };
}

function articleView(article: Article, paragraphs: Map<number, Passage[]>): ArticleView {
  const quoted: ArticleView['paragraphs'] = [...paragraphs].map(([n, sentences]) => {
    const paragraphStart = sentences[0]!.start;
    return {
      n,
      text: article.text.slice(paragraphStart, sentences.at(-1)!.end),
      sentences: sentences.map((p) => ({ id: p.id, ref: passageRef(p), start: p.start - paragraphStart, end: p.end - paragraphStart })),
    };
  });
  return {
    id: article.id,
    ...(article.title ? { title: article.title } : {}),
    ...(article.url ? { url: article.url } : {}),
    paragraphs: [...quoted, ...headingParagraphs(article)].sort((a, b) => a.n - b.n),
  };
}

/** The article's section headings, which are no passages, as paragraphs to show between the others. */
function headingParagraphs(article: Article): ArticleView['paragraphs'] {
  if (!article.headings?.length) return [];
  const spans = splitParagraphs(article.text);
  return article.headings.flatMap((n) => {
    const span = spans[n - 1];
    return span ? [{ n, text: article.text.slice(span.start, span.end), sentences: [], heading: true as const }] : [];
  });
}
