/**
 * Hot reload: a file dropped into, edited in or removed from the articles folder while the service runs is served
 * without a restart, and questions keep being answered from the previous generation while the next one builds.
 * The bot case goes through the real discord.js client against the stand-in.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder } from '../../src/embedding/create-embedder.js';
import { DEFAULT_MODEL, loadConfig } from '../../src/config.js';
import { taggedSpans } from '../../src/answer/answer-types.js';
import { namesAhead, packSpans } from '../../src/answer/names-ahead.js';
import { readNamesFile, sentenceKey } from '../../src/answer/names-file.js';
import { NAMES_FILE } from '../../src/service/served-generation.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { createQaService } from '../../src/qa-service.js';
import type { QaService, ReloadReport } from '../../src/types.js';
import { freshUser, startHarness } from '../support/discord-harness.js';
import { ROOT, tempSeedArticles } from '../support/articles.js';
import { until } from '../support/until.js';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'follow-ups', 'articles');
const TRAM = fs.readFileSync(path.join(FIXTURES, 'tram-line.md'), 'utf8');
const CUP = fs.readFileSync(path.join(FIXTURES, 'cup-final.md'), 'utf8');

let embedder: Embedder;
const made: string[] = [];

beforeAll(async () => {
  embedder = await createEmbedder(DEFAULT_MODEL);
});

afterAll(async () => {
  await embedder.close();
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

async function watchedService(env: NodeJS.ProcessEnv = {}, notices?: string[]): Promise<{ service: QaService; articlesDir: string; indexDir: string; reports: ReloadReport[] }> {
  const articlesDir = tempSeedArticles('footnote-hot-articles-');
  const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'footnote-hot-index-'));
  made.push(articlesDir, indexDir);
  const service = await createQaService({ config: loadConfig(env), articlesDir, indexDir, embedder, watch: true, ...(notices ? { onNotice: (m: string) => notices.push(m) } : {}) });
  const reports: ReloadReport[] = [];
  service.onReload((report) => reports.push(report));
  return { service, articlesDir, indexDir, reports };
}

describe('hot reload of the articles folder', () => {
  it('answers from a file dropped in within 5 s, from the new article, without a restart', async () => {
    const { service, articlesDir, reports } = await watchedService();
    try {
      const before = await service.ask('How much will the tram line cost?');
      expect(before.citations.every((c) => c.article !== 'tram-line')).toBe(true);
      const dropped = performance.now();
      fs.writeFileSync(path.join(articlesDir, 'tram-line.md'), TRAM);
      const answer = await until(async () => {
        const a = await service.ask('How much will the tram line cost?');
        return a.answered && a.citations[0]?.article === 'tram-line' ? a : undefined;
      }, 5_000);
      const ms = performance.now() - dropped;
      console.log(`hot reload: a dropped news article (tram-line.md) answerable after ${ms.toFixed(0)} ms`);
      expect(ms).toBeLessThan(5_000);
      expect(answer.citations[0]).toMatchObject({ article: 'tram-line', id: '2.1' });
      expect(reports.at(-1)).toMatchObject({ status: 'swapped', added: ['tram-line'], changed: [], removed: [] });
      // The seed question still answers from the seed.
      const seed = await service.ask('Who leads the Russian delegation?');
      expect(seed.citations.some((c) => c.article === '000_ce70d124781ea012' && c.id === '11.1')).toBe(true);
    } finally {
      await service.close();
    }
  });

  it('tags the served sentences for names ahead (TAG_AHEAD=1), then a new article\'s, keeps them beside the index, and forgets them on close', async () => {
    const notices: string[] = [];
    const { service, articlesDir, indexDir } = await watchedService({ TAG_AHEAD: '1' }, notices);
    const textOf = async (query: string, article: string) => (await service.search(query, 5)).find((hit) => hit.passage.article === article)?.passage.text;
    const seed = (await textOf('Medinsky leads the delegation', '000_ce70d124781ea012'))!;
    try {
      expect(await until(() => namesAhead(seed), 10_000)).toEqual(taggedSpans(seed));
      // The operator is told, once the table is complete, what kept a core busy.
      expect(await until(() => notices.find((m) => m.startsWith('Names tagged ahead for ')), 10_000)).toMatch(/^Names tagged ahead for \d+ sentences in [\d.]+ s \(\d+ tagged, the rest kept from before\)\.$/);
      fs.writeFileSync(path.join(articlesDir, 'tram-line.md'), TRAM);
      const tram = await until(() => textOf('Mayor Ruiz-Whitfield called the vote', 'tram-line'), 5_000);
      expect(await until(() => namesAhead(tram), 10_000)).toEqual(taggedSpans(tram));
      // Kept beside the index for the next start, the new article's sentences with the rest.
      const saved = await until(async () => (await readNamesFile(path.join(indexDir, NAMES_FILE)))?.get(sentenceKey(tram)), 10_000);
      expect(saved).toEqual(packSpans([taggedSpans(tram)]));
      expect((await readNamesFile(path.join(indexDir, NAMES_FILE)))!.has(sentenceKey(seed))).toBe(true);
    } finally {
      await service.close();
    }
    expect(namesAhead(seed)).toBeUndefined();
  });

  it('keeps answering from the previous generation while the next one builds, then swaps', async () => {
    const { service, articlesDir } = await watchedService();
    try {
      fs.writeFileSync(path.join(articlesDir, 'cup-final.md'), CUP);
      const reloading = service.reload();
      const during: boolean[] = [];
      let swapped = false;
      void reloading.then(() => (swapped = true));
      while (!swapped) {
        const answer = await service.ask('Who leads the Russian delegation?');
        during.push(answer.answered && answer.citations.some((c) => c.id === '11.1'));
      }
      expect(during.length).toBeGreaterThan(0);
      expect(during.every(Boolean)).toBe(true);
      const report = await reloading;
      expect(['swapped', 'unchanged']).toContain(report.status);
      expect(service.about().articles.map((a) => a.id).sort()).toEqual(['000_ce70d124781ea012', 'cup-final']);
    } finally {
      await service.close();
    }
  });

  it('serves an edited file as changed and a removed one no more', async () => {
    const { service, articlesDir, reports } = await watchedService();
    try {
      const file = path.join(articlesDir, 'tram-line.md');
      fs.writeFileSync(file, TRAM);
      await until(() => (service.about().articles.some((a) => a.id === 'tram-line') ? true : undefined), 5_000);
      fs.writeFileSync(file, TRAM.replace('$412 million.', '$455 million.'));
      await until(() => (service.source('tram-line:2.1')?.passage.text.includes('$455 million') ? true : undefined), 5_000);
      expect(reports.some((r) => r.changed.includes('tram-line'))).toBe(true);
      fs.rmSync(file);
      await until(() => (service.about().articles.length === 1 ? true : undefined), 5_000);
      expect(service.source('tram-line:2.1')).toBeUndefined();
      expect(reports.at(-1)).toMatchObject({ status: 'swapped', removed: ['tram-line'] });
    } finally {
      await service.close();
    }
  });

  it('keeps serving when the folder changes into something it cannot serve (every article gone)', async () => {
    const { service, articlesDir } = await watchedService();
    try {
      for (const name of fs.readdirSync(articlesDir)) fs.rmSync(path.join(articlesDir, name));
      const report = await service.reload();
      expect(report.status).toBe('failed');
      expect(report.error).toMatch(/No articles found/);
      expect((await service.ask('Who leads the Russian delegation?')).answered).toBe(true);
    } finally {
      await service.close();
    }
  });
});

describe('hot reload through the bot', () => {
  it('answers a mention from a file dropped in while the bot runs, within 5 s', async () => {
    const { service, articlesDir } = await watchedService();
    const h = await startHarness({ service });
    try {
      const user = freshUser(h.standIn);
      const dropped = performance.now();
      fs.writeFileSync(path.join(articlesDir, 'tram-line.md'), TRAM);
      await until(() => (service.about().articles.length === 2 ? true : undefined), 5_000);
      const asked = h.standIn.sendMessage(`${h.standIn.mention()} How much will the tram line cost?`, { user });
      const reply = await h.standIn.waitForMessageReply(asked.id);
      const ms = performance.now() - dropped;
      console.log(`hot reload through the bot: dropped file → reply citing it after ${ms.toFixed(0)} ms`);
      expect(ms).toBeLessThan(5_000);
      const embed = reply.embeds[0]!;
      expect(embed.description).toContain('$412 million');
      expect(embed.fields!.map((f) => f.value).join('\n')).toContain('Larkfield council approves $412 million tram line');
    } finally {
      await h.close();
      await service.close();
    }
  });
});
