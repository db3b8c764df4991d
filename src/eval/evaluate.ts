import type { Embedder } from '../embedding/embedder.js';
import { buildCorpus, type Corpus } from '../retrieval/corpus.js';
import { retrievePassages } from '../retrieval/retrieve.js';
import type { XquadArticle } from './datasets.js';
import { rankMetrics, type RankMetrics } from './metrics.js';

export interface EmbeddedXquad {
  articles: XquadArticle[];
  corpora: Corpus[];
  questionVectors: number[][][];
}

export async function embedXquad(
  articles: XquadArticle[],
  embedder: Embedder,
  onProgress?: (done: number, total: number) => void,
): Promise<EmbeddedXquad> {
  const corpora: Corpus[] = [];
  const questionVectors: number[][][] = [];
  for (const [i, article] of articles.entries()) {
    corpora.push(buildCorpus(article.passages, await embedder.embed(article.passages.map((p) => p.text)), embedder.dimensions));
    questionVectors.push(await embedder.embed(article.questions.map((q) => q.question)));
    onProgress?.(i + 1, articles.length);
  }
  return { articles, corpora, questionVectors };
}

/** Rank of the gold sentence among all of its article's sentences, for every question. */
export function evaluateRetrieval(data: EmbeddedXquad, denseWeight?: number): RankMetrics {
  const ranks: number[] = [];
  data.articles.forEach((article, a) => {
    article.questions.forEach((q, i) => {
      const ranked = retrievePassages(data.corpora[a]!, q.question, data.questionVectors[a]![i]!, {
        limit: article.passages.length,
        denseWeight,
      });
      const rank = ranked.findIndex((s) => s.passage === article.passages[q.gold]) + 1;
      ranks.push(rank > 0 ? rank : Infinity);
    });
  });
  return rankMetrics(ranks);
}
