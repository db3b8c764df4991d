/**
 * Names tagged ahead on a worker thread must be the tagger's own spans, so that an answer is the same whether its
 * candidates were tagged ahead or on first touch; the table holds each sentence once and is forgotten on stop.
 */
import { describe, expect, it } from 'vitest';
import { syntheticSentences } from '../../bench/lib.js';
import { novelSpans, taggedSpans, typedSpans, type TypedSpan } from '../../src/answer/answer-types.js';
import { NamesAhead, namesAhead, packSpans, serveNamesAhead } from '../../src/answer/names-ahead.js';
import { tagAhead } from '../../src/answer/tag-ahead.js';
import { seedArticleText } from '../support/articles.js';

const SEED = seedArticleText()
  .split(/(?<=[.!?”"])\s+/)
  .filter((s) => /\p{L}/u.test(s));

describe('packed name spans', () => {
  it('unpack to the spans they were packed from, sentence by sentence', () => {
    const table = new NamesAhead();
    const sentences = [...SEED, 'no names here.', ...syntheticSentences(300, 3)];
    // Added in uneven batches, so the table grows past its first allocation between them.
    for (let at = 0; at < sentences.length; at += 37) {
      const batch = sentences.slice(at, at + 37);
      table.add(batch, packSpans(batch.map((s) => taggedSpans(s))));
    }
    expect(table.size).toBe(new Set(sentences).size);
    for (const sentence of sentences) expect(table.get(sentence), sentence).toEqual(taggedSpans(sentence));
    expect(table.get('no names here.')).toEqual([]);
    expect(table.get('a sentence never added')).toBeUndefined();
  });
});

describe('tagAhead', () => {
  it('tags every sentence on a worker as the tagger does, serves them until stopped, and copies what is known', async () => {
    const sentences = [...SEED, ...syntheticSentences(200, 11), SEED[0]!];
    const first = tagAhead(sentences, { delayMs: 0, batch: 16 });
    await first.done;
    expect(first.table.size).toBe(new Set(sentences).size);
    for (const sentence of sentences) expect(namesAhead(sentence), sentence).toEqual(taggedSpans(sentence));
    // A second generation sharing the first's sentences takes them from it: only the new one is left to tag.
    const added = 'Mayor Elena Ruiz-Whitfield opened the Northgate line in Larkfield on Monday.';
    const second = tagAhead([...sentences, added], { delayMs: 60_000 });
    expect(second.table.size).toBe(new Set(sentences).size);
    expect(second.table.get(added)).toBeUndefined();
    await second.stop();
    await second.done;

    await first.stop();
    for (const sentence of sentences) expect(namesAhead(sentence)).toBeUndefined();
  });

  it('is what the answer path reads for a sentence it holds', () => {
    // A sentence no other test tags, and spans the tagger would not give, so only the table can have supplied them.
    const sentence = 'Quentin Marlowe spoke at the Hollis Forum on Tuesday.';
    const planted: TypedSpan[] = [{ type: 'person', strength: 2, start: 0, end: 7 }];
    expect(taggedSpans(sentence)).not.toEqual(planted);
    const table = new NamesAhead();
    table.add([sentence], packSpans([planted]));
    const forget = serveNamesAhead(table);
    try {
      expect(novelSpans('Who spoke at the forum?', sentence, 'person')).toEqual(planted);
      expect(typedSpans(sentence).filter((span) => span.type === 'person')).toEqual(planted);
    } finally {
      forget();
    }
  });

  it('stopped before it starts, tags nothing and settles', async () => {
    const ahead = tagAhead(SEED, { delayMs: 60_000 });
    await ahead.stop();
    await ahead.done;
    expect(ahead.table.size).toBe(0);
    expect(namesAhead(SEED[0]!)).toBeUndefined();
  });
});
