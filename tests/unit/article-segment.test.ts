import { describe, expect, it } from 'vitest';
import { segmentArticle, splitParagraphs } from '../../src/article/segment.js';
import { seedArticleText } from '../support/articles.js';

const SEED = seedArticleText();

describe('segmentArticle on the seed article', () => {
  const passages = segmentArticle('seed', SEED);

  it('gives every sentence an id and offsets that slice back to its verbatim text', () => {
    for (const passage of passages) expect(SEED.slice(passage.start, passage.end)).toBe(passage.text);
  });

  it('splits the article into its 16 paragraphs and 17 sentences, sentence by sentence', () => {
    expect(passages.map((p) => [p.id, p.text.slice(0, 40)])).toEqual([
      ['1.1', 'Istanbul - Russia and Ukraine spin in am'],
      ['2.1', 'In the chaos of start date, location and'],
      ['3.1', 'The back and forth between Kiev, Moscow '],
      ['4.1', 'When asked Thursday whether Putin would '],
      ['5.1', 'After Ukrainian allies including Germany'],
      ['6.1', 'The Russian leader’s unshowed will furth'],
      ['6.2', 'Even after his historic Oval Office yell'],
      ['7.1', 'This is partly because Trump’s major pli'],
      ['8.1', 'Zelenskyy also showed compliance, suppor'],
      ['9.1', 'Trump has said he would "always consider'],
      ['10.1', 'Zelenskyy landed in Ankara on Thursday a'],
      ['11.1', 'This is not joining the talks originally'],
      ['12.1', '"It may change a lot this week, but it\'s'],
      ['13.1', '“So far, the signals in the media are co'],
      ['14.1', "While the Kremlin's last-minute naming o"],
      ['15.1', 'Apart from the uncertainty over whether '],
      ['16.1', 'Keir Simmons of Istanbul reported on Hon'],
    ]);
  });

  it('keeps "U.S." inside a sentence and ends a sentence on a closing quote', () => {
    expect(passages.find((p) => p.id === '3.1')!.text).toContain('hopes of the U.S. president to involve');
    expect(passages.find((p) => p.id === '4.1')!.text.endsWith('Dmitry Peskov told CNN "No."')).toBe(true);
    expect(passages.find((p) => p.id === '14.1')!.text.endsWith('"ready for serious work."')).toBe(true);
  });

  it('ends the last sentence at the end of the file even without a newline', () => {
    expect(passages.at(-1)!.text).toBe('Keir Simmons of Istanbul reported on Hong Kong.');
    expect(passages.at(-1)!.end).toBe(SEED.length);
  });
});

describe('segmentArticle on tricky text', () => {
  const text =
    '  The U.S. envoy met Mr. Smith and Dr. Jones at 3 p.m. on Friday.   The leader, Cllr. Brian Sowerby, and Det. Insp. Ray Cole agreed.   Peskov told CNN "No." Then he left.\n\n' +
    'He said “fine.” No. 5 was next. I said no. Then it ended\n\n\n   \n' +
    'Last line without a full stop   ';
  const passages = segmentArticle('tricky', text);

  it('joins abbreviations and initials, splits after quotes, trims stray whitespace', () => {
    expect(passages.map((p) => [p.id, p.text])).toEqual([
      ['1.1', 'The U.S. envoy met Mr. Smith and Dr. Jones at 3 p.m. on Friday.'],
      ['1.2', 'The leader, Cllr. Brian Sowerby, and Det. Insp. Ray Cole agreed.'],
      ['1.3', 'Peskov told CNN "No."'],
      ['1.4', 'Then he left.'],
      ['2.1', 'He said “fine.”'],
      ['2.2', 'No. 5 was next.'],
      ['2.3', 'I said no.'],
      ['2.4', 'Then it ended'],
      ['3.1', 'Last line without a full stop'],
    ]);
    for (const p of passages) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  it('treats each line as a paragraph when the text has no blank lines', () => {
    expect(splitParagraphs('one.\ntwo.\r\nthree.').length).toBe(3);
  });

  it('gives nothing for an empty or whitespace-only text', () => {
    expect(segmentArticle('x', '')).toEqual([]);
    expect(segmentArticle('x', ' \n\t\n ')).toEqual([]);
  });

  it('keeps exact offsets around emoji, combining marks and CRLF line ends', () => {
    const odd = 'Café ☕ is open.\r\nZoë said “😀 great.” Then left.';
    for (const p of segmentArticle('odd', odd)) expect(odd.slice(p.start, p.end)).toBe(p.text);
    expect(segmentArticle('odd', odd).map((p) => p.id)).toEqual(['1.1', '2.1', '2.2']);
  });
});
