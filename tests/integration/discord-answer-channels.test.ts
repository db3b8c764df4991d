/**
 * Answer channels, through the real discord.js client and the stand-in: with the Message Content intent granted, a
 * channel marked by `/footnote settings answer_here:true` answers every plain message; without the grant the bot says
 * so at start-up and in the command's reply, connects without the intent, and stays mention-only. A forum marked so
 * (`channel:`) answers each new post, in the post.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayOpcodes, PermissionFlagsBits } from 'discord-api-types/v10';
import { createEmbedder } from '../../src/embedding/create-embedder.js';
import { DEFAULT_MODEL } from '../../src/config.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { createQaService } from '../../src/qa-service.js';
import type { QaService } from '../../src/types.js';
import { freshUser, startHarness, type Harness } from '../support/discord-harness.js';
import { removeTempDirs, seedCorpus, tempDir } from '../robustness/support.js';

let embedder: Embedder;
let service: QaService;

beforeAll(async () => {
  embedder = await createEmbedder(DEFAULT_MODEL);
  service = await createQaService({ articlesDir: seedCorpus(), indexDir: tempDir('index'), embedder });
});

afterAll(async () => {
  await service?.close();
  await embedder?.close();
  removeTempDirs();
});

const manager = { user: 'mod' as const, permissions: PermissionFlagsBits.ManageGuild };
const MESSAGE_CONTENT = 1 << 15;

async function settings(h: Harness, options: { answer_here?: boolean; threads?: boolean; channel?: string } = {}, channelId?: string): Promise<string> {
  const handle = h.standIn.sendSlashCommand('footnote settings', options, { ...manager, ...(channelId ? { channelId } : {}) });
  return (await h.standIn.waitForReply(handle)).content;
}

/**
 * A plain message (no mention), then a mention; the bot decides to ignore a message before it starts answering, so
 * once the later mention is answered an ignored plain message has had its chance.
 */
async function plainMessageIgnored(h: Harness, text: string, channelId = h.standIn.channelId): Promise<boolean> {
  const plain = h.standIn.sendMessage(text, { user: freshUser(h.standIn), channelId });
  const marker = h.standIn.sendMessage(`${h.standIn.mention()} Where did Zelenskyy land?`, { user: freshUser(h.standIn), channelId });
  await h.standIn.waitForMessageReply(marker.id, { timeoutMs: 15_000 });
  await new Promise((resolve) => setTimeout(resolve, 200));
  return ![...h.standIn.messages.values()].some((m) => m.message_reference?.message_id === plain.id);
}

async function plainMessageAnswer(h: Harness, text: string) {
  const plain = h.standIn.sendMessage(text, { user: freshUser(h.standIn) });
  return h.standIn.waitForMessageReply(plain.id, { timeoutMs: 15_000 });
}

const identifiedIntents = (h: Harness) => (h.standIn.gatewayLog.filter((e) => e.op === GatewayOpcodes.Identify).at(-1)!.d as { intents: number }).intents;

describe('with the Message Content intent granted', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ service, standIn: { messageContentIntentEnabled: true } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('connects with the intent and logs that answer channels are on', () => {
    expect(identifiedIntents(h) & MESSAGE_CONTENT).toBe(MESSAGE_CONTENT);
    expect(h.logger.lines.some((l) => l.level === 'info' && /^Message Content intent granted/.test(l.msg ?? ''))).toBe(true);
  });

  it('answers every plain message in an answer channel, only there, and again not once it is unmarked', async () => {
    expect(await plainMessageIgnored(h, 'Who leads the Russian delegation?')).toBe(true);
    const saved = await settings(h, { answer_here: true });
    expect(saved).toContain(`**Answer channels:** <#${h.standIn.channelId}>`);
    expect(saved).not.toContain('Message Content');
    const reply = await plainMessageAnswer(h, 'Who leads the Russian delegation?');
    expect(reply.embeds[0]?.description?.replace(/\*\*|__/g, '')).toContain('Vladimir Medinsky');
    expect(reply.mentions).toEqual([]);
    // The thread is not an answer channel.
    expect(await plainMessageIgnored(h, 'Who leads the Russian delegation?', h.standIn.threadId)).toBe(true);
    // Kept across a restart.
    await h.restartBot();
    expect((await plainMessageAnswer(h, 'Where are the talks held?')).embeds).toHaveLength(1);
    expect(await settings(h, { answer_here: false })).toContain('**Answer channels: none.**');
    expect(await plainMessageIgnored(h, 'Where are the talks held?')).toBe(true);
  });
});

