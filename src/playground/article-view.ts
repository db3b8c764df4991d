/**
 * Read-only article data for the playground's article panel: paragraphs as in the source, with
 * each sentence's citation id and offsets inside its paragraph. Built from the public QaService
 * API (`suggest` lists every ref, `source` gives the paragraph and offsets), so it is exactly what
 * the bot cites. This is the article view only; answers always go through the bot.
 */
import type { QaService } from '../types.js';

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
}

export interface ArticleView {
  articles: Array<{ id: string; title?: string; url?: string; paragraphs: ArticleViewParagraph[] }>;
}

export function buildArticleView(service: QaService): ArticleView {
  const about = service.about();
  const byArticle = new Map<string, Map<number, ArticleViewParagraph>>();
  for (const { ref } of service.suggest('', Number.MAX_SAFE_INTEGER)) {
    const view = service.source(ref);
    if (!view) continue;
    const { passage } = view;
    let paragraphs = byArticle.get(passage.article);
    if (!paragraphs) byArticle.set(passage.article, (paragraphs = new Map()));
    let paragraph = paragraphs.get(passage.paragraph);
    if (!paragraph) paragraphs.set(passage.paragraph, (paragraph = { n: passage.paragraph, text: view.paragraph, sentences: [] }));
    paragraph.sentences.push({ id: passage.id, key: `${passage.article}:${passage.id}`, start: view.start, end: view.end });
  }
  return {
    articles: about.articles.map((a) => ({
      id: a.id,
      ...(a.title ? { title: a.title } : {}),
      ...(a.url && /^https?:\/\//i.test(a.url) ? { url: a.url } : {}),
      paragraphs: [...(byArticle.get(a.id)?.values() ?? [])]
        .sort((x, y) => x.n - y.n)
        .map((p) => ({ ...p, sentences: p.sentences.sort((x, y) => x.start - y.start) })),
    })),
  };
}
