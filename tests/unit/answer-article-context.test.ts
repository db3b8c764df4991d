import { describe, expect, it } from 'vitest';
import { articleContext, readArticlesAhead } from '../../src/answer/article-context.js';
import { analyzeQuestion, candidateFeatures, limitPassageTerms, passageTermsHeld } from '../../src/answer/features.js';
import { questionVerbs } from '../../src/answer/answer-types.js';
import { LexicalIndex, tokenize } from '../../src/index/lexical-index.js';
import type { Passage, ScoredPassage } from '../../src/types.js';

function article(id: string, sentences: string[]): Passage[] {
  let start = 0;
  return sentences.map((text, i) => {
    const passage = { article: id, id: `${i + 1}.1`, paragraph: i + 1, sentence: 1, text, start, end: start + text.length };
    start += text.length + 1;
    return passage;
  });
}

const asScored = (passage: Passage): ScoredPassage => ({ passage, score: 0.5, dense: 0.5, lexical: 0, coverage: 0, highlights: [] });

describe('articleContext', () => {
  const passages = [
    ...article('a', ['Kremlin spokesman Dmitry Peskov spoke on Monday.', 'Peskov told CNN the talks would go ahead.', 'Crowds gathered outside.']),
    ...article('b', ['Peskov is also a surname in another story.']),
  ];
  const context = articleContext(passages);

  it('gives a later bare mention of a name the role its article introduced it with', () => {
    expect(context.descriptors(passages[1]!)).toEqual(expect.arrayContaining(['spokesman', 'dmitry']));
    expect(context.descriptors(passages[3]!)).not.toContain('spokesman');
  });

  it('finds neighbours within the same article only', () => {
    expect(context.neighbours(passages[0]!).map((p) => p.text)).toEqual([passages[1]!.text]);
    expect(context.neighbours(passages[1]!)).toHaveLength(2);
    expect(context.neighbours(passages[3]!)).toEqual([]);
  });

  it('gives the sentence before within the same article only', () => {
    expect(context.previous(passages[0]!)).toBeUndefined();
    expect(context.previous(passages[1]!)?.text).toBe(passages[0]!.text);
    expect(context.previous(passages[3]!)).toBeUndefined();
  });

  it("reads the previous sentence's match with the question, which the window credits to both", () => {
    const lexical = LexicalIndex.build(passages);
    const analysis = analyzeQuestion('What did the Kremlin spokesman say on Monday?', lexical);
    const [first, second, third] = candidateFeatures(analysis, passages.slice(0, 3).map(asScored), context);
    expect(first!.previousCoverage).toBe(0);
    expect(second!.previousCoverage).toBeCloseTo(first!.softCoverage, 9);
    expect(second!.previousCoverage).toBeGreaterThan(0.5);
    expect(third!.previousCoverage).toBeCloseTo(second!.softCoverage, 9);
  });

  it('lets a question about the role meet the sentence that uses the bare name', () => {
    const lexical = LexicalIndex.build(passages);
    const analysis = analyzeQuestion("Which TV channel did the Kremlin spokesman speak with?", lexical);
    const [withRole, withoutContext] = [
      candidateFeatures(analysis, [asScored(passages[1]!)], context)[0]!,
      candidateFeatures(analysis, [asScored({ ...passages[1]!, text: passages[1]!.text + ' ' })])[0]!,
    ];
    expect(withRole.softCoverage).toBeGreaterThan(withoutContext.softCoverage);
  });
});

