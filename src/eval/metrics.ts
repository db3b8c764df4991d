export interface RankMetrics {
  questions: number;
  r1: number;
  r3: number;
  r5: number;
  mrr: number;
}

/** Recall@k and mean reciprocal rank from 1-based ranks of the gold item (Infinity when not retrieved). */
export function rankMetrics(ranks: number[]): RankMetrics {
  const n = ranks.length || 1;
  const recall = (k: number) => ranks.filter((rank) => rank <= k).length / n;
  return {
    questions: ranks.length,
    r1: recall(1),
    r3: recall(3),
    r5: recall(5),
    mrr: ranks.reduce((sum, rank) => sum + (Number.isFinite(rank) ? 1 / rank : 0), 0) / n,
  };
}
