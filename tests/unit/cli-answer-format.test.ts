import { describe, expect, it } from 'vitest';
import { formatAnswer } from '../../src/cli/ask.js';

describe('formatAnswer', () => {
  const citation = { n: 1, article: 'a', id: '1.1', quote: 'Something else.', score: 0.02, highlights: [] as Array<[number, number]> };

  it('says the article does not say, or that none of the articles asked does', () => {
    expect(formatAnswer({ question: 'Who?', answered: false, citations: [citation] })).toMatch(/^The article doesn't say\. Closest passages to "Who\?":/);
    expect(formatAnswer({ question: 'Who?', answered: false, citations: [citation], articles: 23 })).toMatch(/^None of the 23 articles says \(--article <id> asks one alone\)\. Closest passages to "Who\?":/);
    expect(formatAnswer({ question: 'When?', answered: false, citations: [citation], lacks: 'date' })).toMatch(/^The article doesn't say\. None of the closest passages gives a date or time\. Closest passages to "When\?":/);
  });
});
