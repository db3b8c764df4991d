import winkLemmatizer from 'wink-lemmatizer';
import { describe, expect, it } from 'vitest';
import { lemmatizer } from '../../src/lemmatizer.js';
import { loadedAfter } from '../support/fresh-process.js';

describe('lemmatizer', () => {
  it("gives wink-lemmatizer's lemmas", () => {
    for (const word of ['led', 'leads', 'won', 'mice', 'better', 'talks', 'delegation', 'zelenskyy']) {
      expect([lemmatizer.verb(word), lemmatizer.noun(word), lemmatizer.adjective(word)]).toEqual([winkLemmatizer.verb(word), winkLemmatizer.noun(word), winkLemmatizer.adjective(word)]);
    }
  });

  it('is not loaded by importing the engine, only by the first word it lemmatizes', () => {
    // Its word lists were some 0.12 s of every start.
    expect(loadedAfter(`await import('./src/qa-service.ts');`, ['wink-lemmatizer'])).toEqual({ 'wink-lemmatizer': false });
    const lemmatized = `const { tokenize } = await import('./src/index/lexical-index.ts'); tokenize('Medinsky led the delegation');`;
    expect(loadedAfter(lemmatized, ['wink-lemmatizer'])).toEqual({ 'wink-lemmatizer': true });
  });
});
