/**
 * Read-only article data for the playground's article panel: paragraphs as in the source, with each sentence's
 * citation id and offsets inside its paragraph, exactly as the service cites them (`QaService.article`). This is the
 * article view only; answers always go through the bot.
 */
import type { ArticleScope, QaService } from '../types.js';

export interface ArticleViewSentence {
  /** Citation id `paragraph.sentence`, e.g. `11.1`. */
  id: string;
  /** `article:id`, unique across articles. */
  key: string;
  /** Offsets of the sentence inside its paragraph's `text`. */
  start: number;
  end: number;
}

export interface ArticleViewParagraph {
  n: number;
  /** The paragraph, verbatim. */
  text: string;
  sentences: ArticleViewSentence[];
  /** A section heading: shown, never cited. */
  heading?: true;
}

export interface ArticleView {
  articles: Array<{ id: string; title?: string; url?: string; paragraphs: ArticleViewParagraph[] }>;
}

/** The articles `scope` sees (the playground's server: the shared ones and those it added). */
export function buildArticleView(service: QaService, scope?: ArticleScope): ArticleView {
  return {
    articles: service.about(scope).articles.map(({ id }) => {
      const article = service.article(id, scope)!;
      return {
        id,
        ...(article.title ? { title: article.title } : {}),
        // The page links it: only web addresses, never `javascript:` or the like from front matter.
        ...(article.url && /^https?:\/\//i.test(article.url) ? { url: article.url } : {}),
        paragraphs: article.paragraphs.map(({ n, text, sentences, heading }) => ({
          n,
          text,
          sentences: sentences.map(({ id: sentence, ref, start, end }) => ({ id: sentence, key: ref, start, end })),
          ...(heading ? { heading } : {}),
        })),
      };
    }),
  };
}
