import fs from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { syntheticArticles } from '../../bench/lib.js';
import { segmentArticle } from '../../src/article/segment.js';
import { LexicalIndex, tokenize } from '../../src/index/lexical-index.js';
import type { Passage } from '../../src/types.js';

const SEEDS = path.resolve(__dirname, '../../seeds');

function passages(): Passage[] {
  const seed = fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort()[0]!;
  const all = segmentArticle('seed', fs.readFileSync(path.join(SEEDS, seed), 'utf8'));
  for (const article of syntheticArticles(1_500, 30, 11)) all.push(...segmentArticle(article.name, article.text));
  // Odd ones: no content word at all, one word repeated, numbers and apostrophes.
  all.push({ ...all[0]!, id: 'x.1', text: 'It is what it is.' }, { ...all[0]!, id: 'x.2', text: 'Talks, talks, talks.' }, { ...all[0]!, id: 'x.3', text: "About 200 of Zelenskyy's 1,000 aides." });
  return all;
}

/** The BM25 index this one replaced, configured as it was. */
function miniSearch(all: Passage[]): MiniSearch<{ id: number; text: string }> {
  const search = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    tokenize: (text: string) => tokenize(text),
    processTerm: (term: string) => term,
    searchOptions: { combineWith: 'OR', prefix: false, fuzzy: false },
  });
  search.addAll(all.map((passage, id) => ({ id, text: passage.text })));
  return search;
}

const QUESTIONS = [
  'Who leads the Russian delegation?',
  'talks talks in Istanbul',
  'How many journalists waited outside the palace?',
  'What did the minister say about the port?',
  'about 200 aides',
  'it is what it is',
  '',
];

describe('lexical index', () => {
  const all = passages();
  const index = LexicalIndex.build(all);
  const reference = miniSearch(all);
  const questions = [...QUESTIONS, ...all.filter((_, i) => i % 7 === 0).map((p) => p.text.split(/\s+/).slice(0, 6).join(' '))];

  it('ranks and scores as MiniSearch did, on every question', () => {
    let compared = 0;
    for (const question of questions) {
      const expected = tokenize(question).length === 0 ? [] : reference.search(question).slice(0, 100);
      const actual = index.search(question, 100);
      expect(actual.map((hit) => hit.label), question).toEqual(expected.map((hit) => hit.id));
      actual.forEach((hit, i) => {
        expect(hit.score).toBe(expected[i]!.score);
        expect([...hit.terms].sort()).toEqual([...expected[i]!.terms].sort());
      });
      compared += actual.length;
    }
    expect(compared).toBeGreaterThan(1_000);
  });

  // Hits as plain values, terms included (an index hit reads its terms when asked).
  const plain = (hits: ReturnType<LexicalIndex['search']>) => hits.map(({ label, score, terms }) => ({ label, score, terms }));

  it('reads back what it stores, and answers the same', () => {
    const stored = index.serialize();
    const read = LexicalIndex.deserialize(stored);
    expect(read.size).toBe(all.length);
    for (const question of questions) expect(plain(read.search(question, 20))).toEqual(plain(index.search(question, 20)));
    for (const term of ['deleg', 'talk', 'zelenskyy', 'nowhere']) expect(read.idf(term)).toBe(index.idf(term));
    // Read from an offset that is not a multiple of 4, as a file in Node's shared buffer pool can be.
    const shifted = Buffer.concat([Buffer.alloc(1), stored]).subarray(1);
    expect(plain(LexicalIndex.deserialize(shifted).search('Who leads the Russian delegation?', 5))).toEqual(plain(index.search('Who leads the Russian delegation?', 5)));
  });

  it('refuses a file that is not one it wrote', () => {
    const stored = index.serialize();
    expect(() => LexicalIndex.deserialize(Buffer.from('{"version":1}'))).toThrow(/not a lexical index/);
    expect(() => LexicalIndex.deserialize(stored.subarray(0, stored.length - 4))).toThrow(/bytes, its header says/);
    const otherVersion = Buffer.from(stored);
    otherVersion.writeUInt32LE(99, 4);
    expect(() => LexicalIndex.deserialize(otherVersion)).toThrow(/format 99/);
  });

  it('gives IDF from the number of passages holding a term', () => {
    const small = LexicalIndex.build(all.slice(0, 3).map((p, i) => ({ ...p, text: ['Talks in Istanbul.', 'Talks, talks.', 'Nothing.'][i]! })));
    expect(small.idf('talk')).toBeCloseTo(Math.log(1 + (3 - 2 + 0.5) / (2 + 0.5)), 12);
    expect(small.idf('istanbul')).toBeCloseTo(Math.log(1 + (3 - 1 + 0.5) / (1 + 0.5)), 12);
  });
});
