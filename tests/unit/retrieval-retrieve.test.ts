import { describe, expect, it } from 'vitest';
import { buildCorpus, type Corpus } from '../../src/retrieval/corpus.js';
import { fuseScores } from '../../src/retrieval/fuse.js';
import { retrievePassages } from '../../src/retrieval/retrieve.js';
import { rng } from '../support/random.js';
import type { Passage } from '../../src/types.js';

function passages(texts: string[]): Passage[] {
  return texts.map((text, i) => ({ article: 'a', id: `${i + 1}.1`, paragraph: i + 1, sentence: 1, text, start: 0, end: text.length }));
}

/** Four sentences on three axes; the question points along the first. Real HNSW and BM25, hand-made vectors. */
const TEXTS = [
  'Medinsky leads the Russian delegation.',
  'The talks are held in Istanbul.',
  'Zelenskyy landed in Ankara.',
  'Peskov spoke to CNN about the delegation.',
];
const VECTORS = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
  [0.6, 0.8, 0],
];
const QUESTION = 'Who leads the delegation?';
const corpus = buildCorpus(passages(TEXTS), VECTORS, 3);
const ids = (results: ReturnType<typeof retrievePassages>) => results.map((r) => r.passage.id);

describe('retrievePassages', () => {
  it('ranks by fused score, best first, ties broken by position in the article', () => {
    const results = retrievePassages(corpus, QUESTION, [1, 0, 0], { limit: 4 });
    // dense (min-max): 1, 0, 0, 0.6; BM25 (min-max over its two hits): 1 for "leads … delegation", 0 for "delegation".
    expect(ids(results)).toEqual(['1.1', '4.1', '2.1', '3.1']);
    expect(results.map((r) => r.score)).toEqual([1, expect.closeTo(0.3, 6), 0, 0]);
  });

  it('reports the raw dense cosine, the raw BM25 score (0 without a lexical match) and the IDF-weighted coverage', () => {
    const [first, second, third] = retrievePassages(corpus, QUESTION, [1, 0, 0], { limit: 3 });
    expect(first!.dense).toBeCloseTo(1, 6);
    expect(second!.dense).toBeCloseTo(0.6, 6);
    expect(third!.dense).toBeCloseTo(0, 6);
    expect(first!.lexical).toBeGreaterThan(second!.lexical);
    expect(second!.lexical).toBeGreaterThan(0);
    expect(third!.lexical).toBe(0);
    expect(first!.coverage).toBe(1);
    // "lead" is in 1 of 4 sentences, "deleg" in 2: idf = ln(1 + (N - df + 0.5) / (df + 0.5)).
    expect(second!.coverage).toBeCloseTo(Math.log(2) / (Math.log(10 / 3) + Math.log(2)), 12);
    expect(third!.coverage).toBe(0);
  });

  it('marks the question words found in each passage as offsets into its text', () => {
    const [first, , third] = retrievePassages(corpus, QUESTION, [1, 0, 0], { limit: 3 });
    expect(first!.highlights).toEqual([
      [9, 14],
      [27, 37],
    ]);
    expect(first!.highlights.map(([s, e]) => first!.passage.text.slice(s, e))).toEqual(['leads', 'delegation']);
    expect(third!.highlights).toEqual([]);
  });

  it('returns at most `limit` passages', () => {
    expect(ids(retrievePassages(corpus, QUESTION, [1, 0, 0], { limit: 2 }))).toEqual(['1.1', '4.1']);
    expect(retrievePassages(corpus, QUESTION, [1, 0, 0], { limit: 10 })).toHaveLength(4);
  });

  it('follows denseWeight: 1 ranks by the vector alone, 0 by BM25 alone', () => {
    // The vector points at the Istanbul sentence, the words at the delegation ones.
    expect(ids(retrievePassages(corpus, QUESTION, [0, 1, 0], { limit: 4, denseWeight: 1 }))).toEqual(['2.1', '4.1', '1.1', '3.1']);
    const lexicalOnly = retrievePassages(corpus, QUESTION, [0, 1, 0], { limit: 4, denseWeight: 0 });
    // Min-max over the two BM25 hits leaves the weaker one at 0, level with the passages BM25 did not find.
    expect(lexicalOnly.map((r) => [r.passage.id, r.score])).toEqual([['1.1', 1], ['2.1', 0], ['3.1', 0], ['4.1', 0]]);
  });

  it('gives a passage found only by BM25 the weakest dense similarity among the dense hits', () => {
    // 100 fillers near the question vector fill the dense candidate list; the lexical match points the other way.
    const fillers = Array.from({ length: 100 }, (_, i) => `Filler sentence number ${i} about nothing.`);
    const vectors = fillers.map((_, i) => [1, (i + 1) / 100, 0]);
    const big = buildCorpus(passages([...fillers, 'The delegation arrived late.']), [...vectors, [-1, 0, 0]], 3);
    const results = retrievePassages(big, 'delegation', [1, 0, 0], { limit: 100 });
    const lexicalOnly = results.find((r) => r.passage.id === '101.1')!;
    expect(lexicalOnly.lexical).toBeGreaterThan(0);
    // Not its true cosine (-1): that of the dense hit furthest from the question, the filler at [1, 1, 0].
    expect(lexicalOnly.dense).toBeCloseTo(1 / Math.hypot(1, 1), 6);
    for (const filler of results.filter((r) => r !== lexicalOnly)) expect(filler.dense).toBeGreaterThan(lexicalOnly.dense);
  });

  it('fuses exactly as fuseScores over label-keyed maps does: same passages, scores, order and signals', () => {
    const random = rng(19);
    for (let round = 0; round < 200; round++) {
      const size = 5 + Math.floor(random() * 300);
      const docs = passages(Array.from({ length: size }, (_, i) => `Sentence ${i}.`));
      // Scores on a coarse grid, so that ties (broken by label) and shared labels are common.
      const pick = (count: number, scale: number) => [...new Set(Array.from({ length: count }, () => Math.floor(random() * size)))].map((label) => ({ label, value: Math.round(random() * 8) * scale }));
      const dense = pick(Math.floor(random() * 120), 0.1).map(({ label, value }) => ({ label, similarity: value }));
      const lexical = pick(Math.floor(random() * 120), 1.5).map(({ label, value }) => ({ label, score: value, terms: [`t${label}`] }));
      const corpus: Corpus = {
        passages: docs,
        vectors: { search: (_vector, k) => dense.slice(0, k) },
        lexical: { search: (_query, k) => lexical.slice(0, k), coverage: (_q, terms) => [...terms].length, idf: () => 1 },
      };
      const weight = [0, 0.3, 0.5, 1][round % 4]!;
      const limit = 1 + Math.floor(random() * 40);
      const actual = retrievePassages(corpus, 'q', [0], { limit, denseWeight: weight });
      // The map-based fusion this replaced.
      const denseMap = new Map(dense.map((hit) => [hit.label, hit.similarity]));
      const lexicalMap = new Map(lexical.map((hit) => [hit.label, hit.score]));
      const weakest = Math.min(...denseMap.values());
      const expected = [...fuseScores(denseMap, lexicalMap, weight).entries()]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, limit)
        .map(([label, score]) => ({ id: docs[label]!.id, score, dense: denseMap.get(label) ?? weakest, lexical: lexicalMap.get(label) ?? 0, coverage: lexicalMap.has(label) ? 1 : 0 }));
      expect(actual.map((r) => ({ id: r.passage.id, score: r.score, dense: r.dense, lexical: r.lexical, coverage: r.coverage }))).toEqual(expected);
    }
  });
});
