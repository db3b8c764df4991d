/**
 * Adding articles from HTML and URLs: a news page served by a local HTTP server (navigation, ads, related links and
 * comments around the story) becomes an article of the story's sentences only, quoted verbatim; fetching refuses
 * what it must (private addresses unless allowed, other schemes, too many redirects, wrong types, too big, too slow)
 * with the reason in words; `npm run ingest -- <url>` adds one and `npm run ask` answers from it.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/article/extract-html.js';
import { parseArticle } from '../../src/article/load.js';
import { segmentArticle } from '../../src/article/segment.js';
import { articleFromFile, articleFromUrl } from '../../src/ingest/article-source.js';
import { DEFAULT_FETCH_LIMITS, fetchPage, type FetchLimits } from '../../src/ingest/fetch-page.js';
import { isPrivateAddress } from '../../src/ingest/private-address.js';
import { ROOT, tempSeedArticles } from '../support/articles.js';

const PAGE = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'ingest', 'harbour-ferry.html'), 'utf8');
/** The story's own paragraphs, as written in the page. */
const STORY = [...PAGE.slice(PAGE.indexOf('<article'), PAGE.indexOf('<aside')).matchAll(/<p>([^<]+)<\/p>/g)].map((m) => m[1]!);
/** Text around the story that must not become part of the article. */
const BOILERPLATE = ['Subscribe for 99 cents', 'Brightwater Mortgages', 'Seaview Spa', 'Related stories', 'Council votes on tram line', 'harbourwatcher', 'About time!', 'Still too expensive', 'sounds like a scandal', 'Larkfield Motors', 'All rights reserved', 'window.analytics'];

let server: http.Server;
let base: string;
const LOCAL: FetchLimits = { ...DEFAULT_FETCH_LIMITS, allowPrivate: true, timeoutMs: 1_500, maxBytes: 64 * 1024 };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const hops = /^\/hop\/(\d+)$/.exec(url.pathname);
    if (url.pathname === '/story') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    else if (url.pathname === '/moved') res.writeHead(301, { location: '/story' }).end();
    else if (hops) res.writeHead(302, { location: Number(hops[1]) > 0 ? `/hop/${Number(hops[1]) - 1}` : '/story' }).end();
    else if (url.pathname === '/to-file') res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    else if (url.pathname === '/image') res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(100));
    else if (url.pathname === '/huge') res.writeHead(200, { 'content-type': 'text/html' }).end(`<p>${'word '.repeat(40_000)}</p>`);
    else if (url.pathname === '/slow') res.writeHead(200, { 'content-type': 'text/html' }).write('<html>');
    else if (url.pathname === '/notes.txt') res.writeHead(200, { 'content-type': 'text/plain' }).end('Ferry notes. The ferry runs every 30 minutes.');
    else res.writeHead(404).end('not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('extractArticle', () => {
  it('keeps the story, its title, byline and date, and leaves navigation, ads, related links and comments behind', () => {
    const extracted = extractArticle(PAGE)!;
    expect(extracted).toMatchObject({ title: 'Harbour ferry returns after 18-month repair', byline: 'Maya Lindqvist', published: '2026-03-04' });
    expect(extracted.text.split('\n\n')).toEqual(STORY);
    for (const junk of BOILERPLATE) expect(extracted.text).not.toContain(junk);
  });

  it('gives an article whose every sentence is the story’s, and is a verbatim slice of the stored text', () => {
    const prepared = articleFromFile('harbour-ferry.html', Buffer.from(PAGE));
    const parsed = parseArticle(`harbour-ferry${prepared.extension}`, Buffer.from(prepared.content));
    if ('reason' in parsed) throw new Error(parsed.reason);
    const passages = segmentArticle(parsed.article.id, parsed.article.text);
    // Six paragraphs, nine sentences ("11 p.m." carries on into the quote after it, as the segmenter reads it).
    expect(passages.map((p) => p.id)).toEqual(['1.1', '2.1', '2.2', '3.1', '4.1', '4.2', '5.1', '6.1', '6.2']);
    for (const p of passages) {
      expect(parsed.article.text.slice(p.start, p.end)).toBe(p.text);
      expect(STORY.some((paragraph) => paragraph.includes(p.text))).toBe(true);
    }
    expect(parsed.article).toMatchObject({ title: 'Harbour ferry returns after 18-month repair', published: '2026-03-04' });
    expect(prepared.name).toBe('harbour-ferry-returns-after-18-month-repair');
  });

  it('names the article by the page\'s headline, not its title with the site name, and quotes no sub-heading', () => {
    const page = [
      '<html><head><title>Bridge reopens after repairs | Daily Gazette</title></head><body><article>',
      '<h1>Bridge reopens after repairs</h1><p>The Mill Lane bridge reopened on Monday after eight months of repairs.</p>',
      '<p>Engineers replaced its steel bearings, the council said.</p><h2>Why it closed</h2>',
      '<p>The bridge was shut in April after inspectors found cracks in two of its supports.</p></article></body></html>',
    ].join('');
    const prepared = articleFromFile('bridge.html', Buffer.from(page));
    expect(prepared.name).toBe('bridge-reopens-after-repairs');
    const parsed = parseArticle(`bridge${prepared.extension}`, Buffer.from(prepared.content));
    if ('reason' in parsed) throw new Error(parsed.reason);
    expect(parsed.article.title).toBe('Bridge reopens after repairs');
    expect(segmentArticle(parsed.article.id, parsed.article.text, parsed.article.headings).map((p) => p.text)).not.toContain('Why it closed');
  });

  it('refuses a page with no story', () => {
    expect(() => articleFromFile('empty.html', Buffer.from('<html><body><nav><a href="/">Home</a></nav></body></html>'))).toThrow(
      'Cannot add empty.html as an article: no article text found in the page',
    );
  });
});

