/** Scores claim verdicts against labels: confusion matrix, accuracy, per-verdict precision and recall. */
import type { ClaimResult, ClaimVerdict } from '../types.js';

export const LABELS = ['supported', 'contradicted', 'not_mentioned'] as const;
export type ClaimLabel = (typeof LABELS)[number];
export const PREDICTIONS: ClaimVerdict[] = [...LABELS, 'cant_tell'];

export interface LabelledClaim {
  article: string;
  claim: string;
  label: ClaimLabel;
  /** Substrings of the sentence(s) that support or contradict it; empty for `not_mentioned`. */
  gold: string[];
}

export interface ClaimMetrics {
  claims: number;
  /** confusion[label][prediction] = count. */
  confusion: Record<ClaimLabel, Record<ClaimVerdict, number>>;
  /** Correct verdicts over all claims; a "can't tell" counts as wrong. */
  accuracy: number;
  precision: Record<ClaimLabel, number>;
  recall: Record<ClaimLabel, number>;
  cantTell: number;
  /** Contradicted claims called `supported`, of all contradicted claims. */
  contradictedCalledSupported: number;
  /**
   * Correctly called claims whose first deciding quote is a gold sentence of the claim's own article, per verdict, of
   * those labelled with their gold sentences (the project's own claims are labelled with a verdict only); undefined
   * when none is.
   */
  decidingGold: { supported?: number; contradicted?: number };
}

export function claimMetrics(cases: Array<{ truth: LabelledClaim; result: ClaimResult }>): ClaimMetrics {
  const confusion = Object.fromEntries(LABELS.map((l) => [l, Object.fromEntries(PREDICTIONS.map((p) => [p, 0]))])) as ClaimMetrics['confusion'];
  for (const { truth, result } of cases) confusion[truth.label][result.verdict]++;
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  const correct = LABELS.reduce((sum, l) => sum + confusion[l][l], 0);
  const predicted = (p: ClaimLabel) => LABELS.reduce((sum, l) => sum + confusion[l][p], 0);
  const labelled = (l: ClaimLabel) => PREDICTIONS.reduce((sum, p) => sum + confusion[l][p], 0);
  const goldRate = (label: 'supported' | 'contradicted') => {
    const right = cases.filter((c) => c.truth.label === label && c.result.verdict === label && c.truth.gold.length > 0);
    return right.length === 0 ? undefined : ratio(right.filter((c) => quotesGold(c.truth, c.result)).length, right.length);
  };
  return {
    claims: cases.length,
    confusion,
    accuracy: ratio(correct, cases.length),
    precision: Object.fromEntries(LABELS.map((l) => [l, ratio(confusion[l][l], predicted(l))])) as Record<ClaimLabel, number>,
    recall: Object.fromEntries(LABELS.map((l) => [l, ratio(confusion[l][l], labelled(l))])) as Record<ClaimLabel, number>,
    cantTell: LABELS.reduce((sum, l) => sum + confusion[l].cant_tell, 0),
    contradictedCalledSupported: ratio(confusion.contradicted.supported, labelled('contradicted')),
    decidingGold: { supported: goldRate('supported'), contradicted: goldRate('contradicted') },
  };
}

/** Whether the first deciding citation is from the claim's article and holds one of its gold substrings. */
export function quotesGold(truth: LabelledClaim, result: ClaimResult): boolean {
  const first = result.deciding > 0 ? result.citations[0] : undefined;
  return first !== undefined && first.article === truth.article && truth.gold.some((g) => first.quote.includes(g));
}

export function formatClaimMetrics(m: ClaimMetrics): string[] {
  const f = (x: number) => x.toFixed(3);
  const lines = [`  ${'label \\ verdict'.padEnd(16)}${PREDICTIONS.map((p) => p.padStart(14)).join('')}`];
  for (const l of LABELS) lines.push(`  ${l.padEnd(16)}${PREDICTIONS.map((p) => String(m.confusion[l][p]).padStart(14)).join('')}`);
  lines.push(`  accuracy ${f(m.accuracy)} (${m.claims} claims; can't tell ${m.cantTell}, counted wrong)`);
  for (const l of LABELS) lines.push(`  ${l.padEnd(14)} precision ${f(m.precision[l])}  recall ${f(m.recall[l])}`);
  lines.push(`  contradicted called supported ${f(m.contradictedCalledSupported)}`);
  const { supported, contradicted } = m.decidingGold;
  if (supported !== undefined || contradicted !== undefined) {
    lines.push(`  deciding quote is gold: supported ${supported === undefined ? '–' : f(supported)}, contradicted ${contradicted === undefined ? '–' : f(contradicted)}`);
  }
  return lines;
}
