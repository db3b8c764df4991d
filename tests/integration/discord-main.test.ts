/** `npm start` as a process: env validation, connecting, answering, clean shutdown, no token in logs. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DiscordStandIn } from '../../src/stand-in/index.js';
import { deployCommands } from '../../src/discord/deploy-commands.js';
import { FAKE_TOKEN } from '../support/discord-harness.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const MAIN = path.join(ROOT, 'src/discord/main.ts');

function run(env: Record<string, string>) {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'footnote-main-')); // no .env here
  dirs.push(cwd);
  const child = spawn(TSX, [MAIN], { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('src/discord/main.ts', () => {
  it('exits at once naming a malformed variable and .env.example', async () => {
    // A missing token starts the playground instead (tests/integration/playground-main.test.ts).
    const malformed = run({ DISCORD_TOKEN: 'not-a-token' });
    children.push(malformed.child);
    expect(await malformed.exited).toBe(1);
    expect(malformed.output()).toContain('DISCORD_TOKEN');
    expect(malformed.output()).toContain('.env.example');
    const bad = run({ DISCORD_TOKEN: FAKE_TOKEN, CLIENT_ID: 'not-an-id' });
    children.push(bad.child);
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toContain('CLIENT_ID');
    expect(bad.output()).not.toContain(FAKE_TOKEN);
  });

  it('connects, answers, and shuts down cleanly on SIGTERM without logging the token', async () => {
    const standIn = await DiscordStandIn.start({ token: FAKE_TOKEN });
    try {
      await deployCommands({ token: FAKE_TOKEN, clientId: standIn.applicationId, guildId: standIn.guildId, apiBase: standIn.apiBase });
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'footnote-main-data-'));
      dirs.push(dataDir);
      const proc = run({
        DISCORD_TOKEN: FAKE_TOKEN,
        CLIENT_ID: standIn.applicationId,
        GUILD_ID: standIn.guildId,
        DISCORD_API_BASE: standIn.apiBase,
        INDEX_DIR: path.join(dataDir, 'index'),
        DATA_DIR: dataDir,
        LOG_LEVEL: 'debug',
      });
      children.push(proc.child);
      await standIn.waitFor(() => standIn.connected && proc.output().includes('connected to Discord'), { timeoutMs: 40_000, what: 'the bot to connect' });
      const handle = standIn.sendSlashCommand('ask', { question: 'Where are the talks held?' });
      const reply = await standIn.waitForReply(handle);
      expect(reply.embeds[0]?.title).toBe('Where are the talks held?');
      proc.child.kill('SIGTERM');
      expect(await proc.exited).toBe(0);
      expect(proc.output()).toContain('shutting down');
      expect(proc.output()).not.toContain(FAKE_TOKEN);
      expect(proc.output()).not.toContain(FAKE_TOKEN.split('.')[2]);
    } finally {
      await standIn.stop();
    }
  });
});
