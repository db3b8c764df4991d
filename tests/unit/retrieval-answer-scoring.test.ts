import { describe, expect, it } from 'vitest';
import { answerProbability, chooseThreshold, fitLogistic, type Calibration } from '../../src/answer/abstain.js';
import { composeAnswer } from '../../src/answer/compose.js';
import { LexicalIndex, tokenize } from '../../src/index/lexical-index.js';
import { fuseScores, minMaxNormalize } from '../../src/retrieval/fuse.js';
import { highlightTerms } from '../../src/retrieval/highlight.js';
import { cleanQuestion } from '../../src/retrieval/clean-question.js';
import type { Passage, ScoredPassage } from '../../src/types.js';

describe('minMaxNormalize', () => {
  it('maps the range to [0, 1] and a constant list to 1', () => {
    expect(minMaxNormalize([2, 4, 3])).toEqual([0, 1, 0.5]);
    expect(minMaxNormalize([7, 7])).toEqual([1, 1]);
    expect(minMaxNormalize([])).toEqual([]);
  });
});

describe('fuseScores', () => {
  it('weights normalised dense and lexical scores; a candidate missing from one list scores 0 there', () => {
    const fused = fuseScores(new Map([[0, 0.9], [1, 0.5]]), new Map([[1, 12], [2, 6]]), 0.5);
    expect(Object.fromEntries(fused)).toEqual({ 0: 0.5, 1: 0.5, 2: 0 });
  });
  it('gives, entry for entry and in the same order, what normalising each list with minMaxNormalize gives', () => {
    // The reference: both lists normalised as arrays, then the union, dense labels first.
    const reference = (dense: Map<number, number>, lexical: Map<number, number>, weight: number) => {
      const norm = (scores: Map<number, number>) => new Map([...scores.keys()].map((label, i) => [label, minMaxNormalize([...scores.values()])[i]!]));
      const [d, l] = [norm(dense), norm(lexical)];
      return [...new Set([...dense.keys(), ...lexical.keys()])].map((label) => [label, weight * (d.get(label) ?? 0) + (1 - weight) * (l.get(label) ?? 0)]);
    };
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let trial = 0; trial < 300; trial++) {
      const list = (size: number, scale: number) => new Map(Array.from({ length: size }, () => [Math.floor(random() * 60), trial % 10 === 0 ? 3 : random() * scale]));
      const dense = list(Math.floor(random() * 40), 1);
      const lexical = list(Math.floor(random() * 40), 20);
      const weight = [0, 0.3, 0.5, 1][trial % 4]!;
      expect([...fuseScores(dense, lexical, weight)]).toEqual(reference(dense, lexical, weight));
    }
  });
});

describe('tokenize', () => {
  it('folds case, apostrophes, possessives and verb forms, and drops stop words', () => {
    expect(tokenize("Who is leading Russia's delegation?")).toEqual(['lead', 'russia', 'deleg']);
    expect(tokenize('team led by Medinsky')).toEqual(['team', 'lead', 'medinski']);
    expect(tokenize('Trump’s deal')).toEqual(['trump', 'deal']);
  });
});

describe('LexicalIndex.coverage', () => {
  const passages = ['Putin skipped the talks.', 'Medinsky led the team.'].map(
    (text, i): Passage => ({ article: 'a', id: `${i + 1}.1`, paragraph: i + 1, sentence: 1, text, start: 0, end: text.length }),
  );
  const index = LexicalIndex.build(passages);

  it('is 1 when every content word occurs and 0 when none does', () => {
    expect(index.coverage('Who led the team?', ['lead', 'team'])).toBe(1);
    expect(index.coverage('boiling point of water', [])).toBe(0);
  });

  it('matches words whose stem is not a fixed point of the stemmer ("defense" → "defens")', () => {
    const defense = LexicalIndex.build(
      ['Taxpayers fund the defense.', 'Nothing here.'].map(
        (text, i): Passage => ({ article: 'a', id: `${i + 1}.1`, paragraph: i + 1, sentence: 1, text, start: 0, end: text.length }),
      ),
    );
    expect(defense.search('Who funds defense?', 5).map((hit) => hit.label)).toEqual([0]);
    expect(defense.search('Who funds defense?', 5)[0]!.terms.sort()).toEqual(['defens', 'fund']);
  });

  it('finds the passage with the matching words first', () => {
    expect(index.search('who leads the team', 5)[0]).toMatchObject({ label: 1, terms: expect.arrayContaining(['lead', 'team']) });
  });
});

