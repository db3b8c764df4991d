import { describe, expect, it } from 'vitest';
import { BYLINE_CONTEXT } from '../../src/article/segment.js';
import { asksForGist, gistAnswer } from '../../src/answer/gist.js';
import type { Passage } from '../../src/types.js';

const passage = (article: string, id: string, start: number, text: string, context?: string): Passage => ({
  article, id, paragraph: Number(id.split('.')[0]), sentence: 1, text, start, end: start + text.length, ...(context ? { context } : {}),
});

describe('asksForGist', () => {
  it('reads a question about the article as a whole, however it is put', () => {
    for (const q of ['What is this article about?', "what's the story about?", 'What happened?', 'Summarise the article.', 'summarize it', 'tl;dr', 'TLDR?', 'Give me the gist', 'What are the main points?', 'So what is this about?', 'What’s this article saying?', 'Can you sum up the story?']) {
      expect(asksForGist(q), q).toBe(true);
    }
  });
  it('leaves a question about something in the article alone', () => {
    for (const q of ['What happened at half-time?', 'What is the tram line about?', 'Who wrote the article?', 'What does the article say about parking?', 'What is the summary of the council report?']) {
      expect(asksForGist(q), q).toBe(false);
    }
  });
});

describe('gistAnswer', () => {
  it('cites each article\'s opening sentence after its byline, scored 1 and marked as the opening', () => {
    const passages = [
      passage('rugby', '2.1', 40, 'Rovers reached the final.'),
      passage('rugby', '1.1', 0, 'By Callum Reid at Fenwick Park', BYLINE_CONTEXT),
      passage('bees', '1.1', 0, 'Bumblebees can tell short flashes from long ones.'),
    ];
    const answer = gistAnswer('What is this about?', passages)!;
    expect(answer).toMatchObject({ question: 'What is this about?', answered: true });
    expect(answer.citations.map((c) => [c.n, c.article, c.id, c.score, c.lede])).toEqual([
      [1, 'rugby', '2.1', 1, true],
      [2, 'bees', '1.1', 1, true],
    ]);
    expect(gistAnswer('What is this about?', [])).toBeUndefined();
  });
});
