import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/article/load.js';
import { articlePassages } from '../../src/article/segment.js';
import type { AnswerInstance } from '../../src/eval/answer-data.js';
import { evaluateHeldOut, fitAnswerModel, SHIPPED_FIT } from '../../src/eval/cross-validate.js';
import { isGoldCitation, type DevKind } from '../../src/eval/dev-sets.js';
import { loadOwnQuestions, OWN_ARTICLES_DIR, OWN_SET_PREFIX, ownQuestionArticles } from '../../src/eval/own-questions.js';
import type { Passage, ScoredPassage } from '../../src/types.js';

describe("the project's own question sets", () => {
  const articles = new Map(loadArticles(OWN_ARTICLES_DIR).articles.map((article) => [article.id, article]));
  const sets = ownQuestionArticles();

  it('are about articles the project holds', () => {
    expect(sets.length).toBeGreaterThanOrEqual(30);
    for (const set of sets) expect(articles.has(set), set).toBe(true);
  });

  it('give every answerable question a gold in exactly one sentence as the segmenter cuts it, and the others none', () => {
    for (const set of sets) {
      const passages = articlePassages(articles.get(set)!);
      for (const q of loadOwnQuestions(set)) {
        expect(q.article).toBe(set);
        if (q.kind === 'near' || q.kind === 'off') {
          expect(q.gold, q.q).toEqual([]);
          continue;
        }
        expect(['plain', 'paraphrase']).toContain(q.kind);
        expect(passages.filter((p) => isGoldCitation({ article: p.article, quote: p.text }, q)), q.q).toHaveLength(1);
      }
    }
  });

  it('are written as the development sets are: a line of JSON per question', () => {
    const file = fs.readdirSync(path.join(OWN_ARTICLES_DIR, '..', 'questions')).find((f) => f.endsWith('.jsonl'))!;
    const line = fs.readFileSync(path.join(OWN_ARTICLES_DIR, '..', 'questions', file), 'utf8').split('\n')[0]!;
    expect(Object.keys(JSON.parse(line))).toEqual(expect.arrayContaining(['article', 'q', 'gold', 'kind']));
  });
});

describe('own sets in the answer model', () => {
  const passage = (article: string, n: number): Passage => ({ article, id: `${n}.1`, paragraph: n, sentence: 1, text: `sentence ${n}`, start: 0, end: 10 });
  const scored = (p: Passage, dense: number): ScoredPassage => ({
    passage: p,
    score: dense,
    dense,
    lexical: 0,
    coverage: dense,
    highlights: [],
    features: { dense, coverage: dense, denseGap: 0, questionKnown: 1 },
  });
  /** A question whose gold is the first of its two candidates (a clear cosine gap), or an unanswerable one. */
  const instance = (set: string, group: string, kind: DevKind, i: number, answerable = true): AnswerInstance => {
    const [a, b] = [passage(group, 2 * i + 1), passage(group, 2 * i + 2)];
    const dense = answerable ? 0.9 - (i % 5) * 0.02 : 0.3 + (i % 5) * 0.02;
    return {
      group,
      set,
      kind,
      question: `question ${i}`,
      candidates: [scored(a, dense), scored(b, dense - 0.4)],
      gold: new Set(answerable ? [a] : []),
      dev: { article: group, q: `question ${i}`, gold: answerable ? [a.text] : [], kind },
    };
  };
  const xquad = Array.from({ length: 20 }, (_, i) => instance('xquad', `xquad-${i % 4}`, 'paraphrase', i));
  const dev = [...Array.from({ length: 6 }, (_, i) => instance('tram', 'tram', 'paraphrase', i)), instance('tram', 'tram', 'near', 7, false)];
  const own = [...Array.from({ length: 6 }, (_, i) => instance(`${OWN_SET_PREFIX}ferry`, 'ferry', 'paraphrase', i)), instance(`${OWN_SET_PREFIX}ferry`, 'ferry', 'near', 9, false)];

  it('are not fitted on: the model is the same with them or without', () => {
    const without = fitAnswerModel([...xquad, ...dev], SHIPPED_FIT);
    const withOwn = fitAnswerModel([...xquad, ...dev, ...own], SHIPPED_FIT);
    expect(withOwn).toEqual(without);
  });

  it('are tallied apart from the development sets', () => {
    const calibration = fitAnswerModel([...xquad, ...dev], SHIPPED_FIT);
    const report = evaluateHeldOut([...dev, ...own], calibration);
    expect(report.pooled.answerable).toBe(6);
    expect(report.own.answerable).toBe(6);
    expect(report.own.near).toBe(1);
    expect(report.ownRanks.questions).toBe(6);
    expect(report.devRanks.questions).toBe(6);
    expect(report.ownRanks.r1).toBe(1);
  });
});
