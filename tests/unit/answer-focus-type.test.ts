import { describe, expect, it } from 'vitest';
import { focusFound, questionFocus } from '../../src/answer/focus-type.js';
import { kindsOf } from '../../src/retrieval/wordnet.js';

describe('kindsOf', () => {
  it('climbs WordNet from an instance or a kind to what it is', () => {
    expect(kindsOf('Istanbul').has('city')).toBe(true);
    expect(kindsOf('red').has('color')).toBe(true);
    expect(kindsOf('banana').has('city')).toBe(false);
  });
});

describe('question focus', () => {
  it('finds the noun a question names its answer by, and none for a bare wh-word', () => {
    expect(questionFocus('Which Asian city appears in the byline?')?.noun).toBe('city');
    expect(questionFocus('How many stops will the line have?')).toEqual({ noun: 'stop', counted: true });
    expect(questionFocus('Who leads the Russian delegation?')).toBeUndefined();
  });

  it('is found in a sentence naming a new instance of it, not in one repeating the question', () => {
    const question = 'Which city hosted the talks?';
    const focus = questionFocus(question)!;
    expect(focusFound(question, 'The talks were held in Istanbul on Friday.', focus)).toBe(true);
    expect(focusFound(question, 'The talks lasted two hours.', focus)).toBe(false);
  });

  it('for "how many", wants a figure beside the counted noun', () => {
    const question = 'How many stops will the line have?';
    const focus = questionFocus(question)!;
    expect(focusFound(question, 'The line will have 14 stops.', focus)).toBe(true);
    expect(focusFound(question, 'The line opens in the spring.', focus)).toBe(false);
  });
});
