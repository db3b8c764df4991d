/**
 * The per-question shortcuts of the answer path against the plain computation they replace: they must give the same
 * values, so that answers stay the same whichever path computed them.
 */
import { describe, expect, it } from 'vitest';
import { questionsFor } from '../../bench/lib.js';
import { idfCoverage, queryTerms, tokenize } from '../../src/index/lexical-index.js';
import { nlp, tagWords } from '../../src/nlp.js';
import { highlightTerms } from '../../src/retrieval/highlight.js';
import { seedArticleText } from '../support/articles.js';

const ARTICLE = seedArticleText();
const SENTENCES = ARTICLE.split(/(?<=[.!?”"])\s+/).filter((s) => /\p{L}/u.test(s));
const QUESTIONS = [
  ...questionsFor(ARTICLE, 400, 42),
  'Who is heading Ukraine’s delegation?',
  "Didn't the Kremlin say Putin wouldn't come?",
  'What was a plugs-out test done to simulate on the LC-34?',
  'Southern Californian communities are well known to be large, spread - out, and what other characteristic?',
];

const VERBS = '#Verb';
const tagsOf = (doc: ReturnType<typeof nlp>) => doc.json().map((s: { terms: Array<{ text: string; tags: string[] }> }) => s.terms.map((t) => [t.text, t.tags]));

describe('tagWords (compromise without the chunker and typeahead)', () => {
  it('tags every word as the full pipeline does, on questions and on article sentences', () => {
    for (const text of [...QUESTIONS, ...SENTENCES]) {
      expect(tagsOf(tagWords(text)), text).toEqual(tagsOf(nlp(text)));
      expect(tagWords(text).match(VERBS).out('array'), text).toEqual(nlp(text).match(VERBS).out('array'));
    }
  });

  it('skips the chunker, and leaves the full pipeline as it was', () => {
    const chunks = (doc: ReturnType<typeof nlp>) => doc.docs[0]!.map((term: { chunk?: string }) => term.chunk);
    expect(chunks(tagWords('Medinsky leads the delegation.'))).toEqual([undefined, 'Verb', undefined, undefined]);
    expect(chunks(nlp('Medinsky leads the delegation.'))).toEqual(['Noun', 'Verb', 'Noun', 'Noun']);
  });
});

/** What highlightTerms computed before it kept each sentence's words: every word tokenized on every call. */
function plainHighlights(text: string, query: string): Array<[number, number]> {
  const wanted = new Set(tokenize(query));
  if (wanted.size === 0) return [];
  const spans: Array<[number, number]> = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)) {
    const [term] = tokenize(match[0]);
    if (term !== undefined && wanted.has(term)) spans.push([match.index, match.index + match[0].length]);
  }
  return spans;
}

describe('highlightTerms and queryTerms (kept per sentence and per query)', () => {
  it('highlight the same words as tokenizing every word each time, queries interleaved', () => {
    let highlighted = 0;
    for (const question of QUESTIONS.slice(0, 60)) {
      for (const sentence of SENTENCES) {
        const spans = highlightTerms(sentence, question);
        expect(spans, `${question} | ${sentence}`).toEqual(plainHighlights(sentence, question));
        highlighted += spans.length;
        // Another query in between must not leak into the next call's terms.
        expect(queryTerms(sentence).set).toEqual(new Set(tokenize(sentence)));
      }
    }
    expect(highlighted).toBeGreaterThan(100);
  });

  it('give the distinct terms in tokenize order, and the same IDF coverage', () => {
    const idf = (term: string) => term.length;
    for (const question of QUESTIONS.slice(0, 60)) {
      const distinct = [...new Set(tokenize(question))];
      expect(queryTerms(question).distinct).toEqual(distinct);
      const matched = tokenize(SENTENCES[0]!);
      const total = distinct.reduce((sum, t) => sum + idf(t), 0);
      const found = distinct.filter((t) => matched.includes(t)).reduce((sum, t) => sum + idf(t), 0);
      expect(idfCoverage(question, matched, idf)).toBe(distinct.length === 0 || total === 0 ? 0 : found / total);
    }
  });
});
