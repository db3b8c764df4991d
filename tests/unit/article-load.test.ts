import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/article/front-matter.js';
import { loadArticles, parseArticle } from '../../src/article/load.js';

describe('splitFrontMatter', () => {
  it('reads title, url and published and starts the body after the block', () => {
    const text = '---\ntitle: Talks in Istanbul\nurl: https://example.com/a\npublished: 2025-05-15\n---\nBody here.';
    const split = splitFrontMatter(text);
    expect(split.meta).toEqual({ title: 'Talks in Istanbul', url: 'https://example.com/a', published: '2025-05-15' });
    expect(text.slice(split.bodyStart)).toBe('Body here.');
    expect(split.problem).toBeUndefined();
  });

  it('reads a text without front matter as all body', () => {
    expect(splitFrontMatter('Just text.')).toEqual({ meta: {}, bodyStart: 0 });
  });

  it('reports a block that never closes and keeps the whole text', () => {
    const split = splitFrontMatter('---\ntitle: x\nno end');
    expect(split.bodyStart).toBe(0);
    expect(split.problem).toMatch(/never closes/);
  });

  it('reports invalid YAML and ignores the block', () => {
    const split = splitFrontMatter('---\ntitle: [unclosed\n---\nBody.');
    expect(split.meta).toEqual({});
    expect(split.problem).toMatch(/not valid YAML/);
  });

  it('drops a url that is not http(s)', () => {
    expect(splitFrontMatter('---\nurl: javascript:alert(1)\n---\nB').meta).toEqual({});
  });
});

describe('parseArticle', () => {
  it('refuses empty, binary and invalid UTF-8 files with a reason', () => {
    expect(parseArticle('a.txt', Buffer.alloc(0))).toEqual({ reason: 'empty file; skipped' });
    expect(parseArticle('b.txt', Buffer.from([0x41, 0x00, 0x42]))).toMatchObject({ reason: expect.stringMatching(/binary/) });
    expect(parseArticle('c.txt', Buffer.from([0x41, 0xff, 0xfe, 0x42]))).toMatchObject({ reason: expect.stringMatching(/UTF-8/) });
  });

  it('strips a byte-order mark so offsets index the text users see', () => {
    const result = parseArticle('d.txt', Buffer.from('\uFEFFHello world.', 'utf8'));
    expect('article' in result && result.article.text).toBe('Hello world.');
  });
});

describe('loadArticles', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'footnote-articles-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads .txt and .md files in name order, reports bad ones by name and goes on', () => {
    fs.writeFileSync(path.join(dir, 'b.md'), '---\ntitle: B\n---\nSecond article.');
    fs.writeFileSync(path.join(dir, 'a.txt'), 'First article.');
    fs.writeFileSync(path.join(dir, 'c.txt'), '');
    fs.writeFileSync(path.join(dir, 'd.txt'), 'First article.');
    fs.writeFileSync(path.join(dir, 'notes.json'), '{}');
    const { articles, problems } = loadArticles(dir);
    expect(articles.map((a) => [a.id, a.title])).toEqual([
      // No front matter: a one-letter name says nothing, so the first sentence names it.
      ['a', 'First article'],
      ['b', 'B'],
    ]);
    expect(problems).toEqual([
      { file: 'c.txt', reason: 'empty file; skipped' },
      { file: 'd.txt', reason: 'same content as a.txt; skipped' },
    ]);
  });

  it('fails clearly when the folder does not exist', () => {
    expect(() => loadArticles(path.join(dir, 'missing'))).toThrow(/articles folder .* does not exist/);
  });
});
