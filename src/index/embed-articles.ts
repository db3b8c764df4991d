import type { Embedder } from '../embedding/embedder.js';

/** Texts per embedder call while building: large enough to batch by length across articles, small enough to report progress. */
export const EMBED_STEP = 512;

/**
 * Embeds the articles' texts in large steps across articles rather than article by article: the embedder sorts each
 * step by length before batching, and a step of many articles pads far less than one article's few dozen sentences
 * (3,000 sentences in 75 articles, fp32: embedding ran 524 against 447 sentences/s embedded article by article).
 */
export async function embedArticles(
  embedder: Embedder,
  articles: Array<{ hash: string; texts: string[] }>,
  options: {
    batchSize?: number;
    onProgress?: (done: number, total: number) => void;
    /** Each step's vectors as they come: `first` is the position of the step's first text among all articles' texts. */
    onVectors?: (first: number, vectors: number[][]) => void;
  } = {},
): Promise<Map<string, number[][]>> {
  const step = options.batchSize ?? EMBED_STEP;
  const texts = articles.flatMap((article) => article.texts);
  const total = texts.length;
  const vectors: number[][] = [];
  options.onProgress?.(0, total);
  const embedStep = (from: number) => {
    const promise = embedder.embed(texts.slice(from, from + step));
    promise.catch(() => {}); // awaited in its turn; a failure before then is not "unhandled"
    return promise;
  };
  // The next step is handed over before this one is awaited: an embedder with several sessions keeps them all busy
  // across the step's end instead of idling while its last batch finishes.
  let next = texts.length > 0 ? embedStep(0) : null;
  for (let i = 0; i < texts.length; i += step) {
    const current = next!;
    next = i + step < texts.length ? embedStep(i + step) : null;
    const stepVectors = await current;
    options.onVectors?.(i, stepVectors);
    vectors.push(...stepVectors);
    options.onProgress?.(vectors.length, total);
  }
  const byHash = new Map<string, number[][]>();
  let at = 0;
  for (const { hash, texts: own } of articles) {
    byHash.set(hash, vectors.slice(at, at + own.length));
    at += own.length;
  }
  return byHash;
}
