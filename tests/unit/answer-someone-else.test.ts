import { describe, expect, it } from 'vitest';
import type { Calibration } from '../../src/answer/abstain.js';
import { decideAnswer } from '../../src/answer/decide.js';
import { analyzeQuestion, candidateFeatures } from '../../src/answer/features.js';
import { BYLINE_CONTEXT } from '../../src/article/segment.js';
import { LexicalIndex } from '../../src/index/lexical-index.js';
import { rankByProbability } from '../../src/answer/rescore.js';
import { askedFullNames, namesSomeoneElse } from '../../src/answer/someone-else.js';
import { properNounOnly } from '../../src/retrieval/wordnet.js';
import type { ScoredPassage } from '../../src/types.js';

const someoneElse = (question: string, sentence: string) => namesSomeoneElse(askedFullNames(question), sentence);

/** A model that reads one feature, `answer`: probability 0.98 at 0.9, 0.88 at 0.7; the threshold 0.5. */
const CALIBRATION: Calibration = { model: 'm', weights: { answer: 10 }, bias: -5, threshold: 0.5, citationThreshold: 0.2, fittedOn: 'test' };
const scored = (features: Record<string, number>, id = '1.1'): ScoredPassage => ({
  passage: { article: 'a', id, paragraph: 1, sentence: 1, text: id, start: 0, end: id.length },
  score: 1, dense: 0, lexical: 0, coverage: 0, highlights: [],
  features,
});

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

  it('sets aside someone else unless a person is asked for, and a byline unless the question asks who wrote the article', () => {
    const texts = ['By Tom Weatherall, Arts Correspondent', 'Arthur Ellery died in 2009.', 'She borrowed the money from Fergal Ellery, her brother-in-law.', 'Margaret Ellery has died at 91.'];
    const passages = texts.map((text, i) => ({ article: 'a', id: `${i + 1}.1`, paragraph: i + 1, sentence: 1, text, start: 0, end: text.length, ...(i === 0 ? { context: BYLINE_CONTEXT } : {}) }));
    const lexical = LexicalIndex.build(passages);
    const aside = (question: string) => {
      const candidates = passages.map((passage) => ({ passage, score: 1, dense: 0.5, lexical: 1, coverage: 0.5, highlights: [] }));
      return candidateFeatures(analyzeQuestion(question, lexical), candidates).map((f) => f.setAside ?? 0);
    };
    expect(aside('When did Margaret Ellery die?')).toEqual([1, 1, 1, 0]);
    expect(aside('Who lent Margaret Ellery the money?')).toEqual([1, 0, 0, 0]);
    expect(aside('Who wrote the article?')).toEqual([0, 0, 0, 0]);
    expect(aside('Which correspondent filed the story?')).toEqual([0, 0, 0, 0]);
    expect(aside('Which analyst commented?')).toEqual([1, 0, 0, 0]);
    expect(aside('Who wrote Hamlet?')).toEqual([1, 0, 0, 0]);
  });

  it('ranks such a sentence below the others, and it answers nothing', () => {
    const passage = (id: string, answer: number, aside = false) => scored({ answer, ...(aside ? { setAside: 1 } : {}) }, id);
    const ranked = rankByProbability([passage('11.1', 0.9, true), passage('2.1', 0.7)], CALIBRATION);
    expect(ranked.map((p) => p.passage.id)).toEqual(['2.1', '11.1']);
    expect(decideAnswer([passage('11.1', 0.9, true)], CALIBRATION).answered).toBe(false);
  });
});

describe('a sentence that shares no word with the question', () => {
  const texts = ['The krona strengthened on Monday.', 'Visibility had dropped to less than 20 metres.'];
  const passages = texts.map((text, i) => ({ article: 'a', id: `${i + 1}.1`, paragraph: i + 1, sentence: 1, text, start: 0, end: text.length }));
  const lexical = LexicalIndex.build(passages);
  const marks = (question: string) => {
    const candidates = passages.map((passage) => ({ passage, score: 1, dense: 0.5, lexical: 1, coverage: 0.5, highlights: [] }));
    return candidateFeatures(analyzeQuestion(question, lexical), candidates).map((f) => f.sharesNothing ?? 0);
  };

  it('is marked when the question has words and the sentence none of them, even through WordNet', () => {
    expect(marks('How long should I boil an egg?')).toEqual([1, 1]);
    expect(marks('Which programming language should I learn first?')).toEqual([1, 1]);
    expect(marks('What did the krona do on Monday?')).toEqual([0, 1]);
    // A question of function words alone has nothing to share: no sentence is marked.
    expect(marks('Who is he?')).toEqual([0, 0]);
  });

  it('answers nothing, however high its probability', () => {
    expect(decideAnswer([scored({ answer: 0.9, sharesNothing: 1 })], CALIBRATION).answered).toBe(false);
    expect(decideAnswer([scored({ answer: 0.9 })], CALIBRATION).answered).toBe(true);
  });

  it('does not make a refusal say the passages lack a date: it would not have answered with one either', () => {
    const when = 'When will the bridge reopen?';
    expect(decideAnswer([scored({ answer: 0.9, typeMissing: 1 })], CALIBRATION, 1, when).lacks).toBe('date');
    expect(decideAnswer([scored({ answer: 0.9, typeMissing: 1, sharesNothing: 1 })], CALIBRATION, 1, when).lacks).toBeUndefined();
  });
});

describe('a name no article uses', () => {
  const text = 'Harbourline, which is based in Bristol and runs 23 hotels across the country, plans to expand.';
  const passages = [{ id: '1.1', article: 'hotels', paragraph: 1, sentence: 1, text, start: 0, end: text.length }];
  const sharesNothing = (question: string, lexical: LexicalIndex) =>
    candidateFeatures(analyzeQuestion(question, lexical), [{ passage: passages[0]!, score: 1, dense: 0.5, lexical: 1, coverage: 0.5, highlights: [] }])[0]!.sharesNothing ?? 0;

  it('is not met by what WordNet files it under, capitalised or not', () => {
    const lexical = LexicalIndex.build(passages);
    // "Australia" is a country to WordNet, and the sentence says "the country": that alone shared a word before.
    expect(sharesNothing('What is the capital of Australia?', lexical)).toBe(1);
    expect(sharesNothing("what's the capital of australia?", lexical)).toBe(1);
    // A common word keeps its relations: "nation" still meets "country".
    expect(sharesNothing('Which nation is the chain based in?', lexical)).toBe(0);
  });

  it('keeps the relations of an acronym, which stands for common words', () => {
    const mvp = 'Mensah, 26, was named Most Valuable Player of the final.';
    const lexical = LexicalIndex.build([{ id: '1.1', article: 'final', paragraph: 1, sentence: 1, text: mvp, start: 0, end: mvp.length }]);
    expect(analyzeQuestion('Who got MVP?', lexical).terms.find((t) => t.term === 'mvp')?.related.has('player')).toBe(true);
  });

  it('keeps its relations where an article uses it', () => {
    const other = 'Australia has six states.';
    const lexical = LexicalIndex.build([...passages, { id: '1.1', article: 'states', paragraph: 1, sentence: 1, text: other, start: 0, end: other.length }]);
    const analysis = analyzeQuestion('What is the capital of Australia?', lexical);
    expect(analysis.terms.find((t) => t.term === 'australia')?.related.has('countri')).toBe(true);
  });
});
