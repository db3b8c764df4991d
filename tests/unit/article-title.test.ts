import { describe, expect, it } from 'vitest';
import { firstSentence, humaniseFileName, plainHeadline, readableTitle } from '../../src/article/title.js';
import { seedArticleText } from '../support/articles.js';

describe('humaniseFileName', () => {
  it('turns a name made of words into a phrase', () => {
    expect(humaniseFileName('tram-line_vote')).toBe('Tram line vote');
    expect(humaniseFileName('2025-11-19-larkfield-tram-vote')).toBe('Larkfield tram vote');
  });

  it('gives nothing for names that are ids, hashes or a single letter', () => {
    expect(humaniseFileName('000_ce70d124781ea012')).toBeUndefined();
    expect(humaniseFileName('a')).toBeUndefined();
    expect(humaniseFileName('deadbeefcafe1234')).toBeUndefined();
    expect(humaniseFileName('article-7f3a9c21b0')).toBeUndefined();
  });
});

describe('firstSentence', () => {
  it('keeps a short first sentence whole, without its full stop', () => {
    expect(firstSentence('Trams return to Larkfield. Second sentence.')).toBe('Trams return to Larkfield');
  });

  it('shortens a long one at a word boundary with an ellipsis, within the limit', () => {
    const title = firstSentence(seedArticleText())!;
    expect(title).toBe('Istanbul - Russia and Ukraine spin in amid high-risk peace talks between…');
    expect(title.length).toBeLessThanOrEqual(80);
  });
});

describe('readableTitle', () => {
  it('prefers a wordy file name, else the first sentence, never the raw id', () => {
    expect(readableTitle('grain-corridor', 'Ships left Odesa.')).toBe('Grain corridor');
    expect(readableTitle('000_ce70d124781ea012', seedArticleText())).not.toContain('000_ce70d124781ea012');
  });
});

describe('plainHeadline', () => {
  it('takes a first line of a few words that does not end like a sentence', () => {
    const text = 'Harbour ferry returns after repair\n\nThe ferry resumed service on Monday.';
    expect(plainHeadline(text)).toEqual({ headline: 'Harbour ferry returns after repair', bodyStart: text.indexOf('The ferry') });
  });

  it('leaves a text that opens with a sentence, a byline, a dateline or a lone line alone', () => {
    expect(plainHeadline(seedArticleText())).toBeUndefined();
    expect(plainHeadline('The ferry resumed service on Monday.\n\nIt carries 900 people.')).toBeUndefined();
    expect(plainHeadline('By Maya Lindqvist\n\nThe ferry resumed service.')).toBeUndefined();
    expect(plainHeadline('ISTANBUL\n\nThe talks began.')).toBeUndefined();
    expect(plainHeadline('Harbour ferry returns after repair')).toBeUndefined();
    expect(plainHeadline('Talks end without a deal, officials say:\n\nMore.')).toBeUndefined();
  });
});
