import { describe, expect, it } from 'vitest';
import { markdownToText } from '../../src/article/markdown.js';
import { parseArticle } from '../../src/article/load.js';
import { sha256 } from '../../src/hash.js';
import { BYLINE_CONTEXT, hasByline, segmentArticle } from '../../src/article/segment.js';
import { embeddingTexts } from '../../src/index/embedding-text.js';
import { LexicalIndex } from '../../src/index/lexical-index.js';

describe('markdownToText', () => {
  it('takes the opening heading as the headline and leaves it out of the text', () => {
    expect(markdownToText('# Heatwave closes schools\n\nSchools will close at noon.')).toEqual({
      heading: 'Heatwave closes schools',
      text: 'Schools will close at noon.',
      headingStarts: [],
    });
  });

  it('shows emphasis, links, code spans and inline HTML as their words, and drops images', () => {
    const { text } = markdownToText('Some **bold**, _slanted_ and [linked](https://example.com) words, `code` and <b>tags</b>. ![a chart](c.png)');
    expect(text).toBe('Some bold, slanted and linked words, code and tags.');
  });

  it('drops a script, a style and a comment whole', () => {
    expect(markdownToText('<script>alert(1)</script>\n\nThe vote <!-- draft -->passed.<style>p{}</style>').text).toBe('The vote passed.');
  });

  it('keeps what CommonMark reads as text: snake_case, a lone asterisk, an escaped one, C#, entities', () => {
    expect(markdownToText('snake_case, 2 * 3 * 4, \\*starred\\*, C# and AT&amp;T.').text).toBe('snake_case, 2 * 3 * 4, *starred*, C# and AT&T.');
  });

  it('makes each list item, quoted paragraph, later heading and code block a paragraph of its own', () => {
    const markdown = ['Intro line.', '', '* first point', '* second _point_', '', '> A quote', '> that wraps.', '', '## What next', '', '    indented code', '', '---', '', 'The end.'].join('\n');
    expect(markdownToText(markdown)).toEqual({
      text: ['Intro line.', 'first point', 'second point', 'A quote that wraps.', 'What next', 'indented code', 'The end.'].join('\n\n'),
      headingStarts: [['Intro line.', 'first point', 'second point', 'A quote that wraps.'].join('\n\n').length + 2],
    });
  });

  it('keeps an ordered list’s numbers, which the rendered page shows ("1984. That year…" is an item numbered 1984)', () => {
    expect(markdownToText('1. Vote\n2. Count').text).toBe('1. Vote\n\n2. Count');
    expect(markdownToText('Before.\n\n1984. That was the year.').text).toBe('Before.\n\n1984. That was the year.');
  });

  it('joins a paragraph wrapped over lines into one, as a reader sees it', () => {
    expect(markdownToText('The council voted\n9-4 late on Tuesday.').text).toBe('The council voted 9-4 late on Tuesday.');
  });
});

