/**
 * `/footnote settings` and answer threads, through the real discord.js client and the stand-in: the setting is for
 * Manage Server members and survives a restart; with threads on, a mention opens a thread named after the question and
 * a mention inside it is a follow-up, after a restart too; where the bot may not open a thread it answers in the channel and says why in the log.
 */
import { describe, expect, it } from 'vitest';
import { PermissionFlagsBits, type APIMessage } from 'discord-api-types/v10';
import { StandInError } from '../../src/stand-in/index.js';
import { freshUser } from '../support/discord-harness.js';
import { seedBotForFile } from '../support/seed-bot.js';

const bot = seedBotForFile();

const manager = { user: 'mod' as const, permissions: PermissionFlagsBits.ManageGuild };

async function settings(options: { threads?: boolean } = {}): Promise<string> {
  const handle = bot.h.standIn.sendSlashCommand('footnote settings', options, manager);
  const reply = await bot.h.standIn.waitForReply(handle);
  expect(reply.flags! & 64).toBe(64); // only the manager sees it
  return reply.content;
}

/** The bot's next message in `channelId` after `since` (an id), once it exists. */
function nextBotMessage(channelId: string, since: string): Promise<APIMessage> {
  return bot.h.standIn.waitFor(
    () => [...bot.h.standIn.messages.values()].find((m) => m.channel_id === channelId && m.author.id === bot.h.standIn.botUser.id && BigInt(m.id) > BigInt(since)),
    { timeoutMs: 15_000, what: `the bot's message in ${channelId}` },
  );
}

const plain = (m: APIMessage) => (m.embeds[0]?.description ?? '').replace(/\*\*|__/g, '');

describe('/footnote settings', () => {
  it('is registered for Manage Server, in servers only; a plain member cannot run it', () => {
    const registered = bot.h.standIn.guildCommands.find((c) => c.name === 'footnote')!;
    expect(registered.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
    expect(registered.contexts).toEqual([0]);
    expect(() => bot.h.standIn.sendSlashCommand('footnote settings', { threads: true }, { user: 'alice' })).toThrow(StandInError);
  });

  it('shows the settings, changes the one given, and keeps it across a restart', async () => {
    expect(await settings()).toMatch(/^\*\*Threads: off\.\*\*/);
    expect(await settings({ threads: true })).toMatch(/^Saved\. \*\*Threads: on\.\*\*.*Create Public Threads/);
    await bot.h.restartBot();
    expect(await settings()).toMatch(/^\*\*Threads: on\.\*\*/);
  });
});

describe('answer threads (threads on)', () => {
  it('a mention opens a thread named after the question and is answered there; a mention inside it is a follow-up', async () => {
    const asked = bot.h.standIn.sendMessage(`${bot.h.standIn.mention()} Will Putin attend the talks?`, { user: freshUser(bot.h.standIn) });
    const answer = await nextBotMessage(asked.id, asked.id); // the thread has the asking message's id
    const thread = bot.h.standIn.channel(asked.id);
    expect(thread).toMatchObject({ name: 'Will Putin attend the talks?', parent_id: bot.h.standIn.channelId, owner_id: bot.h.standIn.botUser.id });
    expect(answer.embeds[0]?.title).toBe('Will Putin attend the talks?');
    expect(answer.mentions).toEqual([]);
    // No reply in the channel itself.
    expect([...bot.h.standIn.messages.values()].some((m) => m.channel_id === bot.h.standIn.channelId && m.message_reference?.message_id === asked.id)).toBe(false);

    const followUp = bot.h.standIn.sendMessage(`${bot.h.standIn.mention()} who said so?`, { user: freshUser(bot.h.standIn), channelId: asked.id });
    const second = await bot.h.standIn.waitForMessageReply(followUp.id, { timeoutMs: 15_000 });
    expect(second.channel_id).toBe(asked.id);
    expect(second.embeds[0]?.title).toBe('Will Putin attend the talks? who said so?');
    expect(plain(second)).toContain('Dmitry Peskov told CNN');
    // A question that stands alone is asked as typed, in the thread too.
    const fresh = bot.h.standIn.sendMessage(`${bot.h.standIn.mention()} Where did Zelenskyy land on Thursday?`, { user: freshUser(bot.h.standIn), channelId: asked.id });
    expect((await bot.h.standIn.waitForMessageReply(fresh.id, { timeoutMs: 15_000 })).embeds[0]?.title).toBe('Where did Zelenskyy land on Thursday?');
  });

  it('after a restart (a new client, nothing cached), a follow-up in a thread Footnote opened is answered using the first question', async () => {
    const asked = bot.h.standIn.sendMessage(`${bot.h.standIn.mention()} Where did Zelenskyy land?`, { user: freshUser(bot.h.standIn) });
    expect((await nextBotMessage(asked.id, asked.id)).embeds[0]?.title).toBe('Where did Zelenskyy land?');
    const before = bot.h.bot.client;
    await bot.h.restartBot();
    expect(bot.h.bot.client).not.toBe(before);
    // The new client knows the thread (from GUILD_CREATE) but none of its messages.
    expect(bot.h.bot.client.channels.cache.get(asked.id)?.isThread()).toBe(true);
    const followUp = bot.h.standIn.sendMessage(`${bot.h.standIn.mention()} when?`, { user: freshUser(bot.h.standIn), channelId: asked.id });
    const answer = await bot.h.standIn.waitForMessageReply(followUp.id, { timeoutMs: 15_000 });
    expect(answer.channel_id).toBe(asked.id);
    expect(answer.embeds[0]?.title).toBe('Where did Zelenskyy land? when?');
    expect(plain(answer)).toContain('Zelenskyy landed in Ankara on Thursday');
  });

  it('a mention in a thread someone else opened gets a reply there, no new thread', async () => {
    const asked = bot.h.standIn.sendMessage(`${bot.h.standIn.mention()} Who leads the Russian delegation?`, { user: freshUser(bot.h.standIn), channelId: bot.h.standIn.threadId });
    const reply = await bot.h.standIn.waitForMessageReply(asked.id, { timeoutMs: 15_000 });
    expect(reply.channel_id).toBe(bot.h.standIn.threadId);
    expect(plain(reply)).toContain('Medinsky');
  });

  it('without Create Public Threads the answer comes as a reply in the channel, and the log names the permission', async () => {
    bot.h.standIn.denyBot(bot.h.standIn.channelId, PermissionFlagsBits.CreatePublicThreads);
    const asked = bot.h.standIn.sendMessage(`${bot.h.standIn.mention()} Where did Zelenskyy land?`, { user: freshUser(bot.h.standIn) });
    const reply = await bot.h.standIn.waitForMessageReply(asked.id, { timeoutMs: 15_000 });
    expect(reply.channel_id).toBe(bot.h.standIn.channelId);
    expect(plain(reply)).toContain('Ankara');
    const refused = bot.h.standIn.requests.filter((r) => r.route === '/channels/:channel/messages/:message/threads' && r.status === 403);
    expect(refused).toHaveLength(1);
    const warned = bot.h.logger.lines.filter((l) => l.level === 'warn' && (l.obj as { permission?: string }).permission === 'Create Public Threads');
    expect(warned).toHaveLength(1);
    expect(warned[0]!.msg).toMatch(/missing permission: Create Public Threads/);
  });
});
