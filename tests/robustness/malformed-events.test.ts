/**
 * What a Discord-compatible server got wrong, replayed through the real discord.js client against the stand-in: the
 * three malformed interactions that once ended the process, and a burst of 1,000 random-garbage dispatches. Each is
 * dropped (or repaired) with one log line, and the bot keeps answering.
 */
import { GatewayDispatchEvents, type APIInteraction } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder } from '../../src/embedding/create-embedder.js';
import { DEFAULT_MODEL } from '../../src/config.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { createQaService } from '../../src/qa-service.js';
import type { QaService } from '../../src/types.js';
import { freshUser, startHarness, type Harness } from '../support/discord-harness.js';
import { rng } from '../support/random.js';
import { removeTempDirs, seedCorpus, tempDir } from './support.js';

let embedder: Embedder;
let service: QaService;
let h: Harness;
const uncaught: unknown[] = [];
const onFault = (error: unknown) => void uncaught.push(error);

beforeAll(async () => {
  process.on('unhandledRejection', onFault);
  process.on('uncaughtException', onFault);
  embedder = await createEmbedder(DEFAULT_MODEL);
  service = await createQaService({ articlesDir: seedCorpus(), indexDir: tempDir('index'), embedder });
  h = await startHarness({ service });
});

afterAll(async () => {
  process.off('unhandledRejection', onFault);
  process.off('uncaughtException', onFault);
  await h?.close();
  await service?.close();
  await embedder?.close();
  removeTempDirs();
});

/** The bot still answers a question, by /ask and by mention, on the same connection. */
async function expectStillAnswering(): Promise<void> {
  const asked = h.standIn.sendSlashCommand('ask', { question: 'Who leads the Russian delegation?' }, { user: freshUser(h.standIn) });
  expect((await h.standIn.waitForReply(asked, { timeoutMs: 15_000 })).embeds[0]?.description).toMatch(/Medinsky/);
  const mention = h.standIn.sendMessage(`${h.standIn.mention()} Where did Zelenskyy land?`, { user: freshUser(h.standIn) });
  expect((await h.standIn.waitForMessageReply(mention.id, { timeoutMs: 15_000 })).embeds[0]?.description).toMatch(/Ankara/);
  expect(uncaught).toEqual([]);
}

const dropped = (id: string) => h.logger.lines.filter((l) => l.msg === 'dropped a malformed gateway event' && (l.obj as { id?: string }).id === id);

describe('malformed interactions from the gateway', () => {
  it('malformed: a button click whose message.thread is null → repaired (no thread) and answered; the bot keeps answering', async () => {
    const asked = h.standIn.sendSlashCommand('ask', { question: 'Where did Zelenskyy land?' }, { user: freshUser(h.standIn) });
    const answer = await h.standIn.waitForReply(asked, { timeoutMs: 15_000 });
    const reshape = (p: APIInteraction) => ({ ...p, message: { ...(p as { message: object }).message, thread: null } });
    const click = h.standIn.clickButton(answer.id, 'Show context', { user: freshUser(h.standIn), reshape });
    expect((await h.standIn.waitForReply(click, { timeoutMs: 15_000 })).embeds[0]?.description).toMatch(/Ankara/);
    await expectStillAnswering();
  });

  it('malformed: a message context-menu command without data.resolved → dropped with one log line; the bot keeps answering', async () => {
    const target = h.standIn.sendMessage('The talks were held in Istanbul.', { user: freshUser(h.standIn) });
    const reshape = (p: APIInteraction) => {
      delete (p as { data: { resolved?: unknown } }).data.resolved;
      return p;
    };
    const handle = h.standIn.sendMessageContextMenu('Check against article', target.id, { user: 'mod', reshape });
    await h.standIn.waitFor(() => dropped(handle.id).length > 0, { timeoutMs: 5_000, what: 'the drop to be logged' });
    expect(dropped(handle.id)).toEqual([{ level: 'warn', msg: 'dropped a malformed gateway event', obj: { event: 'INTERACTION_CREATE', id: handle.id, problem: 'no data.resolved.messages' } }]);
    await expectStillAnswering();
  });

  it('malformed: an autocomplete interaction without data → dropped with one log line; the bot keeps answering', async () => {
    const before = h.logger.lines.length;
    const reshape = (p: APIInteraction) => {
      delete (p as { data?: unknown }).data;
      return p;
    };
    await expect(h.standIn.sendAutocomplete('source', 'id', '11', {}, { reshape, timeoutMs: 1_500 })).rejects.toThrow(/autocomplete choices/);
    const lines = h.logger.lines.slice(before).filter((l) => l.msg === 'dropped a malformed gateway event');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.obj).toMatchObject({ event: 'INTERACTION_CREATE', problem: 'no data' });
    await expectStillAnswering();
  });
});

describe('random garbage on the gateway', () => {
  it('malformed: 1,000 random-garbage dispatches (seeded) → none takes the bot down; each failure is one log line; the bot keeps answering', async () => {
    const random = rng(12);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    // READY and RESUMED are consumed by @discordjs/ws itself (session bookkeeping), before any bot code runs.
    const events = Object.values(GatewayDispatchEvents).filter((t) => t !== GatewayDispatchEvents.Ready && t !== GatewayDispatchEvents.Resumed);
    // Real guild and channel ids send the garbage deep into discord.js's handlers; random ids under `id` keep it
    // from deleting the test guild or channel outright (a well-formed delete would be obeyed, rightly).
    const keys = ['id', 'guild_id', 'channel_id', 'user', 'member', 'author', 'data', 'message', 'type', 'token', 'application_id', 'roles', 'emoji', 'thread', 'resolved'];
    const ids = [h.standIn.guildId, h.standIn.channelId, h.standIn.threadId, '1', ''];
    const value = (depth: number): unknown => {
      const r = random();
      if (r < 0.12) return null;
      if (r < 0.24) return Math.floor(random() * 2 ** 31) - 2 ** 30;
      if (r < 0.36) return pick(ids);
      if (r < 0.46) return random().toString(36).slice(2);
      if (r < 0.52) return random() < 0.5;
      if (depth > 2 || r < 0.64) return Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1));
      return object(depth + 1);
    };
    const object = (depth: number): Record<string, unknown> =>
      Object.fromEntries(Array.from({ length: 1 + Math.floor(random() * 6) }, () => {
        const key = pick(keys);
        return [key, key === 'id' ? String(Math.floor(random() * 1e15)) : value(depth)];
      }));
    const before = h.logger.lines.length;
    for (let i = 0; i < 1_000; i += 1) {
      const t = random() < 0.05 ? `GARBAGE_${i}` : pick(events);
      h.standIn.dispatchRaw(t, random() < 0.8 ? object(0) : value(0));
    }
    // Dispatches arrive in order on one socket: once this is answered, every garbage event has been handled.
    await expectStillAnswering();
    const guarded = h.logger.lines.slice(before).filter((l) => /gateway event/.test(l.msg ?? ''));
    expect(guarded.length).toBeGreaterThan(50);
    expect(guarded.length).toBeLessThanOrEqual(1_000);
    expect(h.standIn.connected).toBe(true);
  });
});
