/**
 * Secrets and privacy: the bot token and `.env` contents never reach logs or user-facing messages; `.gitignore`
 * covers `.env`; feedback stores only a hash of the user id (also on a full disk, without tearing the file); the
 * moderator command is permission-gated.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ApplicationCommandType, InteractionContextType, PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { commands, checkClaimCommand } from '../../src/discord/commands/index.js';
import { data as articleCommand } from '../../src/discord/commands/article.js';
import { data as footnoteCommand } from '../../src/discord/commands/footnote.js';
import { FeedbackLog, readFeedback, sha256 } from '../../src/discord/state.js';
import { StandInError } from '../../src/stand-in/index.js';
import { botEnv, freshUser, startHarness, startStandIn } from '../support/discord-harness.js';
import { spawnScript, stopScripts } from '../support/spawn-script.js';
import { removeTempDirs, ROOT, seedCorpus, stubService, tempDir, canMountTmpfs } from './support.js';

/** Recognisable, well-formed, fake. Every part is searched for separately. */
const TOKEN = 'MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs-SECRETMARK';
const TOKEN_PARTS = TOKEN.split('.');

afterAll(() => {
  stopScripts();
  removeTempDirs();
});

/** Logs as they would be serialised, errors expanded (message, stack, every own property). */
function serialise(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v instanceof Error ? { name: v.name, message: v.message, stack: v.stack, cause: v.cause, ...Object.fromEntries(Object.entries(v)) } : v,
  );
}

function expectNoSecret(text: string, extra: string[] = []) {
  for (const secret of [TOKEN, ...TOKEN_PARTS, ...extra]) expect(text).not.toContain(secret);
}

describe('the token never reaches logs or users', () => {
  it('security: in-process bot through answers, handler errors, 5xx bursts and a gateway drop → no token in any log or message', async () => {
    // This stand-in accepts only TOKEN.
    const h = await startHarness({ service: stubService(), token: TOKEN });
    const { standIn, logger } = h;
    try {
      const interactionTokens: string[] = [];
      const askAndWait = async (question: string) => {
        const handle = standIn.sendSlashCommand('ask', { question }, { user: freshUser(standIn) });
        interactionTokens.push(handle.token);
        return standIn.waitForReply(handle, { timeoutMs: 15_000 });
      };
      await askAndWait('Who leads the delegation?');
      // A handler error reaches the asker alone, in an ephemeral follow-up.
      const exploding = standIn.sendSlashCommand('ask', { question: 'please explode' }, { user: freshUser(standIn) });
      interactionTokens.push(exploding.token);
      const told = await standIn.waitFor(() => standIn.requestsFor(exploding).find((r) => r.method === 'POST' && r.route === '/webhooks/:app/:token' && r.status === 200), { timeoutMs: 15_000 });
      expect(told.body).toMatchObject({ content: 'Something went wrong while answering; please try again in a moment.', flags: 64 });
      standIn.failNext({ method: 'PATCH', route: '/webhooks/:app/:token/messages/:message', status: 500, count: 20 });
      const failing = standIn.sendSlashCommand('ask', { question: 'Who leads?' }, { user: freshUser(standIn) });
      interactionTokens.push(failing.token);
      await standIn.waitFor(() => logger.lines.some((l) => (l.obj as { interactionId?: string }).interactionId === failing.id && l.msg?.startsWith('could not deliver the answer')), { timeoutMs: 15_000 });
      standIn.clearFaults();
      standIn.closeGateway(4000);
      await askAndWait('After the drop?');
      expect(logger.lines.some((l) => l.level === 'error')).toBe(true); // the failure paths did log
      expectNoSecret(serialise(logger.lines), interactionTokens);
      // What users see: every body the bot sent.
      expectNoSecret(serialise(standIn.requests.map((r) => r.body)));
    } finally {
      await h.close();
    }
  });

  const runMain = (cwd: string) => spawnScript('src/main.ts', { cwd });

  it('security: `npm start` reading a .env: debug logs, an error burst and shutdown never print the token or other .env secrets', async () => {
    const standIn = await startStandIn({ token: TOKEN });
    const proc: { current?: ReturnType<typeof runMain> } = {};
    try {
      const cwd = tempDir('dotenv');
      const dataDir = tempDir('data');
      fs.writeFileSync(
        path.join(cwd, '.env'),
        [
          ...Object.entries(botEnv(standIn, TOKEN)).map(([name, value]) => `${name}=${value}`),
          `ARTICLES_DIR=${seedCorpus()}`,
          `INDEX_DIR=${path.join(dataDir, 'index')}`,
          `DATA_DIR=${dataDir}`,
          'LOG_LEVEL=trace',
          'UNRELATED_API_KEY=sk-live-DOTENV-ONLY-SECRET-42',
        ].join('\n'),
      );
      proc.current = runMain(cwd);
      const p = proc.current;
      await standIn.waitFor(() => standIn.connected && p.output().includes('connected to Discord'), { timeoutMs: 40_000, what: 'the bot to connect' });
      const ok = standIn.sendSlashCommand('ask', { question: 'Who leads the Russian delegation?' }, { user: freshUser(standIn) });
      await standIn.waitForReply(ok);
      standIn.failNext({ method: 'PATCH', route: '/webhooks/:app/:token/messages/:message', status: 500, count: 20 });
      const failing = standIn.sendSlashCommand('ask', { question: 'Where are the talks held?' }, { user: freshUser(standIn) });
      await standIn.waitFor(() => p.output().includes('could not deliver the answer'), { timeoutMs: 15_000, what: 'the failure log' });
      expect(p.output()).toContain(failing.id); // logged with the interaction id
      standIn.clearFaults();
      p.child.kill('SIGTERM');
      expect((await p.exited).code).toBe(0);
      expectNoSecret(p.output(), ['sk-live-DOTENV-ONLY-SECRET-42', ok.token, failing.token]);
      expectNoSecret(serialise(standIn.requests.map((r) => r.body)));
    } finally {
      if (proc.current && proc.current.child.exitCode === null) proc.current.child.kill('SIGKILL');
      await standIn.stop();
    }
  });

  it('security: a malformed token in .env stops at once, naming the variable but not echoing the value', async () => {
    const cwd = tempDir('dotenv-bad');
    const bad = 'mfa.THIS-IS-A-SECRET-BUT-MALFORMED-TOKEN-VALUE';
    fs.writeFileSync(path.join(cwd, '.env'), `DISCORD_TOKEN=${bad}\nCLIENT_ID=101234567890123456\n`);
    const p = runMain(cwd);
    expect((await p.exited).code).toBe(1);
    expect(p.output()).toContain('DISCORD_TOKEN');
    expect(p.output()).not.toContain('SECRET-BUT-MALFORMED');
  });
});

