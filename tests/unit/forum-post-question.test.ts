import { describe, expect, it } from 'vitest';
import { forumPostQuestion } from '../../src/conversation/follow-up.js';

describe('forumPostQuestion', () => {
  it('asks the title when it is the question and the body only comments', () => {
    expect(forumPostQuestion('Who leads the Russian delegation?', "Couldn't find it in the article.")).toBe('Who leads the Russian delegation?');
  });

  it('asks the body as written when it names its own subject', () => {
    expect(forumPostQuestion('Delegation', 'Who leads the Russian delegation?')).toBe('Who leads the Russian delegation?');
    expect(forumPostQuestion('Talks', 'Where did Zelenskyy land on Thursday?')).toBe('Where did Zelenskyy land on Thursday?');
  });

  it('reads a body that leans on the title with the title first', () => {
    expect(forumPostQuestion('Russian delegation', 'who leads it?')).toBe('Russian delegation who leads it?');
  });

  it('does not repeat a title the body already holds, and keeps the body when there is no title', () => {
    expect(forumPostQuestion('Istanbul talks', 'Istanbul talks: who attended?')).toBe('Istanbul talks: who attended?');
    expect(forumPostQuestion('  ', 'Where are the talks held?')).toBe('Where are the talks held?');
  });

  it('asks the body when both ask something', () => {
    expect(forumPostQuestion('Putin?', 'Will Putin attend the talks?')).toBe('Will Putin attend the talks?');
  });
});