describe('highlightTerms', () => {
  it('marks the words of the passage that match the question', () => {
    const text = 'a relatively young team led by Vladimir Medinsky.';
    const spans = highlightTerms(text, 'Who leads the team?');
    expect(spans.map(([s, e]) => text.slice(s, e))).toEqual(['team', 'led']);
  });
});

describe('cleanQuestion', () => {
  it('removes mentions, zero-width and bidi characters and collapses whitespace', () => {
    expect(cleanQuestion('<@123> @everyone who\u200B leads\u202E  the\n\ntalks?')).toBe('who leads the talks?');
  });
});

const calibration: Calibration = { model: 'm', weights: { dense: 10, coverage: 5 }, bias: -7, threshold: 0.5, fittedOn: 'test' };

function scored(id: string, dense: number, coverage: number): ScoredPassage {
  const text = `Sentence ${id}.`;
  return {
    passage: { article: 'a', id, paragraph: 1, sentence: 1, text, start: 0, end: text.length },
    score: dense,
    dense,
    lexical: 0,
    coverage,
    highlights: [],
  };
}

describe('answerProbability', () => {
  it('is the logistic of the weighted signals', () => {
    expect(answerProbability({ dense: 0.7, coverage: 0 }, calibration)).toBeCloseTo(0.5, 10);
    expect(answerProbability({ dense: 0.7, coverage: 1 }, calibration)).toBeGreaterThan(0.99);
  });
});

describe('composeAnswer', () => {
  it('cites only the passages that clear the threshold, numbered from 1, quoting them verbatim', () => {
    const answer = composeAnswer('q', [scored('2.1', 0.8, 1), scored('3.1', 0.1, 0), scored('4.1', 0.75, 0.5)], calibration);
    expect(answer.answered).toBe(true);
    expect(answer.citations.map((c) => [c.n, c.id, c.quote])).toEqual([
      [1, '2.1', 'Sentence 2.1.'],
      [2, '4.1', 'Sentence 4.1.'],
    ]);
  });

  it('cites a confident passage the answer model ranked second even when its fused retrieval score is far below the best', () => {
    const far = { ...scored('5.1', 0.9, 1), score: 0.3 };
    const answer = composeAnswer('q', [{ ...scored('2.1', 0.8, 1), score: 0.9 }, far], calibration);
    expect(answer.citations.map((c) => c.id)).toEqual(['2.1', '5.1']);
  });

  it('abstains and offers the closest passages when none clears the threshold', () => {
    const answer = composeAnswer('q', [scored('1.1', 0.3, 0), scored('2.1', 0.2, 0)], calibration);
    expect(answer.answered).toBe(false);
    expect(answer.citations.map((c) => c.id)).toEqual(['1.1', '2.1']);
  });
});

describe('fitLogistic and chooseThreshold', () => {
  const examples = [
    ...Array.from({ length: 20 }, (_, i) => ({ dense: 0.6 + i * 0.01, coverage: 0.5, answerable: true })),
    ...Array.from({ length: 20 }, (_, i) => ({ dense: 0.1 + i * 0.01, coverage: 0, answerable: false })),
  ];

  it('learns positive weights for both signals on separable data', () => {
    const fitted = fitLogistic(examples);
    expect(fitted.weights.dense).toBeGreaterThan(0);
    expect(fitted.weights.coverage).toBeGreaterThan(0);
  });

  it('puts the threshold just above the negatives it must reject', () => {
    const fitted = fitLogistic(examples);
    const threshold = chooseThreshold(examples, fitted, 0);
    const full = { ...fitted, model: '', threshold, fittedOn: '' };
    expect(examples.filter((e) => !e.answerable).every((e) => answerProbability(e, full) < threshold)).toBe(true);
    expect(examples.filter((e) => e.answerable).every((e) => answerProbability(e, full) >= threshold)).toBe(true);
  });
});