describe('repository hygiene and privacy', () => {
  it('security: .gitignore covers .env (at the root and below) and the feedback data folder, not .env.example', () => {
    const ignored = (p: string) => spawnSync('git', ['check-ignore', '-q', '--no-index', p], { cwd: ROOT }).status === 0;
    expect(ignored('.env')).toBe(true);
    expect(ignored('src/discord/.env')).toBe(true);
    expect(ignored('data/feedback.jsonl')).toBe(true);
    expect(ignored('.env.example')).toBe(false);
  });

  it('security: feedback stores a sha256 of the user id, never the id', async () => {
    const h = await startHarness({ service: stubService() });
    try {
      const asked = h.standIn.sendSlashCommand('ask', { question: 'Who leads?' }, { user: 'bob' });
      const answer = await h.standIn.waitForReply(asked);
      await h.standIn.waitForReply(h.standIn.clickButton(answer.id, h.standIn.buttonsOf(answer.id)[2]!.custom_id, { user: 'alice' }));
      const text = fs.readFileSync(h.feedbackFile, 'utf8');
      expect(readFeedback(h.feedbackFile)[0]!.user).toBe(sha256(h.standIn.users.alice.id));
      expect(text).not.toContain(h.standIn.users.alice.id);
      expect(text).not.toContain('alice');
    } finally {
      await h.close();
    }
  });

  it('disk full: a vote whose append is short-written then fails (seam) is rejected and leaves no half line', async () => {
    const file = path.join(tempDir('votes'), 'feedback.jsonl');
    const log = new FeedbackLog(file);
    const record = (vote: 'up' | 'down', user: string) =>
      log.record({ at: new Date(0).toISOString(), key: 'k', question: 'q', answered: true, citations: [], vote, user: sha256(user) });
    await record('up', 'first');
    const before = fs.readFileSync(file);
    const probe = await fs.promises.open(file, 'r');
    const proto = Object.getPrototypeOf(probe) as { write: (...args: unknown[]) => Promise<{ bytesWritten: number }> };
    await probe.close();
    const realWrite = proto.write;
    let calls = 0;
    const spy = vi.spyOn(proto, 'write').mockImplementation(async function (this: unknown, data: unknown, offset?: unknown, length?: unknown) {
      if (calls++ === 0) return realWrite.call(this, data, offset, Math.floor(Number(length) / 2)); // short write…
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }); // …then the disk is full
    });
    try {
      await expect(record('down', 'second')).rejects.toThrow(/ENOSPC/);
    } finally {
      spy.mockRestore();
    }
    expect(fs.readFileSync(file)).toEqual(before);
    await record('down', 'third');
    expect(readFeedback(file).map((r) => r.user)).toEqual([sha256('first'), sha256('third')]);
    expect(fs.readFileSync(file, 'utf8').trimEnd().split('\n')).toHaveLength(2);
  });

  const canMount = canMountTmpfs();

  it.runIf(canMount)('disk full: a vote on a full disk (real tmpfs, root only) is refused and logged, never torn; the next one is kept', async () => {
    const h = await startHarness({ service: stubService() });
    try {
      const asked = h.standIn.sendSlashCommand('ask', { question: 'Who leads?' }, { user: 'bob' });
      const answer = await h.standIn.waitForReply(asked);
      const up = h.standIn.buttonsOf(answer.id)[2]!.custom_id;
      await h.standIn.waitForReply(h.standIn.clickButton(answer.id, up, { user: 'alice' }));
      const recorded = fs.readFileSync(h.feedbackFile);
      // tmpfs allocates whole 4 KiB pages: pad with a blank line (readers skip those) so exactly 100 bytes are free in
      // the file's last page — the next vote line gets a short write, then ENOSPC.
      const pad = (((4096 - 100 - recorded.length) % 4096) + 4096) % 4096;
      const before = Buffer.concat([recorded, Buffer.from(`${' '.repeat(Math.max(0, pad - 1))}\n`)]);
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', h.dataDir]);
      try {
        fs.writeFileSync(h.feedbackFile, before);
        const filler = path.join(h.dataDir, 'filler');
        const fd = fs.openSync(filler, 'w');
        try {
          for (;;) fs.writeSync(fd, Buffer.alloc(512)); // until ENOSPC
        } catch {
          // full
        } finally {
          fs.closeSync(fd);
        }
        const refused = h.standIn.clickButton(answer.id, up, { user: 'mod' });
        expect((await h.standIn.waitForReply(refused)).content).toMatch(/Something went wrong/);
        expect(h.logger.lines.some((l) => l.level === 'error' && (l.obj as { interactionId?: string }).interactionId === refused.id)).toBe(true);
        expect(fs.readFileSync(h.feedbackFile)).toEqual(before); // no half line left behind
        fs.rmSync(filler);
        await h.standIn.waitForReply(h.standIn.clickButton(answer.id, up, { user: 'bob' }));
        const records = readFeedback(h.feedbackFile);
        expect(fs.readFileSync(h.feedbackFile, 'utf8').split('\n').filter((l) => l.trim())).toHaveLength(2);
        expect(records.map((r) => r.user)).toEqual([sha256(h.standIn.users.alice.id), sha256(h.standIn.users.bob.id)]);
      } finally {
        execFileSync('umount', [h.dataDir]);
      }
    } finally {
      await h.close();
    }
  });
});

