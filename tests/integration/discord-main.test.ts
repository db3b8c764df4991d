/** `npm start` as a process: env validation, connecting, answering, clean shutdown, no token in logs. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempSeedArticles } from '../support/articles.js';
import { botEnv, FAKE_TOKEN, startStandIn } from '../support/discord-harness.js';
import { spawnScript, stopScripts } from '../support/spawn-script.js';

const run = (env: Record<string, string>) => spawnScript('src/main.ts', { env });

const dirs: string[] = [];
afterAll(() => {
  stopScripts();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('src/main.ts', () => {
  it('exits at once naming a malformed variable and .env.example', async () => {
    // A missing token starts the playground instead (tests/integration/playground-main.test.ts).
    const malformed = run({ DISCORD_TOKEN: 'not-a-token' });
    expect((await malformed.exited).code).toBe(1);
    expect(malformed.output()).toContain('DISCORD_TOKEN');
    expect(malformed.output()).toContain('.env.example');
    const bad = run({ DISCORD_TOKEN: FAKE_TOKEN, CLIENT_ID: 'not-an-id' });
    expect((await bad.exited).code).toBe(1);
    expect(bad.output()).toContain('CLIENT_ID');
    expect(bad.output()).not.toContain(FAKE_TOKEN);
  });

  it('connects, answers, and shuts down cleanly on SIGTERM without logging the token', async () => {
    const standIn = await startStandIn();
    try {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'footnote-main-data-'));
      dirs.push(dataDir);
      const articlesDir = tempSeedArticles();
      dirs.push(articlesDir);
      const proc = run({
        ...botEnv(standIn),
        ARTICLES_DIR: articlesDir,
        INDEX_DIR: path.join(dataDir, 'index'),
        DATA_DIR: dataDir,
        LOG_LEVEL: 'debug',
      });
      await standIn.waitFor(() => standIn.connected && proc.output().includes('connected to Discord'), { timeoutMs: 40_000, what: 'the bot to connect' });
      const handle = standIn.sendSlashCommand('ask', { question: 'Where are the talks held?' });
      const reply = await standIn.waitForReply(handle);
      expect(reply.embeds[0]?.title).toBe('Where are the talks held?');
      proc.child.kill('SIGTERM');
      expect((await proc.exited).code).toBe(0);
      expect(proc.output()).toContain('shutting down');
      expect(proc.output()).not.toContain(FAKE_TOKEN);
      expect(proc.output()).not.toContain(FAKE_TOKEN.split('.')[2]);
    } finally {
      await standIn.stop();
    }
  });
});
