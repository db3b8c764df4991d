/**
 * `/article add | list | remove | use` through the real bot (discord.js) against the local stand-in. Two stand-ins are
 * two Discord servers (each its own guild id) served by one engine and one articles folder, so what one server adds
 * the other never sees. Articles come from an attachment and from a URL served by a local HTTP server; answers switch
 * to a new article without a restart; a channel (and its thread) can be narrowed to some articles.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { APIEmbed, APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder } from '../../src/embedding/create-embedder.js';
import { DEFAULT_MODEL } from '../../src/config.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { createQaService } from '../../src/qa-service.js';
import type { InteractionHandle } from '../../src/stand-in/index.js';
import { waitFor } from '../../src/stand-in/wait-for.js';
import type { QaService } from '../../src/types.js';
import { ROOT, SEED_FILE, tempSeedArticles } from '../support/articles.js';
import { startHarness, type Harness } from '../support/discord-harness.js';

const SEED = SEED_FILE.replace(/\.txt$/, '');
const TRAM = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'follow-ups', 'articles', 'tram-line.md'), 'utf8');
const PAGE = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'ingest', 'harbour-ferry.html'), 'utf8');
const FERRY_TITLE = 'Harbour ferry returns after 18-month repair';
const TRAM_TITLE = 'Larkfield council approves $412 million tram line after marathon session';

let embedder: Embedder;
let service: QaService;
let articlesDir: string;
let indexDir: string;
/** Server A may not fetch private addresses (the default); server B's operator allowed them. */
let a: Harness;
let b: Harness;
let page: http.Server;
let storyUrl: string;
/** Article ids as each server's /article add named them. */
const ids: Record<string, string> = {};

