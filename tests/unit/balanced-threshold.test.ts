import { describe, expect, it } from 'vitest';
import type { AnswerInstance } from '../../src/eval/answer-data.js';
import { chooseBalancedThreshold } from '../../src/eval/cross-validate.js';
import type { ScoredPassage } from '../../src/types.js';

/** One candidate whose answer probability is `p` under the model below (logit 10·x − 5). */
function instance(kind: AnswerInstance['kind'], set: string, p: number): AnswerInstance {
  const x = (Math.log(p / (1 - p)) + 5) / 10;
  const candidate = { passage: { article: 'a', id: '1.1', paragraph: 1, sentence: 1, text: 't', start: 0, end: 1 }, score: 1, dense: x, lexical: 0, coverage: 0, highlights: [], features: { dense: x } } as ScoredPassage;
  return { group: 'g', set, kind, question: 'q', candidates: [candidate], gold: new Set() };
}
const model = { weights: { dense: 10 }, bias: -5 };
const spread = (n: number, from: number, to: number) => Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));

describe('chooseBalancedThreshold', () => {
  it('separates answerable questions from the refused kinds, the same on every run', () => {
    const train = [
      ...spread(40, 0.3, 0.9).map((p) => instance('paraphrase', 'xquad', p)),
      ...spread(40, 0.01, 0.1).map((p) => instance('foreign', 'xquad', p)),
      ...spread(10, 0.02, 0.12).map((p) => instance('near', 'dev', p)),
    ];
    const threshold = chooseBalancedThreshold(train, model, ['near', 'foreign']);
    expect(threshold).toBeGreaterThan(0.1);
    expect(threshold).toBeLessThanOrEqual(0.3);
    expect(chooseBalancedThreshold(train, model, ['near', 'foreign'])).toBe(threshold);
  });
});
