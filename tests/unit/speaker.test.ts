import { describe, expect, it } from 'vitest';
import type { Calibration } from '../../src/answer/abstain.js';
import { articleContext } from '../../src/answer/article-context.js';
import { composeAnswer } from '../../src/answer/compose.js';
import { needsSpeaker, speakerBefore } from '../../src/answer/speaker.js';
import type { Passage, ScoredPassage } from '../../src/types.js';

const texts = [
  'Replacement winger Sione Tapueluelu went over in the corner after a long passage of play.',
  'Eastbridge director of rugby Gareth Llewellyn said his players were "devastated".',
  '"We had the game in our hands and we let it go," he said.',
  '"That is the hardest part to take."',
  'Tapueluelu, 22, joined Rovers from a club in Auckland last summer.',
  'He said he had "no words" to describe the moment.',
  '"The boys did all the work, I just had to finish it," he said.',
];
let at = 0;
const passages: Passage[] = texts.map((text, i) => {
  const passage = { article: 'rugby', id: `${i + 1}.1`, paragraph: i + 1, sentence: 1, text, start: at, end: at + text.length };
  at += text.length + 2;
  return passage;
});
const context = articleContext(passages);
const named = (question: string, i: number) => {
  const found = speakerBefore(question, passages[i]!, context);
  return found && [found.passage.id, found.passage.text.slice(found.span.start, found.span.end)];
};

describe('the speaker of a quote that names no one', () => {
  it('is needed for a "who" question answered by "…, he said." or by a quotation', () => {
    expect(needsSpeaker('Who said they had the game in their hands?', texts[2]!)).toBe(true);
    expect(needsSpeaker('Who said it was the hardest part?', texts[3]!)).toBe(true);
    expect(needsSpeaker('What did he say about the game?', texts[2]!)).toBe(false);
    expect(needsSpeaker('Who joined Rovers?', texts[4]!)).toBe(false);
  });

  it('is the nearest sentence before that names someone, past "he said", by a surname the article gave in full', () => {
    expect(named('Who said they had the game in their hands?', 2)).toEqual(['2.1', 'Gareth Llewellyn']);
    expect(named('Who said it was the hardest part?', 3)).toEqual(['2.1', 'Gareth Llewellyn']);
    expect(named('Who said the boys did all the work?', 6)).toEqual(['5.1', 'Tapueluelu']);
    expect(named('Who went over in the corner?', 0)).toBeUndefined();
  });

  it('is cited second, marked, with the quote\'s score and saying whose quote it names', () => {
    const calibration: Calibration = { model: 'm', weights: { dense: 10 }, bias: -5, threshold: 0.5, citationThreshold: 0.1, fittedOn: 'test' };
    const scored = (i: number, dense: number): ScoredPassage => ({ passage: passages[i]!, score: dense, dense, lexical: 0, coverage: 0, highlights: [] });
    const answer = composeAnswer('Who said they had the game in their hands?', [scored(2, 0.9), scored(0, 0.45), scored(4, 0.44)], calibration, context);
    expect(answer.citations.map((c) => [c.n, c.id, c.speakerOf, c.phrase && c.quote.slice(c.phrase.start, c.phrase.end)])).toEqual([
      [1, '3.1', undefined, undefined],
      [2, '2.1', 1, 'Gareth Llewellyn'],
      [3, '1.1', undefined, undefined],
    ]);
    expect(answer.citations[1]!.score).toBe(answer.citations[0]!.score);
  });
});
