/**
 * `/footnote settings` and answer threads, through the real discord.js client and the stand-in: the setting is for
 * Manage Server members and survives a restart; with threads on, a mention opens a thread named after the question and
 * a mention inside it is a follow-up; where the bot may not open a thread it answers in the channel and says why in the log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermissionFlagsBits, type APIMessage } from 'discord-api-types/v10';
import { StandInError } from '../../src/stand-in/index.js';
import { createEmbedder } from '../../src/embedding/create-embedder.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { createQaService } from '../../src/qa-service.js';
import type { QaService } from '../../src/types.js';
import { freshUser, startHarness, type Harness } from '../support/discord-harness.js';
import { removeTempDirs, seedCorpus, tempDir } from '../robustness/support.js';

let embedder: Embedder;
let service: QaService;
let h: Harness;

beforeAll(async () => {
  embedder = await createEmbedder('use-lite');
  service = await createQaService({ articlesDir: seedCorpus(), indexDir: tempDir('index'), embedder });
  h = await startHarness({ service });
});

afterAll(async () => {
  await h?.close();
  await service?.close();
  await embedder?.close();
  removeTempDirs();
});

const manager = { user: 'mod' as const, permissions: PermissionFlagsBits.ManageGuild };

async function settings(options: { threads?: boolean } = {}): Promise<string> {
  const handle = h.standIn.sendSlashCommand('footnote settings', options, manager);
  const reply = await h.standIn.waitForReply(handle);
  expect(reply.flags! & 64).toBe(64); // only the manager sees it
  return reply.content;
}

/** The bot's next message in `channelId` after `since` (an id), once it exists. */
function nextBotMessage(channelId: string, since: string): Promise<APIMessage> {
  return h.standIn.waitFor(
    () => [...h.standIn.messages.values()].find((m) => m.channel_id === channelId && m.author.id === h.standIn.botUser.id && BigInt(m.id) > BigInt(since)),
    { timeoutMs: 15_000, what: `the bot's message in ${channelId}` },
  );
}

const plain = (m: APIMessage) => (m.embeds[0]?.description ?? '').replace(/\*\*|__/g, '');

describe('/footnote settings', () => {
  it('is registered for Manage Server, in servers only; a plain member cannot run it', () => {
    const registered = h.standIn.guildCommands.find((c) => c.name === 'footnote')!;
    expect(registered.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
    expect(registered.contexts).toEqual([0]);
    expect(() => h.standIn.sendSlashCommand('footnote settings', { threads: true }, { user: 'alice' })).toThrow(StandInError);
  });

  it('shows the settings, changes the one given, and keeps it across a restart', async () => {
    expect(await settings()).toMatch(/^\*\*Threads: off\.\*\*/);
    expect(await settings({ threads: true })).toMatch(/^Saved\. \*\*Threads: on\.\*\*.*Create Public Threads/);
    await h.restartBot();
    expect(await settings()).toMatch(/^\*\*Threads: on\.\*\*/);
  });
});

describe('answer threads (threads on)', () => {
  it('a mention opens a thread named after the question and is answered there; a mention inside it is a follow-up', async () => {
    const asked = h.standIn.sendMessage(`${h.standIn.mention()} Will Putin attend the talks?`, { user: freshUser(h.standIn) });
    const answer = await nextBotMessage(asked.id, asked.id); // the thread has the asking message's id
    const thread = h.standIn.channel(asked.id);
    expect(thread).toMatchObject({ name: 'Will Putin attend the talks?', parent_id: h.standIn.channelId, owner_id: h.standIn.botUser.id });
    expect(answer.embeds[0]?.title).toBe('Will Putin attend the talks?');
    expect(answer.mentions).toEqual([]);
    // No reply in the channel itself.
    expect([...h.standIn.messages.values()].some((m) => m.channel_id === h.standIn.channelId && m.message_reference?.message_id === asked.id)).toBe(false);

    const followUp = h.standIn.sendMessage(`${h.standIn.mention()} who said so?`, { user: freshUser(h.standIn), channelId: asked.id });
    const second = await h.standIn.waitForMessageReply(followUp.id, { timeoutMs: 15_000 });
    expect(second.channel_id).toBe(asked.id);
    expect(second.embeds[0]?.title).toBe('Will Putin attend the talks? who said so?');
    expect(plain(second)).toContain('Dmitry Peskov told CNN');
    // A question that stands alone is asked as typed, in the thread too.
    const fresh = h.standIn.sendMessage(`${h.standIn.mention()} Where did Zelenskyy land on Thursday?`, { user: freshUser(h.standIn), channelId: asked.id });
    expect((await h.standIn.waitForMessageReply(fresh.id, { timeoutMs: 15_000 })).embeds[0]?.title).toBe('Where did Zelenskyy land on Thursday?');
  });

  it('a mention in a thread someone else opened gets a reply there, no new thread', async () => {
    const asked = h.standIn.sendMessage(`${h.standIn.mention()} Who leads the Russian delegation?`, { user: freshUser(h.standIn), channelId: h.standIn.threadId });
    const reply = await h.standIn.waitForMessageReply(asked.id, { timeoutMs: 15_000 });
    expect(reply.channel_id).toBe(h.standIn.threadId);
    expect(plain(reply)).toContain('Medinsky');
  });

  it('without Create Public Threads the answer comes as a reply in the channel, and the log names the permission', async () => {
    h.standIn.denyBot(h.standIn.channelId, PermissionFlagsBits.CreatePublicThreads);
    const asked = h.standIn.sendMessage(`${h.standIn.mention()} Where did Zelenskyy land?`, { user: freshUser(h.standIn) });
    const reply = await h.standIn.waitForMessageReply(asked.id, { timeoutMs: 15_000 });
    expect(reply.channel_id).toBe(h.standIn.channelId);
    expect(plain(reply)).toContain('Ankara');
    const refused = h.standIn.requests.filter((r) => r.route === '/channels/:channel/messages/:message/threads' && r.status === 403);
    expect(refused).toHaveLength(1);
    const warned = h.logger.lines.filter((l) => l.level === 'warn' && (l.obj as { permission?: string }).permission === 'Create Public Threads');
    expect(warned).toHaveLength(1);
    expect(warned[0]!.msg).toMatch(/missing permission: Create Public Threads/);
  });
});
