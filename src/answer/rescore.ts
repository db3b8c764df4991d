import type { LexicalIndex } from '../index/lexical-index.js';
import type { Passage } from '../types.js';
import { articleContext } from './article-context.js';
import type { ScoredPassage } from '../types.js';
import { answerProbability, type Calibration } from './abstain.js';
import { analyzeQuestion, candidateFeatures } from './features.js';

/** Hybrid candidates handed to the answer model; the gold is in the hybrid top 20 for 97% of XQuAD questions. */
export const RESCORE_CANDIDATES = 20;

/**
 * Re-ranks retrieval's candidates by the answer model: each gets its features, and they are ordered by the calibrated
 * probability that they answer the question (what the citations show). `score` stays the fused retrieval score.
 */
export function rescorePassages(
  question: string,
  candidates: ScoredPassage[],
  corpus: { lexical: Pick<LexicalIndex, 'idf'>; passages: readonly Passage[] },
  calibration: Pick<Calibration, 'weights' | 'bias'>,
  /** Further features per candidate, in order (a second encoder's opinion, src/answer/second-opinion.ts). */
  extra?: ReadonlyArray<Record<string, number>>,
): ScoredPassage[] {
  if (candidates.length === 0) return [];
  const features = candidateFeatures(analyzeQuestion(question, corpus.lexical), candidates, articleContext(corpus.passages));
  return rankByProbability(
    candidates.map((candidate, i) => ({ ...candidate, features: extra?.[i] ? { ...features[i]!, ...extra[i] } : features[i]! })),
    calibration,
  );
}

/**
 * Passages best first by answer probability; ties keep retrieval's order. A sentence set aside (the `setAside`
 * mark: about someone else, or a byline for a question about something else) comes after all the others.
 */
export function rankByProbability(passages: ScoredPassage[], calibration: Pick<Calibration, 'weights' | 'bias'>): ScoredPassage[] {
  return passages
    .map((passage, order) => ({ passage, order, probability: answerProbability(passage, calibration), aside: passage.features?.setAside ?? 0 }))
    .sort((a, b) => a.aside - b.aside || b.probability - a.probability || a.order - b.order)
    .map(({ passage }) => passage);
}
