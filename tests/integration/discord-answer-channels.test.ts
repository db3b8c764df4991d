/**
 * Answer channels, through the real discord.js client and the stand-in: with the Message Content intent granted, a
 * channel marked by `/footnote settings answer_here:true` answers every plain message; without the grant the bot says
 * so at start-up and in the command's reply, connects without the intent, and stays mention-only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayOpcodes, PermissionFlagsBits } from 'discord-api-types/v10';
import { createEmbedder } from '../../src/embedding/create-embedder.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { createQaService } from '../../src/qa-service.js';
import type { QaService } from '../../src/types.js';
import { freshUser, startHarness, type Harness } from '../support/discord-harness.js';
import { removeTempDirs, seedCorpus, tempDir } from '../robustness/support.js';

let embedder: Embedder;
let service: QaService;

beforeAll(async () => {
  embedder = await createEmbedder('use-lite');
  service = await createQaService({ articlesDir: seedCorpus(), indexDir: tempDir('index'), embedder });
});

afterAll(async () => {
  await service?.close();
  await embedder?.close();
  removeTempDirs();
});

const manager = { user: 'mod' as const, permissions: PermissionFlagsBits.ManageGuild };
const MESSAGE_CONTENT = 1 << 15;

async function settings(h: Harness, options: { answer_here?: boolean; threads?: boolean } = {}, channelId?: string): Promise<string> {
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