describe('parseArticle: a Markdown or plain file’s headline', () => {
  const parsed = (file: string, text: string) => {
    const result = parseArticle(file, Buffer.from(text));
    if ('reason' in result) throw new Error(result.reason);
    return result.article;
  };

  it('takes a .md file’s opening heading as its title, and quotes no "#" or "**"', () => {
    const article = parsed('heatwave.md', '# Heatwave forces schools to close\n\nSchools will close at **noon**, the authority said.\n');
    expect(article.title).toBe('Heatwave forces schools to close');
    expect(segmentArticle(article.id, article.text).map((p) => p.text)).toEqual(['Schools will close at noon, the authority said.']);
  });

  it('prefers the front matter’s title; a heading that differs from it stays in the text', () => {
    expect(parsed('a.md', '---\ntitle: Same\n---\n# Same\n\nBody.').text).toBe('Body.');
    const article = parsed('b.md', '---\ntitle: From the front matter\n---\n# A different headline\n\nBody.');
    expect(article.title).toBe('From the front matter');
    expect(article.text).toBe('A different headline\n\nBody.');
  });

  it('reads a .txt file as it is, markup and all', () => {
    expect(parsed('c.txt', 'Some **stars** here.\n\n# Not a heading.').text).toBe('Some **stars** here.\n\n# Not a heading.');
  });

  it('takes the headline a .txt file opens with as its title, not as a sentence', () => {
    const article = parsed('ferry.txt', 'Harbour Ferry Returns After Repair\r\n\r\nThe ferry resumed service on Monday.\r\n');
    expect(article.title).toBe('Harbour Ferry Returns After Repair');
    expect(segmentArticle(article.id, article.text).map((p) => p.text)).toEqual(['The ferry resumed service on Monday.']);
    expect(parsed('other.txt', '---\ntitle: Another title\n---\nHarbour Ferry Returns After Repair\n\nBody.').text).toBe('Harbour Ferry Returns After Repair\n\nBody.');
  });

  it('gives a .md file another identity than the same bytes read as plain text, so an index built before re-reads it', () => {
    const bytes = 'Plain words only.';
    expect(parsed('d.md', bytes).hash).not.toBe(parsed('d.txt', bytes).hash);
  });

  it('quotes no section heading, of a .md file or a .txt one, and keeps the ids after it', () => {
    const story = ['Half of the homes were given the spray.', '', '## How the trial worked', '', 'Staff recorded every cold.'].join('\n');
    const md = parsed('trial.md', story);
    expect(md.headings).toEqual([2]);
    expect(segmentArticle(md.id, md.text, md.headings).map((p) => `${p.id} ${p.text}`)).toEqual(['1.1 Half of the homes were given the spray.', '3.1 Staff recorded every cold.']);
    const txt = parsed('trial.txt', story.replace('## ', ''));
    expect(txt.headings).toEqual([2]);
    // Headings read so are part of the article's identity: an index that holds them as passages re-reads it.
    expect(md.hash).not.toBe(parsed('trial.md', story.replace('## ', '')).hash);
    expect(txt.hash).not.toBe(parsed('trial.txt', story.replace('## How the trial worked', 'It worked.')).hash);
  });

  it('reads an interview\'s questions as headings, and embeds the answer below each after its question', () => {
    const interview = ['Linda Okoro spoke to us on Sunday.', '', '**What was the hardest part?**', '', 'Finding space. We opened the old quay.', '', '**Were there any accidents?**', '', 'Two minor collisions.'].join('\n');
    const article = parsed('interview.md', interview);
    expect(article.headings).toEqual([2, 4]);
    const passages = segmentArticle(article.id, article.text, article.headings);
    expect(passages.map((p) => p.text)).not.toContain('What was the hardest part?');
    expect(embeddingTexts(passages, 'sentence')).toEqual([
      'Linda Okoro spoke to us on Sunday.',
      'What was the hardest part? Finding space.',
      'We opened the old quay.',
      'Were there any accidents? Two minor collisions.',
    ]);
    // Searched by its heading too, quoted without it.
    const hit = LexicalIndex.build(passages).search('hardest part', 1)[0]!;
    expect(passages[hit.label]).toMatchObject({ id: '3.1', text: 'Finding space.', context: 'What was the hardest part?' });
    // One question in a story is the story's own words, not an interview.
    expect(parsed('one.txt', 'The mayor spoke.\n\nWho pays for it?\n\nThe council does.').headings).toBeUndefined();
  });

  it('indexes a byline near the top as the author\'s, and reads such a text anew', () => {
    const text = 'Library closures shelved\n\nBy Priya Natarajan, Local Democracy Reporter\n\nThree libraries will stay open. By then, the council said, the money would be found.';
    const article = parsed('libraries.txt', text);
    const passages = segmentArticle(article.id, article.text, article.headings);
    expect(passages[0]).toMatchObject({ text: 'By Priya Natarajan, Local Democracy Reporter', context: BYLINE_CONTEXT });
    expect(passages.slice(1).every((p) => p.context === undefined)).toBe(true);
    // An index built before bylines were read so holds the text's own hash (with its headline's tag): not this one.
    expect(article.hash).not.toBe(sha256(Buffer.concat([Buffer.from('headline 1\n'), Buffer.from(text)])));
    expect(hasByline(article.text)).toBe(true);
    expect(hasByline('The council met. By then it was late.')).toBe(false);
    // A reporter's place after the name: "By Callum Reid at Fenwick Park", "By Olga Petrenko in Kyiv".
    expect(hasByline('Rovers win\n\nBy Callum Reid at Fenwick Park\n\nRovers won.')).toBe(true);
    expect(hasByline('Talks\n\nBy Olga Petrenko in Kyiv\n\nThe talks began.')).toBe(true);
  });

  it('takes no list item, byline or closing line of a .txt file for a heading', () => {
    const text = ['By Tom Ellery', '', 'The spray cut colds.', '', '- Free spray for all homes', '', 'Staff said so.', '', 'Updated on Monday', '', 'It ends here.', '', 'More to follow'].join('\n');
    expect(parsed('notes.txt', text).headings).toBeUndefined();
  });

  it('refuses a .md file with nothing but headings, which would have no sentence to quote', () => {
    expect(parseArticle('f.md', Buffer.from('# Only headings\n\n## Part one\n\n## Part two\n'))).toEqual({ reason: 'nothing but headings, no sentence to quote; skipped' });
  });

  it('refuses a .md file with nothing but markup', () => {
    expect(parseArticle('e.md', Buffer.from('![only](an-image.png)\n\n---\n'))).toEqual({ reason: 'no text to index; skipped' });
  });
});
