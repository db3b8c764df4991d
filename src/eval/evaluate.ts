import type { Embedder } from '../embedding/embedder.js';
import { sha256 } from '../hash.js';
import type { Article } from '../types.js';
import type { XquadArticle } from './datasets.js';
import type { EvalCollection, EvalStores } from './eval-stores.js';
import { rankMetrics, type RankMetrics } from './metrics.js';
import { normalizeQuestion } from '../retrieval/clean-question.js';
import { candidatesWithSpelling } from '../retrieval/spelling.js';

/** XQuAD with every sentence and question embedded once, whichever store then holds it. */
export interface XquadVectors {
  articles: XquadArticle[];
  passageVectors: number[][][];
  questionVectors: number[][][];
  model: string;
  dimensions: number;
}

/**
 * XQuAD held by one store: one collection per article, as each question is asked of its own article, and every
 * article in one collection, as a server holding many articles asks them (`pooled`).
 */
export interface EmbeddedXquad {
  articles: XquadArticle[];
  collections: EvalCollection[];
  pooled: EvalCollection;
  questionVectors: number[][][];
}

export async function embedXquad(
  articles: XquadArticle[],
  embedder: Embedder,
  onProgress?: (done: number, total: number) => void,
): Promise<XquadVectors> {
  const passageVectors: number[][][] = [];
  const questionVectors: number[][][] = [];
  for (const [i, article] of articles.entries()) {
    passageVectors.push(await embedder.embed(article.passages.map((p) => p.text)));
    questionVectors.push(await embedder.embed(article.questions.map((q) => normalizeQuestion(q.question))));
    onProgress?.(i + 1, articles.length);
  }
  return { articles, passageVectors, questionVectors, model: embedder.model, dimensions: embedder.dimensions };
}

/** Puts every XQuAD article into `stores` as a collection of its own, and all of them into one more. */
export async function openXquad(data: XquadVectors, stores: EvalStores): Promise<EmbeddedXquad> {
  const collections: EvalCollection[] = [];
  const sources: Article[] = [];
  for (const [a, article] of data.articles.entries()) {
    const source: Article = { id: `xquad-${a}`, file: `xquad-${a}.txt`, title: article.title, text: article.text, hash: sha256(article.text) };
    sources.push(source);
    collections.push(await stores.collection(source.id, [source], article.passages, data.passageVectors[a]!, data.model, data.dimensions));
  }
  const passages = data.articles.flatMap((article) => article.passages);
  const pooled = await stores.collection('xquad-pooled', sources, passages, data.passageVectors.flat(), data.model, data.dimensions);
  return { articles: data.articles, collections, pooled, questionVectors: data.questionVectors };
}

/** Rank of the gold sentence among all of its article's sentences, for every question. */
export async function evaluateRetrieval(data: EmbeddedXquad, denseWeight?: number): Promise<RankMetrics> {
  const ranks: number[] = [];
  for (const [a, article] of data.articles.entries()) {
    for (const [i, q] of article.questions.entries()) {
      const { passages: ranked } = await candidatesWithSpelling(data.collections[a]!.store, q.question, data.questionVectors[a]![i]!, article.passages.length, { denseWeight });
      const rank = ranked.findIndex((s) => s.passage === article.passages[q.gold]) + 1;
      ranks.push(rank > 0 ? rank : Infinity);
    }
  }
  return rankMetrics(ranks);
}
