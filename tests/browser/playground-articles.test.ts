/**
 * The playground with two articles loaded, in Chromium: every `[n]`, every sentence-id pill and every `/source`
 * reply opens the cited article's sentence, and the article pane switches to that article. Both articles have a
 * sentence `2.1`, so a link that fell back to "the first article" would light up the wrong one.
 *
 * Needs Chromium: `apt-get install -y chromium` (or set CHROMIUM_PATH).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { createQaService } from '../../src/qa-service.js';
import { startPlayground, type Playground } from '../../src/playground/server.js';
import type { QaService } from '../../src/types.js';
import { copySeedArticle, ROOT, SEED_FILE } from '../support/articles.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RESULTS = path.join(ROOT, 'test-results');
const TRAM = path.join(ROOT, 'tests', 'fixtures', 'follow-ups', 'articles', 'tram-line.md');
const SEED = SEED_FILE.replace(/\.txt$/, '');

let service: QaService;
let pg: Playground;
let browser: Browser;
let page: Page;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'footnote-playground-articles-'));

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run \`apt-get install -y chromium\` or set CHROMIUM_PATH`);
  const launching = chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const articles = copySeedArticle(path.join(tmp, 'articles'));
  copyFileSync(TRAM, path.join(articles, 'tram-line.md'));
  service = await createQaService({ articlesDir: articles, indexDir: path.join(tmp, 'index'), watch: true });
  pg = await startPlayground({ service, dataDir: path.join(tmp, 'data'), port: 0 });
  browser = await launching;
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(pg.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('.article-body .sent');
});

afterAll(async () => {
  await browser?.close();
  await pg?.close();
  await service?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const botMessages = () => page.locator('.msg[data-author="bot"]:not(.is-loading)');

async function send(text: string): Promise<Locator> {
  const before = await botMessages().count();
  await page.fill('#input', text);
  await page.press('#input', 'Enter');
  await page.waitForFunction((n) => document.querySelectorAll('.msg[data-author="bot"]:not(.is-loading)').length > n, before, { timeout: 20_000 });
  const message = botMessages().nth(before);
  await message.waitFor({ state: 'visible' });
  return message;
}

/** The article the pane shows: the one section not hidden. */
const shownArticle = () => page.locator('.article-section:not([hidden])').getAttribute('data-article');
const sentence = (key: string) => page.locator(`.sent[data-key="${key}"]`);

describe('playground with two articles', () => {
  it('names each article by a readable title, in a tab, never by its file id', async () => {
    const tabs = page.locator('.article-tab');
    expect(await tabs.count()).toBe(2);
    const titles = await tabs.allInnerTexts();
    expect(titles).toContain('Larkfield council approves $412 million tram line after marathon session');
    expect(titles.join(' ')).not.toContain(SEED);
    expect(titles.some((t) => t.startsWith('Istanbul - Russia and Ukraine'))).toBe(true);
  });

  it('links the pill and [n] of a tram answer to the tram article and switches the pane to it', async () => {
    const answer = await send('How much will the tram line cost?');
    await answer.locator('.embed-title', { hasText: 'tram line cost' }).waitFor();
    const pill = answer.locator('.embed-fields code.ref').first();
    expect(await pill.innerText()).toBe('2.1');
    expect(await pill.getAttribute('data-key')).toBe('tram-line:2.1');
    const cite = answer.locator('.embed-description .cite').first();
    expect(await cite.getAttribute('data-key')).toBe('tram-line:2.1');
    // Answering turned the pane to the cited article already; show the other one, then follow the pill.
    expect(await shownArticle()).toBe('tram-line');
    await page.locator('.article-tab', { hasText: 'Istanbul' }).click();
    expect(await shownArticle()).toBe(SEED);
    await pill.click();
    await page.waitForFunction(() => document.querySelector('.sent.highlight')?.getAttribute('data-key') === 'tram-line:2.1');
    expect(await shownArticle()).toBe('tram-line');
    expect(await sentence('tram-line:2.1').isVisible()).toBe(true);
    expect(await sentence(`${SEED}:2.1`).isVisible()).toBe(false);
    expect(await page.locator('#article-title').innerText()).toBe('Larkfield council approves $412 million tram line after marathon session');
    mkdirSync(RESULTS, { recursive: true });
    await page.focus('#input');
    await page.mouse.move(700, 890);
    await page.screenshot({ path: path.join(RESULTS, 'playground-two-articles.png') });
  });

  it('still answers the seed question from the seed article, and its [n] switches the pane back', async () => {
    const answer = await send('Who leads the Russian delegation?');
    await answer.locator('.embed-title', { hasText: 'Russian delegation' }).waitFor();
    const description = await answer.locator('.embed-description').innerText();
    const n = /Vladimir Medinsky\.\s*\[(\d+)\]/.exec(description)?.[1];
    expect(n).toBeDefined();
    const cite = answer.locator('.embed-description .cite', { hasText: `[${n}]` });
    expect(await cite.getAttribute('data-key')).toBe(`${SEED}:11.1`);
    // Every citation of this answer is from the seed article.
    const keys = await answer.locator('.embed-description .cite').evaluateAll((links) => links.map((a) => (a as HTMLElement).dataset.key));
    expect(keys.every((key) => key?.startsWith(`${SEED}:`))).toBe(true);
    await page.locator('.article-tab', { hasText: 'Larkfield' }).click();
    await cite.click();
    await page.waitForFunction((key) => document.querySelector('.sent.highlight')?.getAttribute('data-key') === key, `${SEED}:11.1`);
    expect(await shownArticle()).toBe(SEED);
  });

  it('asks which article a bare /source id means when both have it, and names them by title', async () => {
    const reply = await send('/source 2.1');
    const text = await reply.locator('.content').innerText();
    expect(text).toContain('is in 2 articles');
    expect(text).toContain('Larkfield council approves $412 million tram line');
    expect(text).toContain('tram-line:2.1');
    expect(text).toContain(`${SEED}:2.1`);
  });

  it('offers /source choices labelled with their article, and a picked one opens in its article', async () => {
    await page.fill('#input', '/source 412 million');
    const choice = page.locator('.popup-item.choice').first();
    await choice.waitFor();
    expect(await choice.innerText()).toContain('Larkfield council approves');
    await choice.click();
    expect(await page.inputValue('#input')).toBe('/source tram-line:2.1');
    const reply = await send('/source tram-line:2.1');
    expect(await reply.locator('.embed-title').innerText()).toContain('Larkfield council approves');
    const pill = reply.locator('.embed-fields code.ref').first();
    expect(await pill.getAttribute('data-key')).toBe('tram-line:2.1');
    await page.locator('.article-tab', { hasText: 'Istanbul' }).click();
    await pill.click();
    await page.waitForFunction(() => document.querySelector('.sent.highlight')?.getAttribute('data-key') === 'tram-line:2.1');
    expect(await shownArticle()).toBe('tram-line');
  });

  it('shows a file dropped into the articles folder as a new tab, without reloading the page', async () => {
    copyFileSync(path.join(ROOT, 'tests', 'fixtures', 'follow-ups', 'articles', 'cup-final.md'), path.join(tmp, 'articles', 'cup-final.md'));
    await page.locator('.article-tab').nth(2).waitFor({ timeout: 5_000 });
    expect(await page.locator('.article-tab').count()).toBe(3);
    expect(await page.locator('.sent[data-key="cup-final:1.1"]').count()).toBe(1);
  });
});
