/** Scales values to [0, 1] by the range seen; a constant list maps to 1 (all equally good). */
export function minMaxNormalize(values: number[]): number[] {
  if (values.length === 0) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  return values.map((value) => normalized(value, min, max));
}

/** `value` scaled to [0, 1] by its list's range (min, max); a constant list maps to 1. */
export function normalized(value: number, min: number, max: number): number {
  return max === min ? 1 : (value - min) / (max - min);
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
  // `minMaxNormalize` of each list, without the intermediate arrays and maps (a question's fusion made five).
  const [denseMin, denseMax] = range(dense.values(), (v) => v);
  const [lexicalMin, lexicalMax] = range(lexical.values(), (v) => v);
  const fused = new Map<number, number>();
  for (const [label, value] of dense) {
    const other = lexical.get(label);
    fused.set(label, denseWeight * normalized(value, denseMin, denseMax) + (1 - denseWeight) * (other === undefined ? 0 : normalized(other, lexicalMin, lexicalMax)));
  }
  for (const [label, value] of lexical) {
    if (!dense.has(label)) fused.set(label, (1 - denseWeight) * normalized(value, lexicalMin, lexicalMax));
  }
  return fused;
}

/** The smallest and largest of `value` over `items` (Infinity and -Infinity when there are none). */
export function range<T>(items: Iterable<T>, value: (item: T) => number): [min: number, max: number] {
  let min = Infinity;
  let max = -Infinity;
  for (const item of items) {
    const v = value(item);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}
