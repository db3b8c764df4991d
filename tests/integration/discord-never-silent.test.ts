/**
 * Never silent, through the real discord.js client and the stand-in: where the bot may not post, the asker still gets
 * the answer and the reason by DM, and the operator one log line naming the missing permission. A slash command whose
 * answer fails (the engine, or the edit that would deliver it) tells the asker why in an ephemeral message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageFlags, PermissionFlagsBits, type APIMessage } from 'discord-api-types/v10';
import { createEmbedder } from '../../src/embedding/create-embedder.js';
import { DEFAULT_MODEL } from '../../src/config.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { createQaService } from '../../src/qa-service.js';
import type { QaService } from '../../src/types.js';
import type { InteractionHandle } from '../../src/stand-in/index.js';
import { freshUser, startHarness, type Harness } from '../support/discord-harness.js';
import { removeTempDirs, seedCorpus, tempDir } from '../robustness/support.js';

let embedder: Embedder;
let service: QaService;
let h: Harness;
const ENGINE_FAULT = 'engine-fault';

beforeAll(async () => {
  embedder = await createEmbedder(DEFAULT_MODEL);
  service = await createQaService({ articlesDir: seedCorpus(), indexDir: tempDir('index'), embedder });
  // The real engine, except that a question naming ENGINE_FAULT fails inside it, as an engine error would.
  const faulty: QaService = {
    ...service,
    ask: async (question, scope) => {
      if (question.includes(ENGINE_FAULT)) throw new Error('index read failed');
      return service.ask(question, scope);
    },
  };
  h = await startHarness({ service: faulty });
  h.standIn.denyBot(h.standIn.channelId, PermissionFlagsBits.SendMessages | PermissionFlagsBits.SendMessagesInThreads);
});

afterAll(async () => {
  await h?.close();
  await service?.close();
  await embedder?.close();
  removeTempDirs();
});

const warnings = () => h.logger.lines.filter((l) => l.level === 'warn' && (l.obj as { permission?: string }).permission === 'Send Messages');

describe('a channel where the bot may not send', () => {
  it('a mention is answered by DM, saying why, and the log names the missing permission once', async () => {
    const alice = h.standIn.users.alice;
    h.standIn.sendMessage(`${h.standIn.mention()} Who leads the Russian delegation?`, { user: alice });
    const dm = await h.standIn.waitFor(() => h.standIn.dmsTo(alice)[0], { timeoutMs: 15_000, what: 'a DM to the asker' });
    expect(dm.content).toBe("You asked me something in #news, but I'm not allowed to post in that channel, so I'm answering here.");
    expect(dm.embeds[0]?.description?.replace(/\*\*|__/g, '')).toContain('Medinsky');
    expect(dm.mentions).toEqual([]);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]!.msg).toBe('cannot answer in the channel (missing permission: Send Messages); answering the asker by DM');
    // Nothing was posted in the channel.
    const refused = h.standIn.requests.filter((r) => r.route === '/channels/:channel/messages' && r.params.channel === h.standIn.channelId);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => r.status === 403)).toBe(true);
  });

  it('a refusal (the cooldown, an empty mention) reaches the asker by DM too', async () => {
    const bob = h.standIn.users.bob;
    h.standIn.sendMessage(h.standIn.mention(), { user: bob });
    const dm = await h.standIn.waitFor(() => h.standIn.dmsTo(bob)[0], { timeoutMs: 15_000, what: 'a DM to the asker' });
    expect(dm.content).toMatch(/^You asked me something in #news, but I'm not allowed to post in that channel, so I'm answering here\.\n\nMention me with a question/);
  });

  it('when the asker takes no DMs either, the operator log says so and the bot keeps running', async () => {
    const user = freshUser(h.standIn);
    h.standIn.closeDms(user);
    h.standIn.sendMessage(`${h.standIn.mention()} Where did Zelenskyy land?`, { user });
    await h.standIn.waitFor(() => h.logger.lines.find((l) => l.msg?.startsWith('could not reach the asker by DM')), { timeoutMs: 15_000, what: 'the DM failure log line' });
    expect(h.standIn.dmsTo(user)).toEqual([]);
    // /ask still works: an interaction reply needs no channel permission.
    const handle = h.standIn.sendSlashCommand('ask', { question: 'Who leads the Russian delegation?' }, { user: freshUser(h.standIn) });
    expect((await h.standIn.waitForReply(handle)).embeds[0]?.description).toMatch(/Medinsky/);
  });
});

/** What the bot said to the asker alone in follow-ups to an interaction, as the stand-in accepted them. */
function ephemeralFollowUps(handle: InteractionHandle): string[] {
  return h.standIn
    .requestsFor(handle)
    .filter((r) => r.method === 'POST' && r.route === '/webhooks/:app/:token' && r.status === 200 && (r.body?.flags ?? 0) & MessageFlags.Ephemeral)
    .map((r) => r.body?.content ?? '');
}

const toldPrivately = (handle: InteractionHandle) =>
  h.standIn.waitFor(() => ephemeralFollowUps(handle)[0], { timeoutMs: 15_000, what: 'an ephemeral follow-up' });

describe('a slash command whose answer cannot be delivered', () => {
  it('an engine error: the asker alone is told, the public "thinking…" placeholder goes, and the log has one line', async () => {
    const handle = h.standIn.sendSlashCommand('ask', { question: `Who leads the ${ENGINE_FAULT} delegation?` }, { user: freshUser(h.standIn) });
    expect(await toldPrivately(handle)).toBe('Something went wrong while answering; please try again in a moment.');
    await h.standIn.waitFor(() => !h.standIn.original(handle), { timeoutMs: 5_000, what: 'the placeholder deleted' });
    const logged = h.logger.lines.filter((l) => (l.obj as { interactionId?: string }).interactionId === handle.id);
    expect(logged.map((l) => [l.level, l.msg])).toEqual([['error', 'handler failed']]);
  });

  it('a moderator deletes the placeholder mid-answer: the asker is told why, privately; the log has one line saying what was gone', async () => {
    const user = freshUser(h.standIn);
    const handle = h.standIn.sendSlashCommand('ask', { question: 'Who leads the Russian delegation?' }, { user });
    // The moment the deferral's placeholder appears, it is deleted, before the engine's answer can be written into it.
    const onMessage = (m: APIMessage) => {
      if (m.interaction_metadata?.id === handle.id && (m.flags ?? 0) & MessageFlags.Loading && h.standIn.messages.has(m.id)) h.standIn.deleteMessage(m.id);
    };
    h.standIn.on('message', onMessage);
    try {
      expect(await toldPrivately(handle)).toBe("I couldn't post the answer here: the message I was writing it into was deleted.");
    } finally {
      h.standIn.off('message', onMessage);
    }
    // Discord refused the edit with 10008 Unknown Message, and that is what the operator reads.
    expect(h.standIn.requestsFor(handle).some((r) => r.method === 'PATCH' && r.status === 404)).toBe(true);
    const logged = h.logger.lines.filter((l) => (l.obj as { interactionId?: string }).interactionId === handle.id);
    expect(logged.map((l) => [l.level, l.msg])).toEqual([['warn', 'could not deliver the answer (the message I was writing it into was deleted); telling the asker privately']]);
  });
});
