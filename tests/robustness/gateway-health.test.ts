/**
 * The health endpoint and the session log, with the real discord.js client against the stand-in: `GET /health` is 200
 * while the gateway is connected and 503 once it is not; a reconnect that is not a resume (op 9, new IDENTIFY) is logged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDiscordEnv } from '../../src/discord/env.js';
import { startHealthServer, type HealthServer } from '../../src/discord/health.js';
import { createEmbedder } from '../../src/embedding/create-embedder.js';
import { DEFAULT_MODEL } from '../../src/config.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { createQaService } from '../../src/qa-service.js';
import type { QaService } from '../../src/types.js';
import { FAKE_TOKEN, startHarness, type Harness } from '../support/discord-harness.js';
import { removeTempDirs, seedCorpus, tempDir } from './support.js';

let embedder: Embedder;
let service: QaService;
let h: Harness;
let health: HealthServer;

beforeAll(async () => {
  embedder = await createEmbedder(DEFAULT_MODEL);
  service = await createQaService({ articlesDir: seedCorpus(), indexDir: tempDir('index'), embedder });
  h = await startHarness({ service });
  health = await startHealthServer(h.bot.client, { port: 0 });
});

afterAll(async () => {
  await health?.close();
  await h?.close();
  await service?.close();
  await embedder?.close();
  removeTempDirs();
});

const probe = async () => {
  const response = await fetch(`http://127.0.0.1:${health.port}/health`);
  return { status: response.status, body: (await response.json()) as { connected: boolean; shards: Record<string, string> } };
};

describe('health endpoint and gateway sessions', () => {
  it('health: 200 with connected: true while the gateway is up; any other path is 404', async () => {
    expect(await probe()).toEqual({ status: 200, body: { connected: true, shards: { 0: 'Ready' } } });
    expect((await fetch(`http://127.0.0.1:${health.port}/`)).status).toBe(404);
  });

  it('health: a new session after op 9 (not a resume) is logged, and health is 200 again once it is ready', async () => {
    const newSession = () => h.logger.lines.filter((l) => /new session \(not a resume\)/.test(l.msg ?? ''));
    const resumed = () => h.logger.lines.filter((l) => l.msg === 'gateway resumed');
    // A dropped socket that resumes is logged as a resume, not as a new session.
    h.standIn.closeGateway(4000);
    await h.standIn.waitFor(() => resumed().length === 1, { timeoutMs: 15_000, what: 'the resume log line' });
    expect(newSession()).toEqual([]);
    h.standIn.invalidateSessions();
    await h.standIn.waitFor(() => newSession().length === 1, { timeoutMs: 15_000, what: 'the new-session log line' });
    expect(newSession()[0]).toMatchObject({ level: 'warn', obj: { sessions: 2 } });
    await h.standIn.waitFor(() => h.bot.client.ws.shards.every((shard) => shard.status === 0), { timeoutMs: 15_000, what: 'the shard ready' });
    expect(await probe()).toEqual({ status: 200, body: { connected: true, shards: { 0: 'Ready' } } });
  });

  it('health: 503 with connected: false once the gateway is gone', async () => {
    await h.bot.stop();
    const { status, body } = await probe();
    expect(status).toBe(503);
    expect(body.connected).toBe(false);
  });

  it('discord env: HEALTH_PORT must be a port; a bad value names the variable', () => {
    const base = { DISCORD_TOKEN: FAKE_TOKEN, CLIENT_ID: '101234567890123456' };
    expect(loadDiscordEnv({ ...base, HEALTH_PORT: '8081' }).health).toEqual({ port: 8081, host: '127.0.0.1' });
    expect(loadDiscordEnv(base).health).toBeUndefined();
    expect(() => loadDiscordEnv({ ...base, HEALTH_PORT: 'abc' })).toThrow('Invalid or missing HEALTH_PORT: must be a port number (0–65535).');
  });
});