describe('fetchPage', () => {
  it('refuses loopback and private addresses unless the operator allows them', async () => {
    await expect(fetchPage(`${base}/story`)).rejects.toThrow(`Not fetching ${base}/story: 127.0.0.1 is a private or loopback address`);
    await expect(fetchPage('http://10.1.2.3/x')).rejects.toThrow('10.1.2.3 is a private or loopback address');
    await expect(fetchPage('http://[::1]:8080/x')).rejects.toThrow('::1 is a private or loopback address');
    await expect(fetchPage('http://localhost:8080/x')).rejects.toThrow('localhost is this machine');
    // A name that resolves to loopback is caught when it is resolved, at connect time.
    const viaName = `http://${os.hostname()}:${new URL(base).port}/story`;
    await expect(fetchPage(viaName)).rejects.toThrow(/resolves to 127\.0\.0\.1, a private or loopback address/);
    expect((await fetchPage(`${base}/story`, LOCAL)).text).toBe(PAGE);
  });

  it('refuses other schemes, a redirect to one, and too many redirects; follows a few', async () => {
    await expect(fetchPage('ftp://example.com/a.html', LOCAL)).rejects.toThrow('only http and https addresses are fetched, not ftp');
    await expect(fetchPage(`${base}/to-file`, LOCAL)).rejects.toThrow('only http and https addresses are fetched, not file');
    await expect(fetchPage(`${base}/hop/9`, LOCAL)).rejects.toThrow('more than 5 redirects');
    const moved = await fetchPage(`${base}/hop/2`, LOCAL);
    expect(moved.url).toBe(`${base}/story`);
  });

  it('refuses a type that is not a page, a body over the size limit, a server too slow, an error status', async () => {
    await expect(fetchPage(`${base}/image`, LOCAL)).rejects.toThrow('it is image/png, not a web page or text');
    await expect(fetchPage(`${base}/huge`, LOCAL)).rejects.toThrow('the page is larger than 0.0625 MB');
    const started = Date.now();
    await expect(fetchPage(`${base}/slow`, LOCAL)).rejects.toThrow('no answer within 1.5 s');
    expect(Date.now() - started).toBeLessThan(3_000);
    await expect(fetchPage(`${base}/missing`, LOCAL)).rejects.toThrow('the server answered 404');
  });

  it('stores a fetched text file as it is, and a page by its title', async () => {
    expect((await articleFromUrl(`${base}/notes.txt`, LOCAL)).content).toBe('Ferry notes. The ferry runs every 30 minutes.');
    const page = await articleFromUrl(`${base}/moved`, LOCAL);
    expect(page.name).toBe('harbour-ferry-returns-after-18-month-repair');
    expect(page.content).toContain(`url: ${base}/story`);
  });
});

describe('isPrivateAddress', () => {
  it('knows the private, loopback, link-local and mapped ranges from public ones', () => {
    for (const a of ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1']) {
      expect(isPrivateAddress(a)).toBe(true);
    }
    for (const a of ['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111']) expect(isPrivateAddress(a)).toBe(false);
  });
});

describe('npm run ingest -- <url>', () => {
  it('adds the page as an article, indexes it, and npm run ask answers from it', async () => {
    const articlesDir = tempSeedArticles();
    const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'footnote-ingest-url-'));
    // Asynchronously: this process serves the page the child fetches.
    const npm = (args: string[], extra: Record<string, string> = {}) =>
      promisify(execFile)('npm', ['run', '--silent', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, ARTICLES_DIR: articlesDir, INDEX_DIR: indexDir, EMBEDDING_MODEL: '', DISCORD_TOKEN: '', ...extra },
        timeout: 60_000,
      }).then(
        (done) => ({ status: 0, stdout: done.stdout, stderr: done.stderr }),
        (failed: { code: number; stdout: string; stderr: string }) => ({ status: failed.code, stdout: failed.stdout, stderr: failed.stderr }),
      );
    try {
      const refused = await npm(['ingest', '--', `${base}/story`]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('127.0.0.1 is a private or loopback address');
      const added = await npm(['ingest', '--', `${base}/story`], { FETCH_ALLOW_PRIVATE: '1' });
      expect(added.stderr).toBe('');
      expect(added.status).toBe(0);
      expect(added.stdout).toContain('Added “Harbour ferry returns after 18-month repair” as harbour-ferry-returns-after-18-month-repair.txt.');
      expect(added.stdout).toMatch(/2 article\(s\), 26 sentences; 26 embedded, 0 reused/);
      const asked = await npm(['ask', '--', '--json', 'How much did the ferry repair cost?']);
      const answer = JSON.parse(asked.stdout);
      expect(answer.answered).toBe(true);
      expect(answer.citations[0]).toMatchObject({ article: 'harbour-ferry-returns-after-18-month-repair', id: '1.1' });
      expect(STORY[0]).toContain(answer.citations[0].quote);
    } finally {
      fs.rmSync(articlesDir, { recursive: true, force: true });
      fs.rmSync(indexDir, { recursive: true, force: true });
    }
  });
});
