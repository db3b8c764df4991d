/**
 * The real bot (discord.js) against the local Discord stand-in, with the real QaService.
 * Assertions are on what the stand-in received over REST: real request bodies.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApplicationCommandType,
  GatewayOpcodes,
  InteractionResponseType,
  MessageFlags,
  PermissionFlagsBits,
  type APIEmbed,
  type APIMessage,
} from 'discord-api-types/v10';
import { createQaService } from '../../src/qa-service.js';
import type { QaService } from '../../src/types.js';
import { StandInError, validateMessageBody, type InteractionHandle } from '../../src/stand-in/index.js';
import { tempSeedArticles } from '../support/articles.js';
import { freshUser, startHarness, type Harness } from '../support/discord-harness.js';

let service: QaService;
let h: Harness;
const indexDir = mkdtempSync(path.join(os.tmpdir(), 'footnote-discord-index-'));
const articlesDir = tempSeedArticles();

beforeAll(async () => {
  service = await createQaService({ articlesDir, indexDir });
  h = await startHarness({ service, cooldownMs: 2_000 });
});

afterAll(async () => {
  await h?.close();
  await service?.close();
  rmSync(indexDir, { recursive: true, force: true });
  rmSync(articlesDir, { recursive: true, force: true });
});

const embedOf = (m: APIMessage): APIEmbed => {
  expect(m.embeds).toHaveLength(1);
  return m.embeds[0]!;
};
const embedText = (e: APIEmbed) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text].join('\n');

/** The bodies sent for one interaction: callback, then edits. */
function bodiesFor(handle: InteractionHandle) {
  const reqs = h.standIn.requestsFor(handle).filter((r) => r.status < 300);
  const callback = reqs.find((r) => r.route === '/interactions/:id/:token/callback');
  const edits = reqs.filter((r) => r.method === 'PATCH');
  return { reqs, callback, edits };
}

function expectValidAndSilent(body: any) {
  expect(validateMessageBody(body)).toEqual([]);
  expect(body.allowed_mentions).toMatchObject({ parse: [] });
}

async function ask(question: string, opts: { private?: boolean; user?: ReturnType<typeof freshUser> } = {}) {
  const handle = h.standIn.sendSlashCommand(
    'ask',
    { question, ...(opts.private !== undefined ? { private: opts.private } : {}) },
    { user: opts.user ?? freshUser(h.standIn) },
  );
  const message = await h.standIn.waitForReply(handle);
  return { handle, message };
}

describe('command registration', () => {
  it('registers every definition to the guild, with the context menu limited to moderators in servers', () => {
    const put = h.standIn.requests.find((r) => r.method === 'PUT' && r.route === '/applications/:app/guilds/:guild/commands');
    expect(put?.status).toBe(200);
    const names = (put!.payload as Array<{ name: string }>).map((c) => c.name).sort();
    expect(names).toEqual(['Check against article', 'about', 'article', 'ask', 'check', 'footnote', 'search', 'source']);
    const menu = h.standIn.guildCommands.find((c) => c.type === ApplicationCommandType.Message)!;
    expect(menu.name).toBe('Check against article');
    expect(menu.default_member_permissions).toBe(PermissionFlagsBits.ManageMessages.toString());
    expect(menu.contexts).toEqual([0]);
    const source = h.standIn.guildCommands.find((c) => c.name === 'source')!;
    expect(source.options?.[0]).toMatchObject({ name: 'id', autocomplete: true, required: true });
  });

  it('connected with only the Guilds and GuildMessages intents (no privileged Message Content)', () => {
    const identify = h.standIn.gatewayLog.find((e) => e.op === GatewayOpcodes.Identify)!;
    expect((identify.d as { intents: number }).intents).toBe(1 | 512);
  });
});

