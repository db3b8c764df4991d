/**
 * `npm start` without DISCORD_TOKEN runs the playground as a process: prints the URL and how to
 * connect to Discord instead, answers through the stand-in, refuses a second instance on the same
 * port, and stops cleanly on Ctrl-C. A malformed token still stops at once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/playground/server.js';
import { copySeedArticle } from '../support/articles.js';
import { FAKE_TOKEN } from '../support/discord-harness.js';
import { spawnScript, stopScripts } from '../support/spawn-script.js';

const MAIN = 'src/main.ts';
const PLAYGROUND_MAIN = 'src/playground/main.ts';

const dirs: string[] = [];
afterAll(() => {
  stopScripts();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(prefix: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

const run = (script: string, env: Record<string, string>) => spawnScript(script, { env });

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function until<T>(what: string, fn: () => T | undefined | false, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Read the page's event stream until a bot message that replies to `messageId` arrives. */
async function waitForBotReply(url: string, messageId: string): Promise<any> {
  const res = await fetch(`${url}/api/events`);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let botId = '';
  const deadline = Date.now() + 20_000;
  try {
    while (Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (!event || !data) continue;
        const parsed = JSON.parse(data);
        const messages = event === 'hello' ? ((botId = parsed.bot.id), parsed.messages) : event === 'message' ? [parsed] : [];
        const reply = messages.find((m: any) => m.author.id === botId && m.message_reference?.message_id === messageId);
        if (reply) return reply;
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  throw new Error('no reply from the bot');
}

describe('npm start without DISCORD_TOKEN: the playground', () => {
  it('starts, answers through the stand-in, refuses a second instance, and stops cleanly on SIGINT', async () => {
    const port = await freePort();
    const data = tempDir('footnote-playground-data-');
    const env = { ARTICLES_DIR: copySeedArticle(path.join(data, 'articles')), INDEX_DIR: path.join(data, 'index'), DATA_DIR: data, PLAYGROUND_PORT: String(port) };
    const first = run(MAIN, env);
    const url = await until('the playground URL', () => /Footnote playground: (http:\/\/\S+)/.exec(first.stdout())?.[1]);
    expect(url).toBe(`http://127.0.0.1:${port}`);
    expect(first.stdout()).toContain('DISCORD_TOKEN');
    expect(first.stdout()).toContain('.env.example');
    expect(first.stderr()).toContain('No DISCORD_TOKEN set');
    // The index was built on first run, with progress on stderr.
    expect(first.stderr()).toMatch(/Rebuilding the index|Building the index/);

    const home = await fetch(url);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await home.text()).toContain('<script type="module" src="/app.js">');

    const sent = await fetch(`${url}/api/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'Who leads the Russian delegation?' }),
    });
    expect(sent.status).toBe(200);
    const { id } = (await sent.json()) as { id: string };
    const reply = await waitForBotReply(url, id);
    expect(reply.embeds[0].title).toBe('Who leads the Russian delegation?');
    expect(reply.embeds[0].description).toContain('Vladimir Medinsky');

    // `npm run playground` (forced even with a token) on the same port: a clear message, not a crash.
    const second = run(PLAYGROUND_MAIN, { ...env, DISCORD_TOKEN: FAKE_TOKEN, CLIENT_ID: '123456789012345678' });
    expect((await second.exited).code).toBe(1);
    expect(second.output()).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    expect(second.output()).toContain('PLAYGROUND_PORT');
    expect(second.output()).not.toMatch(/\n\s+at /); // no stack trace

    first.child.kill('SIGINT');
    expect((await first.exited).code).toBe(0);
    expect(first.stderr()).toContain('Playground stopped.');
    // The port is free again.
    const again = net.createServer();
    await new Promise<void>((resolve, reject) => again.once('error', reject).listen(port, '127.0.0.1', resolve));
    await new Promise((resolve) => again.close(resolve));
  });

  it('still stops at once on a malformed DISCORD_TOKEN, naming it and .env.example', async () => {
    const bad = run(MAIN, { DISCORD_TOKEN: 'not-a-token', CLIENT_ID: '123456789012345678', PLAYGROUND_PORT: String(await freePort()) });
    expect((await bad.exited).code).toBe(1);
    expect(bad.output()).toContain('DISCORD_TOKEN');
    expect(bad.output()).toContain('.env.example');
    expect(bad.output()).not.toContain('playground');
  });

  it('rejects a bad PLAYGROUND_PORT by name', async () => {
    const bad = run(MAIN, { PLAYGROUND_PORT: 'eighty' });
    expect((await bad.exited).code).toBe(1);
    expect(bad.output()).toContain('PLAYGROUND_PORT');
  });
});
