import { describe, expect, it } from 'vitest';
import { articleContext } from '../../src/answer/article-context.js';
import { articlesNamedElsewhere } from '../../src/answer/named-elsewhere.js';
import type { Passage, ScoredPassage } from '../../src/types.js';

const passage = (article: string, i: number, text: string): Passage => ({ article, id: `${i}.1`, paragraph: i, sentence: 1, text, start: i * 100, end: i * 100 + text.length });
const PASSAGES = [
  passage('marathon', 1, 'Hannah Drozdowski won the women’s race in 2:24:15.'),
  passage('marathon', 2, 'Organisers said the event raised £3.2 million for charity.'),
  passage('bakery', 1, 'The prize comes with $25,000 in cash and a year of mentoring.'),
  passage('bakery', 2, 'Hobb & Daughter Bakery took the top prize on Wednesday.'),
];
const context = articleContext(PASSAGES);
const candidates = (...which: number[]): ScoredPassage[] => which.map((i) => ({ passage: PASSAGES[i]!, score: 1, dense: 0.5, lexical: 1, coverage: 0.5, highlights: [] }));

describe('articlesNamedElsewhere', () => {
  it('sets aside an article that uses none of the names the question gives when another candidate’s article uses them all', () => {
    expect([...articlesNamedElsewhere('How much prize money did Hannah Drozdowski receive?', candidates(2, 1, 3), context)]).toEqual(['bakery']);
  });

  it('sets aside nothing for a name no article uses, a word WordNet knows, or candidates from one article', () => {
    expect(articlesNamedElsewhere('How much prize money did Marta Esquivel receive?', candidates(2, 1), context).size).toBe(0);
    expect(articlesNamedElsewhere('How much did the American win in Cash?', candidates(2, 1), context).size).toBe(0);
    expect(articlesNamedElsewhere('What did Drozdowski win?', candidates(0, 1), context).size).toBe(0);
  });
});
