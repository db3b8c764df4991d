import { describe, expect, it } from 'vitest';
import { rankMetrics } from '../../src/eval/metrics.js';

describe('rankMetrics', () => {
  it('computes recall@1/3/5 and MRR from 1-based ranks, Infinity counting as not retrieved', () => {
    expect(rankMetrics([1, 2, 4, Infinity])).toEqual({ questions: 4, r1: 0.25, r3: 0.5, r5: 0.75, mrr: (1 + 1 / 2 + 1 / 4 + 0) / 4 });
  });

  it('counts a rank equal to k as found within k', () => {
    expect(rankMetrics([3, 5])).toEqual({ questions: 2, r1: 0, r3: 0.5, r5: 1, mrr: (1 / 3 + 1 / 5) / 2 });
  });

  it('is 1 everywhere when every gold item ranks first', () => {
    expect(rankMetrics([1, 1, 1])).toEqual({ questions: 3, r1: 1, r3: 1, r5: 1, mrr: 1 });
  });

  it('is 0 everywhere when nothing is retrieved, or no question was asked', () => {
    expect(rankMetrics([Infinity, 6])).toEqual({ questions: 2, r1: 0, r3: 0, r5: 0, mrr: 1 / 6 / 2 });
    expect(rankMetrics([])).toEqual({ questions: 0, r1: 0, r3: 0, r5: 0, mrr: 0 });
  });
});