describe('a forum as an answer channel (Message Content granted)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ service, standIn: { messageContentIntentEnabled: true } });
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Whether the bot replied to a post's starter message, once a later mention in another post was answered. */
  async function postIgnored(title: string, text: string): Promise<boolean> {
    const { message } = h.standIn.createForumPost(title, text, { user: freshUser(h.standIn) });
    await plainMessageIgnored(h, 'Where are the talks held?'); // a mention in #news, answered after the post was seen
    return ![...h.standIn.messages.values()].some((m) => m.message_reference?.message_id === message.id);
  }

  it('answers each new post in the forum, in the post; later messages there are discussion; a mention there is a follow-up', async () => {
    expect(h.standIn.channel(h.standIn.forumId)?.type).toBe(15);
    expect(await postIgnored('Delegation', 'Who leads the Russian delegation?')).toBe(true);
    // `channel` alone changes nothing, and says so.
    const alone = await settings(h, { channel: h.standIn.forumId });
    expect(alone).not.toMatch(/^Saved\./);
    expect(alone).toContain('**Answer channels: none.**');
    expect(alone).toContain(`\`channel: <#${h.standIn.forumId}>\` changed nothing: add \`answer_here: true\``);
    expect(await postIgnored('Delegation', 'Who leads the Russian delegation?')).toBe(true);
    // A forum cannot be run in: it is named with `channel`.
    const saved = await settings(h, { answer_here: true, channel: h.standIn.forumId });
    expect(saved).toContain(`**Answer channels:** <#${h.standIn.forumId}>`);
    expect(saved).toContain('in a forum, every new post');

    const { thread, message } = h.standIn.createForumPost('Delegation', 'Who leads the Russian delegation?', { user: freshUser(h.standIn) });
    const answer = await h.standIn.waitForMessageReply(message.id, { timeoutMs: 15_000 });
    expect(answer.channel_id).toBe(thread.id);
    expect(answer.embeds[0]?.title).toBe('Who leads the Russian delegation?');
    expect(answer.embeds[0]?.description?.replace(/\*\*|__/g, '')).toContain('Vladimir Medinsky');
    expect(answer.mentions).toEqual([]);
    // A later plain message in the post is not a new question.
    expect(await plainMessageIgnored(h, 'Interesting, thanks.', thread.id)).toBe(true);

    // A post titled with the question, its body only a comment: the title is what is asked.
    const titled = h.standIn.createForumPost('Who leads the Russian delegation?', "Couldn't find it in the article.", { user: freshUser(h.standIn) });
    const titledAnswer = await h.standIn.waitForMessageReply(titled.message.id, { timeoutMs: 15_000 });
    expect(titledAnswer.embeds[0]?.title).toBe('Who leads the Russian delegation?');
    expect(titledAnswer.embeds[0]?.description?.replace(/\*\*|__/g, '')).toContain('Vladimir Medinsky');

    const post = h.standIn.createForumPost('Zelenskyy', 'Where did Zelenskyy land?', { user: freshUser(h.standIn) });
    expect((await h.standIn.waitForMessageReply(post.message.id, { timeoutMs: 15_000 })).embeds[0]?.title).toBe('Where did Zelenskyy land?');
    const followUp = h.standIn.sendMessage(`${h.standIn.mention()} when?`, { user: freshUser(h.standIn), channelId: post.thread.id });
    expect((await h.standIn.waitForMessageReply(followUp.id, { timeoutMs: 15_000 })).embeds[0]?.title).toBe('Where did Zelenskyy land? when?');
  });

  it('a post where the bot may not send in threads is answered by DM, and the log names the permission', async () => {
    h.standIn.denyBot(h.standIn.forumId, PermissionFlagsBits.SendMessagesInThreads);
    const user = h.standIn.users.bob; // a member of the stand-in's own, whom the bot can open a DM with
    h.standIn.createForumPost('Talks', 'Where are the talks held?', { user });
    const dm = await h.standIn.waitFor(() => h.standIn.dmsTo(user)[0], { timeoutMs: 15_000, what: 'a DM to the asker' });
    expect(dm.content).toMatch(/^You asked me something in #Talks, but I'm not allowed to post in that channel/);
    expect(dm.embeds).toHaveLength(1);
    const refused = h.standIn.requests.filter((r) => r.route === '/channels/:channel/messages' && r.status === 403);
    expect(refused.length).toBeGreaterThan(0);
    expect(h.logger.lines.filter((l) => l.level === 'warn' && (l.obj as { permission?: string }).permission === 'Send Messages in Threads')).toHaveLength(1);
  });
});

describe('without the Message Content intent', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ service });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('connects without it, logs why answer channels are off, and the command says so; mentions still work', async () => {
    expect(identifiedIntents(h) & MESSAGE_CONTENT).toBe(0);
    const warned = h.logger.lines.filter((l) => l.level === 'warn' && /^Message Content intent not granted/.test(l.msg ?? ''));
    expect(warned).toHaveLength(1);
    expect(warned[0]!.msg).toContain('Privileged Gateway Intents');
    const reply = await settings(h, { answer_here: true });
    expect(reply).toContain(`**Answer channels:** <#${h.standIn.channelId}>`);
    expect(reply).toMatch(/Message Content.*not granted.*only mentions are answered/);
    expect(await plainMessageIgnored(h, 'Who leads the Russian delegation?')).toBe(true);
  });
});