describe('/ask', () => {
  it('answers publicly: deferred, then edited with a cited embed and buttons', async () => {
    const { handle, message } = await ask('Who leads the Russian delegation?');
    const { callback, edits } = bodiesFor(handle);
    expect(callback!.body!.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect((callback!.body!.data?.flags ?? 0) & MessageFlags.Ephemeral).toBe(0);
    expect(edits).toHaveLength(1);
    expectValidAndSilent(edits[0]!.body);
    expect((message.flags ?? 0) & MessageFlags.Ephemeral).toBe(0);
    const embed = embedOf(message);
    expect(embed.title).toBe('Who leads the Russian delegation?');
    // The embed shows exactly what the engine cited, numbered, naming article and citation id.
    const expected = await service.ask('Who leads the Russian delegation?');
    expect(expected.answered).toBe(true);
    const sources = embed.fields!.map((f) => f.value).join('\n');
    // The seed has no front matter: it is named by its first sentence, never by its file id.
    const title = service.about().articles.find((a) => a.id === expected.citations[0]!.article)!.title!;
    expect(title).toMatch(/^Istanbul - Russia and Ukraine/);
    for (const c of expected.citations) {
      expect(embed.description).toContain(`**[${c.n}]**`);
      expect(sources).toContain(`**[${c.n}]** ${title} · \`${c.id}\``);
      expect(embed.description!.replace(/\*\*|\\/g, '')).toContain(c.quote.slice(0, 40).replace(/\*|\\/g, ''));
    }
    const labels = h.standIn.buttonsOf(message.id).map((b) => b.label ?? (b.emoji as { name: string }).name);
    expect(labels).toEqual(['Show context', 'More sources', '👍', '👎']);
  });

  it('real engine: "Who leads the Russian delegation?" cites the sentence naming Vladimir Medinsky', async () => {
    const { message } = await ask('Who leads the Russian delegation?');
    expect(embedOf(message).description).toMatch(/Vladimir\W+Medinsky/);
  });

  it('answers privately with the ephemeral flag on the deferral and the reply', async () => {
    const { handle, message } = await ask('Who leads the Russian delegation?', { private: true });
    const { callback } = bodiesFor(handle);
    expect(callback!.body!.data!.flags! & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(message.flags! & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });

  it('abstains on an off-topic question and lists the closest passages as such', async () => {
    const { message } = await ask('Who is the Prime Minister of Canada?');
    const embed = embedOf(message);
    expect(embed.description).toContain("The article doesn't say");
    expect(embed.description).toContain('Closest passages (not an answer)');
    expect(embed.fields?.[0]?.name).toBe('Closest passages');
  });

  it('never pings @everyone echoed from a question', async () => {
    const { handle, message } = await ask('@everyone who leads the Russian delegation? <@&123456789012345678>');
    expectValidAndSilent(bodiesFor(handle).edits[0]!.body);
    expect(message.mention_everyone).toBe(false);
    expect(message.mentions).toEqual([]);
    expect(embedOf(message).title).not.toMatch(/@everyone|<@&/);
    expect(embedOf(message).title).toContain('@\u200beveryone');
  });

  it('applies a per-user cooldown with a friendly ephemeral message', async () => {
    const user = freshUser(h.standIn);
    await ask('Who leads the Russian delegation?', { user });
    const second = h.standIn.sendSlashCommand('ask', { question: 'Where are the talks?' }, { user });
    const reply = await h.standIn.waitForReply(second);
    expect(reply.content).toMatch(/try again in \d+ s/);
    expect(reply.flags! & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });
});

describe('mentions', () => {
  it('replies to a message that mentions the bot, quoting the article, pinging nobody', async () => {
    const user = freshUser(h.standIn);
    const asked = h.standIn.sendMessage(`${h.standIn.mention()} Who leads the Russian delegation? @everyone`, { user });
    const reply = await h.standIn.waitForMessageReply(asked.id);
    const post = h.standIn.requests.find((r) => r.method === 'POST' && r.route === '/channels/:channel/messages' && r.body?.message_reference?.message_id === asked.id)!;
    expect(post.body!.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expectValidAndSilent(post.body);
    expect(reply.mention_everyone).toBe(false);
    const embed = embedOf(reply);
    expect(embed.title).toBe('Who leads the Russian delegation? @\u200beveryone');
    expect(embed.description).toContain('**[1]**');
  });

  it('works in a thread and ignores messages that do not mention it', async () => {
    const ignored = h.standIn.sendMessage('Who leads the Russian delegation?', { user: 'bob' });
    const asked = h.standIn.sendMessage(`<@!${h.standIn.botUser.id}> Where are the talks held?`, { user: freshUser(h.standIn), channelId: h.standIn.threadId });
    const reply = await h.standIn.waitForMessageReply(asked.id);
    expect(reply.channel_id).toBe(h.standIn.threadId);
    expect([...h.standIn.messages.values()].some((m) => m.message_reference?.message_id === ignored.id)).toBe(false);
  });
});

describe('/search, /source, /about', () => {
  it('/search lists top passages with scores', async () => {
    const handle = h.standIn.sendSlashCommand('search', { query: 'Medinsky delegation' }, { user: 'bob' });
    const message = await h.standIn.waitForReply(handle);
    const embed = embedOf(message);
    expect(embed.title).toBe('Search: Medinsky delegation');
    const lines = embed.description!.split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines[0]).toMatch(/^\*\*1\.\*\* `\d+\.\d+` · [01]\.\d\d — /);
    expect(embed.description).toContain('Medinsky');
  });

  it('/source autocompletes citation ids and shows the sentence in its paragraph', async () => {
    const choices = await h.standIn.sendAutocomplete('source', 'id', '11', {}, { user: 'bob' });
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.every((c) => c.name.length <= 100)).toBe(true);
    expect(choices.map((c) => c.value)).toContain('11.1');
    const byText = await h.standIn.sendAutocomplete('source', 'id', 'medinsky', {}, { user: 'bob' });
    expect(byText.map((c) => c.value)).toContain('11.1');

    const handle = h.standIn.sendSlashCommand('source', { id: '11.1' }, { user: 'bob' });
    const message = await h.standIn.waitForReply(handle);
    const embed = embedOf(message);
    expect(embed.description).toMatch(/__\*\*[^*]*Vladimir Medinsky\.?\*\*__/);
    expect(embed.fields?.[0]).toMatchObject({ name: 'Citation' });
    expect(embed.fields?.[0]?.value).toContain('`11.1`');
  });

  it('/source with an unknown id says so, ephemerally', async () => {
    const handle = h.standIn.sendSlashCommand('source', { id: '99.9' }, { user: 'bob' });
    const message = await h.standIn.waitForReply(handle);
    expect(message.content).toContain('There is no sentence `99.9`');
    expect(message.flags! & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });

  it('/about reports articles, sentences, model and build time', async () => {
    const handle = h.standIn.sendSlashCommand('about', {}, { user: 'bob' });
    const text = embedText(embedOf(await h.standIn.waitForReply(handle)));
    const about = service.about();
    expect(text).toContain(`Articles loaded (${about.articles.length})`);
    expect(text).toContain(String(about.sentences));
    expect(text).toContain(about.model);
    expect(text).toMatch(/<t:\d+:f>/);
  });
});

describe('"Check against article" context menu', () => {
  it('lets a moderator check a message and answers ephemerally with the verdict and the deciding quote', async () => {
    const claim = h.standIn.sendMessage('Vladimir Medinsky leads the Russian delegation in Istanbul.', { user: 'alice' });
    const handle = h.standIn.sendMessageContextMenu('Check against article', claim.id, { user: 'mod' });
    const message = await h.standIn.waitForReply(handle);
    expect(bodiesFor(handle).callback!.body!.data!.flags! & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(message.flags! & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const embed = embedOf(message);
    expect(embed.description).toContain('Claim: “Vladimir Medinsky leads the Russian delegation in Istanbul.”');
    expect(embed.description!.split('\n')[0]).toMatch(/^\*\*(Supported by|Contradicted by|Not mentioned in) the article\*\*|^\*\*Can't tell/);
    expect(embed.description).toContain('Medinsky');
  });

  it('says plainly when the article does not mention a claim', async () => {
    const claim = h.standIn.sendMessage('The Prime Minister of Canada announced a new hockey league.', { user: 'alice' });
    const handle = h.standIn.sendMessageContextMenu('Check against article', claim.id, { user: 'mod' });
    const embed = embedOf(await h.standIn.waitForReply(handle));
    expect(embed.description!.split('\n')[0]).toMatch(/^\*\*(Not mentioned in the article|Can't tell — read these)\*\*$/);
  });

  it('is not offered to members without Manage Messages', () => {
    const claim = h.standIn.sendMessage('Some claim.', { user: 'bob' });
    expect(() => h.standIn.sendMessageContextMenu('Check against article', claim.id, { user: 'alice' })).toThrow(StandInError);
  });
});

describe('buttons', () => {
  let answer: APIMessage;
  beforeAll(async () => {
    answer = (await ask('Who leads the Russian delegation?')).message;
  });

  it('"Show context" shows each cited sentence marked in its paragraph, ephemerally', async () => {
    const handle = h.standIn.clickButton(answer.id, 'Show context', { user: 'bob' });
    const reply = await h.standIn.waitForReply(handle);
    expect(bodiesFor(handle).callback!.body!.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(reply.flags! & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const embed = embedOf(reply);
    expect(embed.title).toBe('Context: Who leads the Russian delegation?');
    expect(embed.description).toMatch(/\*\*\[1\]\*\* `\d+\.\d+`/);
    expect(embed.description).toContain('__**');
  });

  it('"More sources" lists further passages not already cited', async () => {
    const handle = h.standIn.clickButton(answer.id, 'More sources', { user: 'bob' });
    const reply = await h.standIn.waitForReply(handle);
    const embed = embedOf(reply);
    expect(embed.title).toBe('More sources: Who leads the Russian delegation?');
    const cited = embedOf(answer).fields!.map((f) => f.value).join('\n').match(/`\d+\.\d+`/g)!;
    for (const ref of cited) expect(embed.description).not.toContain(`${ref} ·`);
  });

  it('👍 and 👎 append fsync\'d JSONL feedback with a hashed user id', async () => {
    const [, , upButton, downButton] = h.standIn.buttonsOf(answer.id);
    expect(upButton!.custom_id).toMatch(/^fn:up:[\w-]{16}$/);
    const up = h.standIn.clickButton(answer.id, upButton!.custom_id, { user: 'bob' });
    expect((await h.standIn.waitForReply(up)).content).toContain('👍 is recorded');
    const down = h.standIn.clickButton(answer.id, downButton!.custom_id, { user: 'alice' });
    expect((await h.standIn.waitForReply(down)).content).toContain('👎 is recorded');
    const lines = readFileSync(h.feedbackFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.vote)).toEqual(['up', 'down']);
    expect(lines[0]).toMatchObject({ question: 'Who leads the Russian delegation?', answered: true });
    expect(lines[0].citations[0]).toMatchObject({ n: 1, article: '000_ce70d124781ea012' });
    expect(lines[0].user).toBe(createHash('sha256').update(h.standIn.users.bob.id).digest('hex'));
    expect(readFileSync(h.feedbackFile, 'utf8')).not.toContain(h.standIn.users.bob.id);
  });

  it('keep working after the bot restarts', async () => {
    await h.restartBot();
    const handle = h.standIn.clickButton(answer.id, 'Show context', { user: 'bob' });
    expect(embedOf(await h.standIn.waitForReply(handle)).description).toContain('__**');
    const up = h.standIn.clickButton(answer.id, h.standIn.buttonsOf(answer.id)[2]!.custom_id, { user: 'mod' });
    await h.standIn.waitForReply(up);
    expect(readFileSync(h.feedbackFile, 'utf8').trim().split('\n')).toHaveLength(3);
  });
});

describe('faults', () => {
  it('a 429 with retry-after on the reply: discord.js waits and the reply still arrives', async () => {
    h.standIn.failNext({ method: 'PATCH', route: '/webhooks/:app/:token/messages/:message', status: 429, retryAfter: 1 });
    const started = Date.now();
    const { handle, message } = await ask('Who leads the Russian delegation?');
    const patches = h.standIn.requestsFor(handle).filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => r.status)).toEqual([429, 200]);
    expect(patches[1]!.at - patches[0]!.at).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(embedOf(message).description).toContain('[1]');
  });

  it('a global 429 is honoured too', async () => {
    h.standIn.failNext({ method: 'PATCH', route: '/webhooks/:app/:token/messages/:message', status: 429, retryAfter: 1, global: true });
    const { handle } = await ask('Who leads the Russian delegation?');
    expect(h.standIn.requestsFor(handle).filter((r) => r.method === 'PATCH').map((r) => r.status)).toEqual([429, 200]);
  });

  it('a 500 once on the interaction callback is retried', async () => {
    h.standIn.failNext({ route: '/interactions/:id/:token/callback', status: 500 });
    const { handle, message } = await ask('Who leads the Russian delegation?');
    const callbacks = h.standIn.requestsFor(handle).filter((r) => r.route === '/interactions/:id/:token/callback');
    expect(callbacks.map((r) => r.status)).toEqual([500, 204]);
    expect(embedOf(message).title).toBe('Who leads the Russian delegation?');
    expect(embedOf(message).description).toContain('[1]');
  });

  it('the gateway drops the socket: the bot resumes, gets the missed event replayed, and answers', async () => {
    const resumesBefore = h.standIn.gatewayLog.filter((e) => e.op === GatewayOpcodes.Resume).length;
    h.standIn.closeGateway(4000);
    // Sent while the socket is down: the stand-in buffers it for the RESUME replay.
    const handle = h.standIn.sendSlashCommand('ask', { question: 'Who leads the Russian delegation?' }, { user: freshUser(h.standIn) });
    const message = await h.standIn.waitForReply(handle);
    expect(h.standIn.gatewayLog.filter((e) => e.op === GatewayOpcodes.Resume).length).toBe(resumesBefore + 1);
    expect(h.standIn.gatewayLog.filter((e) => e.op === GatewayOpcodes.Identify)).toHaveLength(2); // first bot + restart, no re-identify
    expect(embedOf(message).title).toBe('Who leads the Russian delegation?');
    const next = await ask('Who is the Prime Minister of Canada?');
    expect(embedOf(next.message).description).toContain("The article doesn't say");
  });
});

describe('gateway reconnect request', () => {
  it('op 7 Reconnect: the bot reconnects, resumes and keeps answering', async () => {
    const resumesBefore = h.standIn.gatewayLog.filter((e) => e.op === GatewayOpcodes.Resume).length;
    h.standIn.requestReconnect();
    await h.standIn.waitFor(() => h.standIn.gatewayLog.filter((e) => e.op === GatewayOpcodes.Resume).length > resumesBefore, { what: 'a RESUME' });
    const { message } = await ask('Where are the talks held?');
    expect(embedOf(message).title).toBe('Where are the talks held?');
  });
});

describe('slow engine', () => {
  it('defers at once and edits the reply when the answer is ready (after the 3 s window)', async () => {
    const slow: QaService = {
      ...service,
      ask: async (q) => {
        await new Promise((r) => setTimeout(r, 3_300));
        return service.ask(q);
      },
      close: async () => {},
    };
    const harness = await startHarness({ service: slow });
    try {
      const handle = harness.standIn.sendSlashCommand('ask', { question: 'Who leads the Russian delegation?' });
      const message = await harness.standIn.waitForReply(handle, { timeoutMs: 10_000 });
      const reqs = harness.standIn.requestsFor(handle);
      expect(reqs.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 204', 'PATCH 200']);
      expect(reqs[0]!.body!.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
      const dispatchedAt = Number(BigInt(handle.id) >> 22n) + 1420070400000;
      expect(reqs[0]!.at - dispatchedAt).toBeLessThan(1_000);
      expect(reqs[1]!.at - reqs[0]!.at).toBeGreaterThanOrEqual(3_000);
      expect(embedOf(message).title).toBe('Who leads the Russian delegation?');
    } finally {
      await harness.close();
    }
  });
});
