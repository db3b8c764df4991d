/**
 * Faults through the local Discord stand-in: the gateway drops mid-answer, op 9 Invalid Session, REST 5xx bursts,
 * 429s (per-route and global). Every answer is delivered exactly once, or its failure is logged with the interaction id.
 */
import { GatewayOpcodes } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder } from '../../src/embedding/create-embedder.js';
import { DEFAULT_MODEL } from '../../src/config.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { createQaService } from '../../src/qa-service.js';
import type { FaultSpec, InteractionHandle } from '../../src/stand-in/index.js';
import type { QaService } from '../../src/types.js';
import { freshUser, startHarness, type Harness } from '../support/discord-harness.js';
import { removeTempDirs, seedCorpus, tempDir } from './support.js';

const Q = 'Who leads the Russian delegation?';
const CALLBACK = '/interactions/:id/:token/callback';
const EDIT = '/webhooks/:app/:token/messages/:message';
const CHANNEL_POST = '/channels/:channel/messages';

let embedder: Embedder;
let real: QaService;
/** The real service, with each ask held for `delayMs` so faults can land mid-answer. */
let delayMs = 0;
let h: Harness;

beforeAll(async () => {
  embedder = await createEmbedder(DEFAULT_MODEL);
  real = await createQaService({ articlesDir: seedCorpus(), indexDir: tempDir('index'), embedder });
  const slowable: QaService = {
    ...real,
    ask: async (q) => {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      return real.ask(q);
    },
    close: async () => {},
  };
  h = await startHarness({ service: slowable });
});

afterEach(() => {
  delayMs = 0;
  h.standIn.clearFaults();
});

afterAll(async () => {
  await h?.close();
  await real?.close();
  await embedder?.close();
  removeTempDirs();
});

const ok = (r: { status: number }) => r.status >= 200 && r.status < 300;

/** The interaction was acknowledged once and its answer written once (no duplicate follow-ups). */
async function expectDeliveredOnce(handle: InteractionHandle, harness = h) {
  const message = await harness.standIn.waitForReply(handle, { timeoutMs: 15_000 });
  const reqs = harness.standIn.requestsFor(handle);
  expect(reqs.filter((r) => r.route === CALLBACK && ok(r))).toHaveLength(1);
  expect(reqs.filter((r) => r.method === 'PATCH' && ok(r))).toHaveLength(1);
  expect(reqs.filter((r) => r.method === 'POST' && r.route === '/webhooks/:app/:token')).toHaveLength(0);
  expect(message.embeds[0]?.title).toBe(Q);
  expect(message.embeds[0]?.description).toMatch(/Medinsky/);
  return reqs;
}

function ask(question = Q, harness = h): InteractionHandle {
  return harness.standIn.sendSlashCommand('ask', { question }, { user: freshUser(harness.standIn) });
}

/**
 * The bot's replies to mention `askedId`, once a later mention has been answered too. discord.js posts channel messages
 * through one queue per channel route, so a duplicate reply (a retry, or a replayed event) would have landed first.
 */
async function repliesOnceSettled(askedId: string) {
  const later = h.standIn.sendMessage(`${h.standIn.mention()} Where are the talks held?`, { user: freshUser(h.standIn) });
  await h.standIn.waitForMessageReply(later.id);
  return [...h.standIn.messages.values()].filter((m) => m.message_reference?.message_id === askedId);
}

const identifies = () => h.standIn.gatewayLog.filter((e) => e.op === GatewayOpcodes.Identify).length;
const resumes = () => h.standIn.gatewayLog.filter((e) => e.op === GatewayOpcodes.Resume).length;

describe('gateway faults', () => {
  it('fault: gateway drops mid-answer → the answer is still delivered exactly once, then the bot resumes', async () => {
    delayMs = 600;
    const before = resumes();
    const handle = ask();
    await h.standIn.waitForRequest((r) => r.route === CALLBACK && r.params.token === handle.token);
    h.standIn.closeGateway(4000);
    await expectDeliveredOnce(handle);
    await h.standIn.waitFor(() => resumes() > before, { what: 'a RESUME' });
    await expectDeliveredOnce(ask());
  });

  it('fault: gateway drops mid-answer to a mention → exactly one reply', async () => {
    delayMs = 600;
    const asked = h.standIn.sendMessage(`${h.standIn.mention()} ${Q}`, { user: freshUser(h.standIn) });
    await h.standIn.waitFor(() => h.standIn.requests.some((r) => r.route === '/channels/:channel/typing'), { what: 'typing' });
    h.standIn.closeGateway(4000);
    await h.standIn.waitForMessageReply(asked.id);
    expect(await repliesOnceSettled(asked.id)).toHaveLength(1);
  });

  it('fault: op 9 Invalid Session mid-answer → answer delivered once; the bot re-identifies and keeps answering', async () => {
    delayMs = 600;
    const before = identifies();
    const handle = ask();
    await h.standIn.waitForRequest((r) => r.route === CALLBACK && r.params.token === handle.token);
    h.standIn.invalidateSessions();
    await expectDeliveredOnce(handle);
    await h.standIn.waitFor(() => identifies() > before && h.standIn.connected, { timeoutMs: 15_000, what: 'a new IDENTIFY' });
    expect(identifies()).toBe(before + 1);
    delayMs = 0;
    await expectDeliveredOnce(ask());
  });
});