beforeAll(async () => {
  articlesDir = tempSeedArticles('footnote-discord-articles-');
  indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'footnote-discord-articles-index-'));
  embedder = await createEmbedder(DEFAULT_MODEL);
  service = await createQaService({ articlesDir, indexDir, embedder, watch: true });
  page = http.createServer((req, res) => {
    if (req.url === '/story') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
  storyUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/story`;
  a = await startHarness({ service, articlesDir });
  b = await startHarness({ service, articlesDir, fetchAllowPrivate: true });
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await service?.close();
  await embedder?.close();
  page?.closeAllConnections();
  page?.close();
  fs.rmSync(articlesDir, { recursive: true, force: true });
  fs.rmSync(indexDir, { recursive: true, force: true });
});

/** The reply once it is final: not loading, and past the ⏳ progress edits. */
async function finalReply(h: Harness, handle: InteractionHandle): Promise<APIMessage> {
  return waitFor(() => {
    const message = h.standIn.original(handle);
    return message && !message.content.startsWith('⏳') && (message.content || message.embeds.length) ? message : undefined;
  }, { timeoutMs: 20_000, what: 'the final reply' });
}

const embedOf = (m: APIMessage): APIEmbed => m.embeds[0]!;
const sources = (m: APIMessage) => (embedOf(m).fields ?? []).map((f) => f.value).join('\n');

async function ask(h: Harness, question: string, channelId?: string): Promise<APIMessage> {
  const handle = h.standIn.sendSlashCommand('ask', { question }, { user: 'bob', ...(channelId ? { channelId } : {}) });
  return h.standIn.waitForReply(handle);
}

/** The article titles an /ask reply's Sources lines name, in order. */
function citedArticles(m: APIMessage): string[] {
  // A title with a link is `[title](url)`.
  return [...sources(m).matchAll(/^\*\*\[\d+\]\*\* (.*?) · `([^`]+)`/gm)].map((line) => line[1]!.replace(/^\[(.*)\]\(.*\)$/, '$1'));
}

describe('/article add', () => {
  it('adds an attached file, showing progress, and answers from it at once', async () => {
    const before = await ask(a, 'How much will the tram line cost?');
    expect(citedArticles(before).some((title) => title.includes('Larkfield'))).toBe(false);
    const handle = a.standIn.sendSlashCommand('article add', { file: { name: 'tram-line.md', content: TRAM, contentType: 'text/markdown' } }, { user: 'mod' });
    const reply = await finalReply(a, handle);
    expect(reply.content).toMatch(/^Added \*\*Larkfield council approves \$412 million tram line after marathon session\*\* as `tram-line-[0-9a-f]{4}`: 32 sentences, ready in [\d.]+ s\./);
    ids.tram = /as `([^`]+)`/.exec(reply.content)![1]!;
    // Progress was shown in the reply before the result: the first edit of @original is a ⏳ step.
    const edits = a.standIn.requests.filter((r) => r.method === 'PATCH' && r.params.token === handle.token);
    expect(edits[0]!.body!.content).toMatch(/^⏳ Reading \*\*tram-line\.md\*\*/);
    expect(edits.length).toBeGreaterThanOrEqual(2);
    // The file is kept as the server's own.
    expect(fs.existsSync(path.join(articlesDir, 'servers', a.standIn.guildId, `${ids.tram}.md`))).toBe(true);
    const after = await ask(a, 'How much will the tram line cost?');
    expect(embedOf(after).description).toContain('$412 million');
    expect(citedArticles(after)[0]).toBe(TRAM_TITLE);
  });

  it('opens /source in the cited article: a shared bare id asks which, a full ref and its suggestion name the article', async () => {
    const tramSentence = service.article(ids.tram!)!.paragraphs[1]!.text;
    const bare = await a.standIn.waitForReply(a.standIn.sendSlashCommand('source', { id: '2.1' }, { user: 'bob' }));
    expect(bare.content).toContain('`2.1` is in 2 articles');
    expect(bare.content).toContain(TRAM_TITLE);
    expect(bare.content).toContain(`\`${ids.tram}:2.1\``);
    const full = embedOf(await a.standIn.waitForReply(a.standIn.sendSlashCommand('source', { id: `${ids.tram}:2.1` }, { user: 'bob' })));
    expect(JSON.stringify(full)).toContain(TRAM_TITLE.slice(0, 40));
    expect(full.description!.replace(/[_*]/g, '')).toContain(tramSentence.split(/(?<=[.!?])\s/)[0]!.replace(/[_*]/g, '').slice(0, 60));
    const choices = await a.standIn.sendAutocomplete('source', 'id', '2.', {}, { user: 'bob' });
    const values = choices.map((c) => String(c.value));
    expect(values).toContain(`${ids.tram}:2.1`);
    expect(new Set(values).size).toBe(values.length);
    expect(choices.find((c) => c.value === `${ids.tram}:2.1`)!.name).toContain('Larkfield');
  });

  it('refuses a URL on a private address with the reason, when the operator has not allowed them', async () => {
    const handle = a.standIn.sendSlashCommand('article add', { url: storyUrl }, { user: 'mod' });
    const reply = await finalReply(a, handle);
    expect(reply.content).toBe(`Not added. Not fetching ${storyUrl}: 127.0.0.1 is a private or loopback address`);
  });

  it('adds a news page from a URL as its story only, in the server whose operator allows the address', async () => {
    const handle = b.standIn.sendSlashCommand('article add', { url: storyUrl }, { user: 'mod' });
    const reply = await finalReply(b, handle);
    expect(reply.content).toMatch(/^Added \*\*Harbour ferry returns after 18-month repair\*\* as `(harbour-ferry-returns-after-18-month-repair-[0-9a-f]{4})`: 9 sentences/);
    ids.ferry = /as `([^`]+)`/.exec(reply.content)![1]!;
    const stored = service.article(ids.ferry!)!;
    const text = stored.paragraphs.map((p) => p.text).join('\n');
    for (const junk of ['Subscribe', 'ADVERTISEMENT', 'SPONSORED', 'Related stories', 'harbourwatcher', 'scandal', 'All rights reserved']) expect(text).not.toContain(junk);
    const answer = await ask(b, 'How much did the ferry repair cost?');
    expect(embedOf(answer).description).toContain('$6.2 million');
    expect(citedArticles(answer)[0]).toBe(FERRY_TITLE);
  });

  it('refuses members without Manage Messages (Discord hides the command from them)', () => {
    expect(() => a.standIn.sendSlashCommand('article add', { url: storyUrl }, { user: 'alice' })).toThrow(/needs permissions/);
  });
});

describe('servers are isolated', () => {
  it('never shows one server the articles another added', async () => {
    const ferryInA = await ask(a, 'How much did the ferry repair cost?');
    expect(citedArticles(ferryInA)).not.toContain(FERRY_TITLE);
    const tramInB = await ask(b, 'How much will the tram line cost?');
    expect(citedArticles(tramInB).some((title) => title.includes('Larkfield'))).toBe(false);
    const list = await a.standIn.waitForReply(a.standIn.sendSlashCommand('article list', {}, { user: 'mod' }));
    expect(list.content).toContain(ids.tram);
    expect(list.content).not.toContain(ids.ferry);
    const source = await a.standIn.waitForReply(a.standIn.sendSlashCommand('source', { id: `${ids.ferry}:1.1` }, { user: 'bob' }));
    expect(source.content).toContain('There is no sentence');
    const choices = await a.standIn.sendAutocomplete('source', 'id', 'ferry', {}, { user: 'bob' });
    expect(choices.some((c) => String(c.value).startsWith(ids.ferry!))).toBe(false);
    const removeChoices = await b.standIn.sendAutocomplete('article remove', 'article', '', {}, { user: 'mod' });
    expect(removeChoices.map((c) => c.value)).toEqual([ids.ferry]);
  });
});

describe('/article use', () => {
  it('narrows a channel to the chosen articles, its thread follows unless it has its own choice', async () => {
    const { channelId, threadId } = a.standIn;
    const choices = await a.standIn.sendAutocomplete('article use', 'articles', 'larkf', {}, { user: 'mod' });
    expect(choices.map((c) => c.value)).toEqual([ids.tram]);
    const use = await a.standIn.waitForReply(a.standIn.sendSlashCommand('article use', { articles: ids.tram! }, { user: 'mod' }));
    expect(use.content).toBe(`This channel now answers from **${TRAM_TITLE}**.`);
    const onlyTram = (m: APIMessage) => citedArticles(m).length > 0 && citedArticles(m).every((title) => title === TRAM_TITLE);
    expect(onlyTram(await ask(a, 'Who leads the Russian delegation?', channelId))).toBe(true);
    expect(onlyTram(await ask(a, 'Who leads the Russian delegation?', threadId))).toBe(true);
    await a.standIn.waitForReply(a.standIn.sendSlashCommand('article use', { articles: SEED }, { user: 'mod', channelId: threadId }));
    const ownChoice = await ask(a, 'Who leads the Russian delegation?', threadId);
    expect(embedOf(ownChoice).description).toContain('Vladimir Medinsky');
    expect(onlyTram(await ask(a, 'Who leads the Russian delegation?', channelId))).toBe(true);
    // The other server's channels are untouched by this one's choice.
    expect(embedOf(await ask(b, 'Who leads the Russian delegation?')).description).toContain('Vladimir Medinsky');
    const all = await a.standIn.waitForReply(a.standIn.sendSlashCommand('article use', { articles: 'all' }, { user: 'mod' }));
    expect(all.content).toBe("This channel now answers from all of this server's articles (2).");
    expect(embedOf(await ask(a, 'Who leads the Russian delegation?', channelId)).description).toContain('Vladimir Medinsky');
  });

  it('refuses an id that is not one of the server’s articles', async () => {
    const reply = await a.standIn.waitForReply(a.standIn.sendSlashCommand('article use', { articles: ids.ferry! }, { user: 'mod' }));
    expect(reply.content).toContain('not an article of this server');
  });
});

describe('/article remove', () => {
  it('removes a server’s own article; its questions stop using it; a shared one stays', async () => {
    const shared = await a.standIn.waitForReply(a.standIn.sendSlashCommand('article remove', { article: SEED }, { user: 'mod' }));
    expect(shared.content).toContain('shared by every server');
    const handle = a.standIn.sendSlashCommand('article remove', { article: ids.tram! }, { user: 'mod' });
    const removed = await finalReply(a, handle);
    expect(removed.content).toBe(`Removed **${TRAM_TITLE}**; questions here no longer use it.`);
    const after = await ask(a, 'How much will the tram line cost?');
    expect(citedArticles(after).some((title) => title.includes('Larkfield'))).toBe(false);
    // Server B's article is untouched.
    expect(service.about({ server: b.standIn.guildId }).articles.map((x) => x.id)).toContain(ids.ferry);
  });
});