describe('the moderator command is permission-gated', () => {
  it('security: "Check against article" and /article are registered for Manage Messages and /footnote (settings) for Manage Server, servers only; every other command is open', () => {
    expect(checkClaimCommand.default_member_permissions).toBe(PermissionFlagsBits.ManageMessages.toString());
    expect(checkClaimCommand.contexts).toEqual([InteractionContextType.Guild]); // never in DMs, where permissions don't apply
    const settings = footnoteCommand;
    expect(settings.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
    expect(settings.contexts).toEqual([InteractionContextType.Guild]);
    expect(articleCommand.default_member_permissions).toBe(PermissionFlagsBits.ManageMessages.toString());
    expect(articleCommand.contexts).toEqual([InteractionContextType.Guild]);
    for (const c of commands.filter((c) => c !== checkClaimCommand && c !== settings && c !== articleCommand)) expect('default_member_permissions' in c).toBe(false);
  });

  it('security: Discord (the stand-in) offers it to a moderator and an administrator, not to a plain member', async () => {
    const h = await startHarness({ service: stubService() });
    try {
      const menu = h.standIn.guildCommands.find((c) => c.type === ApplicationCommandType.Message)!;
      expect(menu.default_member_permissions).toBe(PermissionFlagsBits.ManageMessages.toString());
      const claim = h.standIn.sendMessage('Medinsky leads the delegation.', { user: 'bob' });
      expect(() => h.standIn.sendMessageContextMenu('Check against article', claim.id, { user: 'alice' })).toThrow(StandInError);
      expect(() => h.standIn.sendMessageContextMenu('Check against article', claim.id, { user: 'bob', permissions: PermissionFlagsBits.SendMessages })).toThrow(StandInError);
      await h.standIn.waitForReply(h.standIn.sendMessageContextMenu('Check against article', claim.id, { user: 'mod' }));
      await h.standIn.waitForReply(h.standIn.sendMessageContextMenu('Check against article', claim.id, { user: 'bob', permissions: PermissionFlagsBits.Administrator }));
    } finally {
      await h.close();
    }
  });
});

describe('article URLs are not a way into our network', () => {
  it('security: /article add and npm run ingest refuse loopback, private, link-local and non-http(s) addresses unless FETCH_ALLOW_PRIVATE is set', async () => {
    const { fetchPage } = await import('../../src/ingest/fetch-page.js');
    for (const [url, reason] of [
      ['http://127.0.0.1/', '127.0.0.1 is a private or loopback address'],
      ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a private or loopback address'],
      ['http://[::ffff:10.0.0.1]/', 'is a private or loopback address'],
      ['http://localhost/', 'localhost is this machine'],
      ['file:///etc/passwd', 'only http and https addresses are fetched, not file'],
      ['gopher://example.com/', 'only http and https addresses are fetched, not gopher'],
      ['http://user:secret@example.com/', 'addresses with a user name or password are not fetched'],
    ]) {
      await expect(fetchPage(url!)).rejects.toThrow(reason);
    }
  });
});