describe('REST 5xx', () => {
  const bursts: Array<[string, FaultSpec[]]> = [
    ['fault: 3× 500 on the answer edit (a burst within discord.js retries)', [{ method: 'PATCH', route: EDIT, status: 500, count: 3 }]],
    ['fault: 502 then 503 on the interaction callback', [{ route: CALLBACK, status: 502, count: 1 }, { route: CALLBACK, status: 503, count: 1 }]],
  ];
  it.each(bursts)('%s → delivered exactly once', async (_label, faults) => {
    for (const fault of faults) h.standIn.failNext(fault);
    const reqs = await expectDeliveredOnce(ask());
    expect(reqs.filter((r) => r.fault === 'server-error').length).toBe(faults.reduce((n, f) => n + (f.count ?? 1), 0));
  });

  it('fault: 2× 500 on a mention reply → exactly one reply', async () => {
    h.standIn.failNext({ method: 'POST', route: CHANNEL_POST, status: 500, count: 2 });
    const asked = h.standIn.sendMessage(`${h.standIn.mention()} ${Q}`, { user: freshUser(h.standIn) });
    await h.standIn.waitForMessageReply(asked.id);
    expect(await repliesOnceSettled(asked.id)).toHaveLength(1);
  });

  it('fault: a 500 burst longer than the retries → not delivered; the asker is told privately and the failure is logged once with the interaction id', async () => {
    h.standIn.failNext({ method: 'PATCH', route: EDIT, status: 500, count: 20 });
    const handle = ask();
    const logged = await h.standIn.waitFor(
      () => h.logger.lines.find((l) => l.level === 'warn' && (l.obj as { interactionId?: string }).interactionId === handle.id && l.msg === 'could not deliver the answer (Discord refused it); telling the asker privately'),
      { timeoutMs: 15_000, what: 'the failure log' },
    );
    // What failed is logged with it: the edit the stand-in kept refusing.
    expect((logged!.obj as { err?: { status?: number; method?: string } }).err).toMatchObject({ status: 500, method: 'PATCH' });
    expect(h.logger.lines.filter((l) => (l.obj as { interactionId?: string }).interactionId === handle.id)).toHaveLength(1);
    expect(h.standIn.requestsFor(handle).filter((r) => r.method === 'PATCH' && ok(r))).toHaveLength(0);
    const told = await h.standIn.waitFor(() => h.standIn.requestsFor(handle).find((r) => r.method === 'POST' && r.route === '/webhooks/:app/:token' && ok(r)), { timeoutMs: 5_000 });
    expect(told.body).toMatchObject({ content: "I couldn't post the answer here: Discord did not accept it; please try again in a moment.", flags: 64 });
    // The interaction token never appears in what was logged.
    expect(JSON.stringify(h.logger.lines.map((l) => l.obj))).not.toContain(handle.token);
    h.standIn.clearFaults();
    await expectDeliveredOnce(ask());
  });
});

describe('429 rate limits', () => {
  it('fault: 3 per-route 429s in a row on the answer edit → waits them out, delivered exactly once', async () => {
    h.standIn.failNext({ method: 'PATCH', route: EDIT, status: 429, retryAfter: 0.3, count: 3 });
    const reqs = await expectDeliveredOnce(ask());
    const patches = reqs.filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => r.status)).toEqual([429, 429, 429, 200]);
    expect(patches[3]!.at - patches[0]!.at).toBeGreaterThanOrEqual(850);
  });

  it('fault: a global 429 while five answers are in flight → every one delivered exactly once', async () => {
    delayMs = 200;
    h.standIn.failNext({ method: 'PATCH', route: EDIT, status: 429, retryAfter: 1, global: true, count: 2 });
    const handles = Array.from({ length: 5 }, () => ask());
    for (const handle of handles) await expectDeliveredOnce(handle);
    expect(h.standIn.requests.filter((r) => r.fault === 'rate-limit').length).toBeGreaterThanOrEqual(2);
  });

  it('fault: a 429 on a mention reply → exactly one reply', async () => {
    h.standIn.failNext({ method: 'POST', route: CHANNEL_POST, status: 429, retryAfter: 0.5 });
    const asked = h.standIn.sendMessage(`${h.standIn.mention()} ${Q}`, { user: freshUser(h.standIn) });
    await h.standIn.waitForMessageReply(asked.id);
    expect(await repliesOnceSettled(asked.id)).toHaveLength(1);
  });

  it('fault: real per-bucket limits (2 per second) with six questions at once → all delivered exactly once', async () => {
    const tight = await startHarness({ service: real, standIn: { rateLimit: { limit: 2, windowMs: 1_000 } } });
    try {
      const handles = Array.from({ length: 6 }, () => ask(Q, tight));
      for (const handle of handles) await expectDeliveredOnce(handle, tight);
    } finally {
      await tight.close();
    }
  });

  it('fault: a 429 on the callback longer than the 3 s window → Discord drops it; the failure is logged with the interaction id', async () => {
    h.standIn.failNext({ route: CALLBACK, status: 429, retryAfter: 3.2 });
    const handle = ask();
    await h.standIn.waitFor(
      () => h.logger.lines.find((l) => l.level === 'error' && (l.obj as { interactionId?: string }).interactionId === handle.id && l.msg === 'could not report the failure to the user'),
      { timeoutMs: 10_000, what: 'the failure log' },
    );
    expect(h.standIn.requestsFor(handle).filter(ok)).toHaveLength(0);
  });
});