describe('readArticlesAhead', () => {
  // Many small articles, so that reading them all takes more than one slice of the event loop.
  // A name of letters per article ("Peskovab"): a capitalised run holds no digits.
  const letters = (n: number) => [...n.toString(26)].map((digit) => String.fromCharCode(97 + parseInt(digit, 26))).join('');
  const many = (count: number) =>
    Array.from({ length: count }, (_, a) =>
      article(`n${a}`, [`Kremlin spokesman Dmitry Peskov${letters(a)} spoke on Monday.`, `Peskov${letters(a)} told CNN the talks would go ahead.`, 'Crowds gathered outside.']),
    ).flat();

  it('reads every article between turns of the event loop, to the same names a first question would read', async () => {
    const passages = many(3000);
    const ahead = readArticlesAhead(passages, { delayMs: 0 });
    const context = articleContext(passages);
    expect(context.articlesRead()).toBe(0);
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    await ahead.done;
    clearInterval(ticking);
    expect(context.articlesRead()).toBe(3000);
    // Other callbacks ran while it read: it gave the event loop back between slices.
    expect(turns).toBeGreaterThan(0);
    const fresh = articleContext([...passages]);
    for (const at of [1, 4_000, 8_998]) expect(context.descriptors(passages[at]!)).toEqual(fresh.descriptors(passages[at]!));
    expect(context.descriptors(passages[4_000]!)).toEqual(expect.arrayContaining(['spokesman', 'dmitry']));
  });

  it('stops when told, settling at once and leaving the rest to the first question that meets them', async () => {
    const passages = many(3000);
    const ahead = readArticlesAhead(passages, { delayMs: 60_000 });
    ahead.stop();
    await ahead.done;
    const context = articleContext(passages);
    expect(context.articlesRead()).toBe(0);
    expect(context.descriptors(passages[1]!)).toEqual(expect.arrayContaining(['spokesman', 'dmitry']));
    expect(context.articlesRead()).toBe(1);
  });
});

describe('questionVerbs', () => {
  it('keeps the verbs that carry the relation and drops auxiliaries', () => {
    expect(questionVerbs('Who leads the Russian delegation?')).toEqual(['leads']);
    expect(questionVerbs('What did Putin personally say about the talks?')).toEqual(['say']);
    expect(questionVerbs('How many people are in the delegation?')).toEqual([]);
  });

  it('gives a question asked again the same verbs, also once more questions than it keeps came between', () => {
    const lexical = LexicalIndex.build(article('a', ['Vladimir Medinsky leads the Russian delegation.']));
    const verbsOf = (question: string) => analyzeQuestion(question, lexical).verbs.map((verb) => verb.term);
    const first = verbsOf('Who leads the Russian delegation?');
    expect(first).toEqual(['lead']);
    for (let i = 0; i < 1_100; i++) verbsOf(`Who opened tram line ${i}?`);
    expect(verbsOf('Who opened tram line 7?')).toEqual(['open']);
    expect(verbsOf('Who leads the Russian delegation?')).toEqual(first);
  });
});

describe('analyzeQuestion', () => {
  it('counts a question\'s figures among its terms, and leaves a claim\'s out', () => {
    const lexical = LexicalIndex.build(article('a', ['St. Kilian\'s last won the cup in 1985.']));
    expect(analyzeQuestion('Who won the cup in 1985?', lexical).terms.map((t) => t.term)).toEqual(['won', 'cup', '1985'].flatMap((w) => tokenize(w)));
    expect(analyzeQuestion('they won the cup in 1985', lexical, { figures: false }).terms.map((t) => t.term)).toEqual(['won', 'cup'].flatMap((w) => tokenize(w)));
  });
});

describe('questionKnown', () => {
  it('is the share of the question words the index uses at all', () => {
    const passages = article('a', ['The mayor opened the tram line.']);
    const lexical = LexicalIndex.build(passages);
    expect(analyzeQuestion('Who opened the tram line?', lexical).known).toBe(1);
    expect(analyzeQuestion('How many calories are in a banana?', lexical).known).toBe(0);
  });

  it('keeps at most the limit of sentences\' terms, and answers the same when it has forgotten them', () => {
    const many = Array.from({ length: 6 }, (_, a) =>
      article(`m${a}`, ['Mayor Ana Ruiz opened the new tram line on Monday.', 'Ruiz said the line would carry 20,000 passengers a day.', 'Critics said the fares were too high.']),
    ).flat();
    const lexical = LexicalIndex.build(many);
    const analysis = analyzeQuestion('Who opened the tram line?', lexical);
    const candidates = many.map(asScored);
    const unbounded = candidateFeatures(analysis, candidates, articleContext([...many]));
    const previous = limitPassageTerms(4);
    try {
      const bounded = articleContext([...many]);
      for (let round = 0; round < 3; round++) {
        expect(candidateFeatures(analysis, candidates, bounded)).toEqual(unbounded);
        expect(passageTermsHeld(bounded)).toBeGreaterThan(0);
        expect(passageTermsHeld(bounded)).toBeLessThanOrEqual(4);
      }
    } finally {
      limitPassageTerms(previous);
    }
  });
});
