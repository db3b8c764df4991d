import { decideAnswer } from '../answer/decide.js';
import { answerProbability, chooseThreshold, fitLogistic, type Calibration, type LabelledExample } from '../answer/abstain.js';
import type { Embedder } from '../embedding/embedder.js';
import { buildCorpus, type Corpus } from '../retrieval/corpus.js';
import { retrievePassages } from '../retrieval/retrieve.js';
import type { ScoredPassage } from '../types.js';
import type { XquadArticle } from './datasets.js';
import { rankMetrics, type RankMetrics } from './metrics.js';

/** Share of off-topic questions we accept answering when calibrating: the bot must rather abstain than mis-cite. */
export const MAX_FALSE_ANSWER_RATE = 0.05;
const TOP_FOR_ANSWER = 3;

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

interface AbstentionCase {
  /** Top passages for the question, asked of its own article (answerable) or of another one (not answerable). */
  top: ScoredPassage[];
  gold?: ScoredPassage;
  answerable: boolean;
}

/**
 * Every XQuAD question asked of its own article (answerable) and of the next article (whose text does not answer
 * it): real questions, real distractors, no hand-picked cut-off.
 */
export function abstentionCases(data: EmbeddedXquad): AbstentionCase[] {
  const cases: AbstentionCase[] = [];
  const n = data.articles.length;
  data.articles.forEach((article, a) => {
    article.questions.forEach((q, i) => {
      const vector = data.questionVectors[a]![i]!;
      const own = retrievePassages(data.corpora[a]!, q.question, vector, { limit: article.passages.length });
      cases.push({ top: own.slice(0, TOP_FOR_ANSWER), gold: own.find((s) => s.passage === article.passages[q.gold]), answerable: true });
      const other = retrievePassages(data.corpora[(a + 1) % n]!, q.question, vector, { limit: TOP_FOR_ANSWER });
      cases.push({ top: other, answerable: false });
    });
  });
  return cases;
}

/** Fits the answer model: gold sentences are positives; the best passages of a foreign article are negatives. */
export function calibrate(data: EmbeddedXquad, model: string): Calibration {
  const cases = abstentionCases(data);
  const examples = cases.flatMap((c): LabelledExample[] => {
    const passage = c.answerable ? c.gold : c.top[0];
    return passage ? [{ dense: passage.dense, coverage: passage.coverage, answerable: c.answerable }] : [];
  });
  const fitted = fitLogistic(examples);
  // The threshold is set on what the answer composer does: answer when any of the top passages clears it.
  const questionLevel: LabelledExample[] = cases.map((c) => {
    const best = bestOf(c.top, { ...fitted, model, threshold: 0, fittedOn: '' });
    return { dense: best.dense, coverage: best.coverage, answerable: c.answerable };
  });
  const threshold = chooseThreshold(questionLevel, fitted, MAX_FALSE_ANSWER_RATE);
  return {
    model,
    ...fitted,
    // Rounded up so the stored threshold never admits more off-article answers than the fitted one.
    threshold: Math.ceil(threshold * 10000) / 10000,
    fittedOn: `XQuAD en, ${cases.length / 2} questions asked of their own and of another article; at most ${MAX_FALSE_ANSWER_RATE * 100}% off-article answers`,
  };
}

export interface AbstentionMetrics {
  /** Answerable questions that got an answer. */
  answeredRate: number;
  /** Questions asked of the wrong article that were answered anyway. */
  falseAnswerRate: number;
}

export function evaluateAbstention(data: EmbeddedXquad, calibration: Calibration): AbstentionMetrics {
  const cases = abstentionCases(data);
  const answered = (c: AbstentionCase) => decideAnswer(c.top, calibration).answered;
  const positives = cases.filter((c) => c.answerable);
  const negatives = cases.filter((c) => !c.answerable);
  return {
    answeredRate: positives.filter(answered).length / positives.length,
    falseAnswerRate: negatives.filter(answered).length / negatives.length,
  };
}

function bestOf(top: ScoredPassage[], calibration: Calibration): ScoredPassage {
  return top.reduce((best, s) => (answerProbability(s, calibration) > answerProbability(best, calibration) ? s : best));
}
