/** Scales values to [0, 1] by the range seen; a constant list maps to 1 (all equally good). */
export function minMaxNormalize(values: number[]): number[] {
  if (values.length === 0) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  return values.map((value) => (max === min ? 1 : (value - min) / (max - min)));
}

/**
 * Min-max score fusion of dense and lexical scores over the union of both candidate lists. A candidate missing from
 * one list scores 0 there. Measured on XQuAD, weight 0.5 beats either retriever alone (README, Evaluation).
 */
export function fuseScores(
  dense: Map<number, number>,
  lexical: Map<number, number>,
  denseWeight: number,
): Map<number, number> {
  const normalizedDense = normalizeMap(dense);
  const normalizedLexical = normalizeMap(lexical);
  const fused = new Map<number, number>();
  for (const label of new Set([...dense.keys(), ...lexical.keys()])) {
    fused.set(label, denseWeight * (normalizedDense.get(label) ?? 0) + (1 - denseWeight) * (normalizedLexical.get(label) ?? 0));
  }
  return fused;
}

function normalizeMap(scores: Map<number, number>): Map<number, number> {
  const labels = [...scores.keys()];
  const normalized = minMaxNormalize(labels.map((label) => scores.get(label)!));
  return new Map(labels.map((label, i) => [label, normalized[i]!]));
}
