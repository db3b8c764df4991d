import { describe, expect, it } from 'vitest';
import { LexicalIndex } from '../../src/index/lexical-index.js';
import { correctSpelling, oneEditApart } from '../../src/retrieval/spelling.js';

const sentences = [
  'The Kremlin sent a team led by assistant Vladimir Medinsky to Istanbul.',
  'The Maastricht Treaty was signed by the twelve members of the community.',
  'These ctenophores have no stinging cells.',
];
const index = LexicalIndex.build(sentences.map((text, i) => ({ article: 'a', id: `${i + 1}.1`, paragraph: i + 1, sentence: 1, text, start: 0, end: text.length })));

describe('oneEditApart', () => {
  it('takes one letter added, dropped, changed, or two neighbours swapped', () => {
    expect(oneEditApart('maastrich', 'maastricht')).toBe(true);
    expect(oneEditApart('medinksy', 'medinsky')).toBe(true);
    expect(oneEditApart('ctenohores', 'ctenophores')).toBe(true);
    expect(oneEditApart('parliment', 'parliamant')).toBe(false);
    expect(oneEditApart('kyiv', 'kiev')).toBe(false);
    expect(oneEditApart('same', 'same')).toBe(false);
  });
});

describe('correctSpelling', () => {
  it('puts right a word the collection never uses from the spelling its sentences use', () => {
    const fixed = correctSpelling('Who did Medinksy meet, and when was the Maastrich Treaty signed?', index, sentences);
    expect(fixed.question).toBe('Who did Medinsky meet, and when was the Maastricht Treaty signed?');
    expect(fixed.replaced).toEqual([
      { from: 'Medinksy', to: 'Medinsky' },
      { from: 'Maastrich', to: 'Maastricht' },
    ]);
  });

  it('leaves English words, short words, function words and words without a near spelling as asked', () => {
    for (const question of ['Who decides the treaty?', 'Which team did Medinsky lead?', 'Are those ctenophores?', 'Who is the Prime Minister of Canada?', 'Where is Kyiv?']) {
      expect(correctSpelling(question, index, sentences)).toEqual({ question, replaced: [] });
    }
  });
});
