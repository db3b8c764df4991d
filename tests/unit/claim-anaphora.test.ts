import { describe, expect, it } from 'vitest';
import { meantByAnaphor, refersToSomeone } from '../../src/claims/anaphora.js';

describe('refersToSomeone', () => {
  it('sees a pronoun, an age or "the" and a kind of person', () => {
    expect(refersToSomeone('Eight minutes later, the 20-year-old rose above two defenders.')).toBe(true);
    expect(refersToSomeone('He blamed his defeat on the weather.')).toBe(true);
    expect(refersToSomeone('The striker then hit the post.')).toBe(true);
    expect(refersToSomeone('The line will cost an estimated $412 million.')).toBe(false);
  });
});

describe('meantByAnaphor', () => {
  const previous = "St. Kilian's manager Declan Moriarty had sent on Okafor in the 80th minute.";
  it('keeps the claim’s person the sentence before names, when the sentence speaks of someone unnamed', () => {
    expect(meantByAnaphor(['okafor'], 'Eight minutes later, the 20-year-old headed the winner.', previous)).toEqual(['okafor']);
  });
  it('keeps no one when the sentence names no one unnamed, or the sentence before does not name them', () => {
    expect(meantByAnaphor(['okafor'], 'The decisive goal came eight minutes later.', previous)).toEqual([]);
    expect(meantByAnaphor(['reed'], 'Eight minutes later, the 20-year-old headed the winner.', previous)).toEqual([]);
    expect(meantByAnaphor(['okafor'], 'Eight minutes later, the 20-year-old headed the winner.', undefined)).toEqual([]);
  });
});
