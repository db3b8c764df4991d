/** Exact cosine search over a few thousand vectors: a scope's passages, where building a graph would cost more than scanning. */
import type { VectorHit } from '../index/vector-index.js';

export class ExactVectors {
  private readonly rows: Float32Array[];

  constructor(vectors: readonly number[][]) {
    this.rows = vectors.map((vector) => normalised(vector));
  }

  search(vector: number[], k: number): VectorHit[] {
    const query = normalised(vector);
    const hits = this.rows.map((row, label) => {
      let dot = 0;
      for (let i = 0; i < row.length; i++) dot += row[i]! * query[i]!;
      return { label, similarity: dot };
    });
    return hits.sort((a, b) => b.similarity - a.similarity || a.label - b.label).slice(0, Math.max(0, k));
  }
}

function normalised(vector: readonly number[]): Float32Array {
  const out = Float32Array.from(vector);
  const norm = Math.hypot(...out) || 1;
  for (let i = 0; i < out.length; i++) out[i]! /= norm;
  return out;
}
