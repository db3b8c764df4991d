import type { ScoredPassage } from '../types.js';
import type { Corpus } from './corpus.js';
import { normalized, range } from './fuse.js';
import { highlightTerms } from './highlight.js';

export const DEFAULT_DENSE_WEIGHT = 0.5;
/** Candidates taken from each retriever before fusion; fusion needs more than the final top-k to rank well. */
export const CANDIDATES_PER_RETRIEVER = 100;

export interface RetrieveOptions {
  limit: number;
  denseWeight?: number;
}

/**
 * Hybrid retrieval: dense HNSW neighbours and BM25 hits, fused as `fuseScores` fuses them (min-max per list, a
 * passage missing from one list scoring 0 there), best first. The fusion is worked out over the two hit lists by
 * position rather than through label-keyed maps of scores: every number stored in a map is a fresh heap object, and
 * at 200k sentences those maps were a fifth of an answer's garbage. `tests/unit/retrieval-retrieve.test.ts` holds the
 * two ways to the same passages, scores and order.
 */
export function retrievePassages(
  corpus: Corpus,
  question: string,
  questionVector: number[],
  options: RetrieveOptions,
): ScoredPassage[] {
  const candidates = Math.max(options.limit, CANDIDATES_PER_RETRIEVER);
  const denseHits = corpus.vectors.search(questionVector, candidates);
  const lexicalHits = corpus.lexical.search(question, candidates);
  const denseWeight = options.denseWeight ?? DEFAULT_DENSE_WEIGHT;
  let labels = corpus.passages.length;
  for (const hit of denseHits) labels = Math.max(labels, hit.label + 1);
  for (const hit of lexicalHits) labels = Math.max(labels, hit.label + 1);
  const denseAt = densePositions.reserve(labels);
  const lexicalAt = lexicalPositions.reserve(labels);
  denseHits.forEach((hit, i) => denseAt.has(hit.label) || denseAt.set(hit.label, i));
  lexicalHits.forEach((hit, i) => lexicalAt.has(hit.label) || lexicalAt.set(hit.label, i));
  try {
    return fuse(corpus, question, options.limit, denseWeight, denseHits, lexicalHits, denseAt, lexicalAt);
  } finally {
    denseAt.clear(denseHits);
    lexicalAt.clear(lexicalHits);
  }
}

function fuse(
  corpus: Corpus,
  question: string,
  limit: number,
  denseWeight: number,
  denseHits: ReadonlyArray<{ label: number; similarity: number }>,
  lexicalHits: ReadonlyArray<{ label: number; score: number; terms: string[] }>,
  denseAt: LabelPositions,
  lexicalAt: LabelPositions,
): ScoredPassage[] {
  const [denseMin, denseMax] = range(denseHits, (hit) => hit.similarity);
  const [lexicalMin, lexicalMax] = range(lexicalHits, (hit) => hit.score);
  // The union: dense hits first, then the lexical hits the dense side did not find, each with its fused score.
  const labels: number[] = [];
  const fused: number[] = [];
  for (const hit of denseHits) {
    const other = lexicalAt.get(hit.label);
    labels.push(hit.label);
    fused.push(denseWeight * normalized(hit.similarity, denseMin, denseMax) + (1 - denseWeight) * (other === undefined ? 0 : normalized(lexicalHits[other]!.score, lexicalMin, lexicalMax)));
  }
  for (const hit of lexicalHits) {
    if (denseAt.has(hit.label)) continue;
    labels.push(hit.label);
    fused.push((1 - denseWeight) * normalized(hit.score, lexicalMin, lexicalMax));
  }
  return labels
    .map((_, i) => i)
    .sort((a, b) => fused[b]! - fused[a]! || labels[a]! - labels[b]!)
    .slice(0, limit)
    .map((i) => {
      const label = labels[i]!;
      const passage = corpus.passages[label]!;
      const dense = denseAt.get(label);
      const lexical = lexicalAt.get(label);
      return {
        passage,
        score: fused[i]!,
        // A passage found only lexically still has a true cosine; approximate it by the weakest dense hit seen.
        dense: dense === undefined ? denseMin : denseHits[dense]!.similarity,
        lexical: lexical === undefined ? 0 : lexicalHits[lexical]!.score,
        coverage: corpus.lexical.coverage(question, lexical === undefined ? [] : lexicalHits[lexical]!.terms),
        highlights: highlightTerms(passage.text, question),
      };
    });
}

/**
 * Each label's position in its hit list (the first, should a list repeat one), in an array indexed by label rather
 * than a map: a map of 100 entries is rebuilt, growing, for every question. Retrieval is synchronous, so one pair
 * serves every call; each call clears the entries it set.
 */
class LabelPositions {
  private slots = new Int32Array(0);

  reserve(labels: number): this {
    if (this.slots.length < labels) this.slots = new Int32Array(labels);
    return this;
  }

  has(label: number): boolean {
    return this.slots[label]! !== 0;
  }

  get(label: number): number | undefined {
    const slot = this.slots[label]!;
    return slot === 0 ? undefined : slot - 1;
  }

  set(label: number, position: number): void {
    this.slots[label] = position + 1;
  }

  clear(hits: ReadonlyArray<{ label: number }>): void {
    for (const hit of hits) this.slots[hit.label] = 0;
  }
}

const densePositions = new LabelPositions();
const lexicalPositions = new LabelPositions();
