import type { Embedder } from '../embedding/embedder.js';
import type { ScoredPassage } from '../types.js';

/**
 * A second encoder's view of each candidate, as answer-model features: its cosine with the question, and how far
 * that falls short of the best candidate's. It only re-ranks the main index's candidates, so the index, its
 * manifest and retrieval stay the main encoder's; a stronger but slower encoder costs one question embedding and
 * each candidate sentence once per process.
 */
export const SECOND_OPINION_FEATURES = ['dense2', 'dense2Gap'] as const;
/** Computed too, for measuring (bench/second-opinion-levers.ts), but not fitted: it cost XQuAD R@1 held out. */
export const SECOND_OPINION_RANK = 'dense2Rank';

/** The calibration id of an answer model fitted with a second encoder's features (`main+second`). */
export const combinedModelId = (main: string, second: string) => `${main}+${second}`;

export interface SecondOpinion {
  /** The second encoder's model id (part of the calibration id). */
  readonly model: string;
  /** One feature record per candidate, in order. */
  features(question: string, candidates: readonly ScoredPassage[]): Promise<Array<Record<string, number>>>;
  close(): Promise<void>;
}

/** Sentence vectors are cached by text for the life of the process; a reloaded article re-uses its unchanged sentences. */
export function createSecondOpinion(embedder: Embedder, maxCached = 200_000): SecondOpinion {
  const cache = new Map<string, number[]>();
  return {
    model: embedder.model,
    async features(question, candidates) {
      if (candidates.length === 0) return [];
      const texts = candidates.map((c) => c.passage.text);
      const missing = [...new Set(texts.filter((text) => !cache.has(text)))];
      // One call for the question and the sentences not seen yet: one batch through the encoder.
      const [q, ...fresh] = await embedder.embed([question, ...missing]);
      // A long-running bot loads and drops articles; forget old sentences rather than grow without bound.
      if (cache.size + missing.length > maxCached) cache.clear();
      missing.forEach((text, i) => cache.set(text, fresh[i]!));
      const cosines = texts.map((text) => dot(q!, cache.get(text)!));
      const best = Math.max(...cosines);
      const order = cosines.map((_, i) => i).sort((a, b) => cosines[b]! - cosines[a]!);
      return cosines.map((dense2, i) => ({ dense2, dense2Gap: dense2 - best, dense2Rank: 1 / (1 + order.indexOf(i)) }));
    },
    close: () => embedder.close(),
  };
}

/** Cosine of two L2-normalised vectors. */
function dot(a: number[], b: number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * (b[i] ?? 0);
  return sum;
}
