import { describe, expect, it } from 'vitest';
import type { Calibration } from '../../src/answer/abstain.js';
import { decideAnswer } from '../../src/answer/decide.js';
import { rankByProbability } from '../../src/answer/rescore.js';
import { askedFullNames, namesSomeoneElse } from '../../src/answer/someone-else.js';
import { properNounOnly } from '../../src/retrieval/wordnet.js';
import type { ScoredPassage } from '../../src/types.js';

const someoneElse = (question: string, sentence: string) => namesSomeoneElse(askedFullNames(question), sentence);

describe('a sentence about someone else by the same surname', () => {
  it('reads a given name and a surname from the question, not its first word, a title or a plural', () => {
    expect(askedFullNames('When did Margaret Ellery die?').map((n) => [n.given, n.surname])).toEqual([['Margaret', 'Ellery']]);
    expect(askedFullNames('Does Zelenskyy expect the talks to fail?')).toEqual([]);
    expect(askedFullNames('Of Warsaw’s inhabitants, how many were Catholic?')).toEqual([]);
    expect(askedFullNames('Who had five sacks as a Carolina Panthers starter?')).toEqual([]);
    expect(askedFullNames('What did President Biden say?')).toEqual([]);
    expect(askedFullNames('What did Gordon Brown say?')).toEqual([]);
  });

  it('knows a proper noun from a word WordNet also has', () => {
    expect(properNounOnly('Arthur')).toBe(true);
    expect(properNounOnly('President')).toBe(false);
    expect(properNounOnly('Brown')).toBe(false);
  });

  it('marks another given name before the surname, unless the asked person is named too', () => {
    expect(someoneElse('When did Margaret Ellery die?', 'Arthur Ellery died in 2009.')).toBe(true);
    expect(someoneElse('When did Margaret Ellery die?', 'Margaret and Arthur Ellery married in 1961.')).toBe(false);
    expect(someoneElse('When did Margaret Ellery die?', 'Mrs Ellery died peacefully on Sunday.')).toBe(false);
    expect(someoneElse('When did Margaret Ellery die?', 'Ellery died peacefully on Sunday.')).toBe(false);
    expect(someoneElse('Who is Vladimir Putin?', 'Russian President Vladimir Putin said he would not go.')).toBe(false);
    expect(someoneElse('What did Mary Ann Ellery write?', 'Ann Ellery wrote nine books.')).toBe(false);
  });

  it('ranks such a sentence below the others, and it answers nothing', () => {
    const calibration: Calibration = { model: 'm', weights: { answer: 10 }, bias: -5, threshold: 0.5, citationThreshold: 0.2, fittedOn: 'test' };
    const passage = (id: string, answer: number, aside = false): ScoredPassage => ({
      passage: { article: 'a', id, paragraph: 1, sentence: 1, text: id, start: 0, end: id.length },
      score: 1, dense: 0, lexical: 0, coverage: 0, highlights: [],
      features: { answer, ...(aside ? { someoneElse: 1 } : {}) },
    });
    const ranked = rankByProbability([passage('11.1', 0.9, true), passage('2.1', 0.7)], calibration);
    expect(ranked.map((p) => p.passage.id)).toEqual(['2.1', '11.1']);
    expect(decideAnswer([passage('11.1', 0.9, true)], calibration).answered).toBe(false);
  });
});
