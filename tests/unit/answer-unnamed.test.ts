import { describe, expect, it } from 'vitest';
import { askedForName, mentionsUnnamed } from '../../src/answer/unnamed.js';
import { decideAnswer } from '../../src/answer/decide.js';
import type { Calibration } from '../../src/answer/abstain.js';
import type { ScoredPassage } from '../../src/types.js';
import { formatAnswer } from '../../src/cli/ask.js';

describe('a question that asks for a name', () => {
  it('reads the noun it asks to be named', () => {
    expect(askedForName('What was the name of the outside contractor that supplied the faulty software update?')).toBe('contractor');
    expect(askedForName('What is the name of the digger driver who first spotted the timbers?')).toBe('driver');
    expect(askedForName('What are the names of the two men charged in the case?')).toBe('men');
    expect(askedForName('Which engineering firm has been hired to build the cycle lanes?')).toBe('firm');
  });

  it('reads none where a description answers, or nothing is asked to be named', () => {
    expect(askedForName('who was the person that passed away from this bug?')).toBeUndefined();
    expect(askedForName('What type of group is The Islamic State?')).toBeUndefined();
    expect(askedForName('What club-record fee did Castlebrook Rovers pay?')).toBeUndefined();
    expect(askedForName('Who leads the Russian delegation?')).toBeUndefined();
  });
});

describe('a sentence that mentions the asked noun without naming it', () => {
  const q = 'What was the name of the outside contractor that supplied the faulty software update?';

  it('is found where the noun comes with "a", "an", "one", or a count for a plural question', () => {
    expect(mentionsUnnamed('contractor', "Hollstrom said the update had been supplied by an outside contractor but had been approved by Corvane's own technology team.", q)).toBe(true);
    expect(mentionsUnnamed('men', 'Two men, a 67-year-old former antiques dealer and his 43-year-old nephew, were charged last month.', 'What are the names of the two men charged?')).toBe(true);
  });

  it('is not found where a name stands by the mention, or the mention is of others', () => {
    expect(mentionsUnnamed('bridge', 'The John W. Weeks Bridge is a pedestrian bridge over the Charles River.', 'What is the name of the bridge?')).toBe(false);
    expect(mentionsUnnamed('company', 'It is made by a Swedish company called Volvo.', 'What is the name of the company?')).toBe(false);
    expect(mentionsUnnamed('player', 'On the next play, Miller stripped the ball away from Newton, and after several players dove for it, Ward recovered it.', 'What is the name of the player who recovered the ball?')).toBe(false);
    expect(mentionsUnnamed('team', 'However, Chivas were suspended following the 2014 MLS season, with a second MLS team scheduled to return.', 'What is the name of the team suspended?')).toBe(false);
    expect(mentionsUnnamed('contractor', 'The update was supplied by Orbis Systems, the contractor.', q)).toBe(false);
  });
});

describe('the answer decision', () => {
  const calibration: Calibration = { model: 'test', weights: { dense: 10 }, bias: -5, threshold: 0.5, citationThreshold: 0.1, fittedOn: '' };
  const candidate = (id: string, dense: number, marks: Record<string, number> = {}): ScoredPassage => ({
    passage: { article: 'a', id, paragraph: 1, sentence: 1, text: id, start: 0, end: 1 },
    score: dense,
    dense,
    lexical: 0,
    coverage: 0,
    highlights: [],
    features: { dense, ...marks },
  });

  it('refuses when the only passage above the threshold mentions unnamed whoever is asked for', () => {
    const refused = decideAnswer([candidate('1.1', 0.9, { unnamed: 1 }), candidate('2.1', 0.1)], calibration);
    expect(refused).toMatchObject({ answered: false, lacks: 'name' });
    expect(formatAnswer({ question: 'What was the name of the contractor?', answered: false, citations: [], lacks: refused.lacks })).toMatch(/None of the closest passages gives a name\./);
    expect(decideAnswer([candidate('1.1', 0.9), candidate('2.1', 0.1)], calibration).answered).toBe(true);
  });

  it('refuses when the passage most about the question leaves them unnamed, however the others score', () => {
    expect(decideAnswer([candidate('1.1', 0.9, { unnamed: 1 }), candidate('2.1', 0.8)], calibration)).toMatchObject({ answered: false, lacks: 'name' });
  });

  it('does not cite such a passage below one that answers', () => {
    const answer = decideAnswer([candidate('2.1', 0.9), candidate('1.1', 0.8, { unnamed: 1 })], calibration);
    expect(answer.answered).toBe(true);
    expect(answer.shown.map((entry) => entry.scored.passage.id)).toEqual(['2.1']);
  });
});
