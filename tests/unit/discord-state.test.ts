import { mkdtempSync, readFileSync, writeFileSync, appendFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AnswerStore, Cooldown, FeedbackLog, ThreadQuestions, answerKey, readFeedback, sha256 } from '../../src/discord/state.js';
import { DiscordAPIError, HTTPError } from 'discord.js';
import { deliveryFailure } from '../../src/discord/delivery-failure.js';
import { DiscordEnvError, loadDiscordEnv } from '../../src/discord/env.js';
import { askCommand, commands } from '../../src/discord/commands/index.js';
import { ASK_OPTION_MAX_LENGTH } from '../../src/discord/commands/ask.js';
import { MAX_QUESTION_LENGTH } from '../../src/question.js';

const made: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'footnote-discord-state-'));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('Cooldown', () => {
  it('lets the first request through and reports the wait for the next', () => {
    let now = 1_000;
    const c = new Cooldown(5_000, () => now);
    expect(c.take('u1')).toBe(0);
    now += 1_200;
    expect(c.take('u1')).toBe(3_800);
    expect(c.take('u2')).toBe(0);
    now += 3_800;
    expect(c.take('u1')).toBe(0);
    expect(new Cooldown(0).take('u1')).toBe(0);
  });
});

describe('FeedbackLog', () => {
  it('appends one JSON line per vote, in order, surviving a new instance', async () => {
    const file = path.join(tmp(), 'nested', 'feedback.jsonl');
    const log = new FeedbackLog(file);
    const base = { key: 'k', question: 'q', answered: true, citations: [{ n: 1, article: 'a', id: '1.1' }] };
    await Promise.all([
      log.record({ ...base, at: 't1', vote: 'up', user: sha256('1') }),
      log.record({ ...base, at: 't2', vote: 'down', user: sha256('2') }),
    ]);
    await new FeedbackLog(file).record({ ...base, at: 't3', vote: 'up', user: sha256('3') });
    expect(readFeedback(file).map((r) => r.at)).toEqual(['t1', 't2', 't3']);
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(3);
  });
});

describe('AnswerStore', () => {
  it('reloads records from disk and skips a torn last line', async () => {
    const file = path.join(tmp(), 'answers.jsonl');
    const store = new AnswerStore(file);
    const key = answerKey('q', ['a:1.1']);
    expect(key).toMatch(/^[A-Za-z0-9_-]{16}$/);
    await store.put({ key, question: 'q', answered: true, citations: [{ n: 1, article: 'a', id: '1.1', score: 0.5 }], at: 'now' });
    await store.put({ key, question: 'q', answered: true, citations: [{ n: 1, article: 'a', id: '1.1', score: 0.5 }], at: 'now' });
    appendFileSync(file, '{"key":"torn');
    const reloaded = new AnswerStore(file);
    expect(reloaded.get(key)?.question).toBe('q');
    expect(readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('{"key":"' + key))).toHaveLength(1);
  });

  it('bounds memory to the newest entries', async () => {
    const file = path.join(tmp(), 'answers.jsonl');
    writeFileSync(file, ['a', 'b', 'c'].map((key) => JSON.stringify({ key, question: key, answered: true, citations: [], at: '' })).join('\n'));
    const store = new AnswerStore(file, 2);
    expect(store.get('a')).toBeUndefined();
    expect(store.get('c')?.question).toBe('c');
  });
});

describe('loadDiscordEnv', () => {
  const token = 'MTAx.Gabc12.abcdefghijklmnopqrstuvwxyz_-0123';
  it('accepts a valid environment', () => {
    expect(loadDiscordEnv({ DISCORD_TOKEN: token, CLIENT_ID: '123456789012345678', GUILD_ID: '' })).toEqual({
      token,
      clientId: '123456789012345678',
      cooldownMs: 10_000,
    });
  });

  it.each([
    [{}, 'DISCORD_TOKEN'],
    [{ DISCORD_TOKEN: 'not a token' }, 'DISCORD_TOKEN'],
    [{ DISCORD_TOKEN: token }, 'CLIENT_ID'],
    [{ DISCORD_TOKEN: token, CLIENT_ID: 'abc' }, 'CLIENT_ID'],
    [{ DISCORD_TOKEN: token, CLIENT_ID: '123456789012345678', GUILD_ID: '12' }, 'GUILD_ID'],
  ])('names the bad variable and .env.example (%#)', (env, name) => {
    let error: unknown;
    try {
      loadDiscordEnv(env as NodeJS.ProcessEnv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DiscordEnvError);
    expect((error as DiscordEnvError).variable).toBe(name);
    expect((error as Error).message).toContain(name);
    expect((error as Error).message).toContain('.env.example');
    expect((error as Error).message).not.toContain(token);
  });
});

describe('command definitions', () => {
  it('are plain JSON within Discord limits', () => {
    expect(JSON.parse(JSON.stringify(commands))).toEqual(commands);
    for (const c of commands) {
      expect(c.name.length).toBeLessThanOrEqual(32);
      if ('description' in c) expect(c.description.length).toBeLessThanOrEqual(100);
      for (const o of (c as { options?: Array<{ description: string }> }).options ?? []) expect(o.description.length).toBeLessThanOrEqual(100);
    }
  });

  it("/ask's input box never lets through a question the engine refuses as too long", () => {
    const question = askCommand.options.find((o) => o.name === 'question')!;
    expect(question.max_length).toBe(ASK_OPTION_MAX_LENGTH);
    expect(ASK_OPTION_MAX_LENGTH).toBeLessThanOrEqual(MAX_QUESTION_LENGTH);
  });
});

describe('ThreadQuestions', () => {
  it('keeps the latest question per thread across a reopen, and writes a repeated one once', async () => {
    const file = path.join(tmp(), 'threads.jsonl');
    const store = new ThreadQuestions(file);
    await store.put('t1', 'Where did Zelenskyy land?');
    await store.put('t1', 'Where did Zelenskyy land? when?');
    await store.put('t1', 'Where did Zelenskyy land? when?');
    await store.put('t2', 'Who leads the Russian delegation?');
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(3);
    const reopened = new ThreadQuestions(file);
    expect(reopened.get('t1')).toBe('Where did Zelenskyy land? when?');
    expect(reopened.get('t2')).toBe('Who leads the Russian delegation?');
    expect(reopened.get('t3')).toBeUndefined();
  });

  it('holds at most maxEntries threads in memory, forgetting the least recently answered', async () => {
    const store = new ThreadQuestions(path.join(tmp(), 'threads.jsonl'), 2);
    await store.put('a', 'qa');
    await store.put('b', 'qb');
    await store.put('a', 'qa2');
    await store.put('c', 'qc');
    expect([store.get('a'), store.get('b'), store.get('c')]).toEqual(['qa2', undefined, 'qc']);
  });
});

describe('deliveryFailure', () => {
  const apiError = (code: number, status: number) => new DiscordAPIError({ code, message: 'x' }, code, status, 'PATCH', 'https://discord.com/api/v10/webhooks/1/t/messages/@original', { body: {} });
  it("names the permission from Discord's code (Embed Links for an answer's embed), or what was gone", () => {
    expect(deliveryFailure(apiError(50013, 403), { embeds: [{}] })).toEqual({ permission: 'Embed Links', reason: "I'm not allowed to post embeds in this channel" });
    expect(deliveryFailure(apiError(50013, 403), {})?.permission).toBe('Send Messages');
    expect(deliveryFailure(apiError(50001, 403))?.permission).toBe('View Channel');
    expect(deliveryFailure(apiError(10008, 404))).toEqual({ reason: 'the message I was writing it into was deleted' });
    expect(deliveryFailure(apiError(10003, 404))).toEqual({ reason: 'this channel is gone' });
  });
  it('leaves other failures to the caller', () => {
    expect(deliveryFailure(apiError(50035, 400))).toBeUndefined();
    expect(deliveryFailure(new HTTPError(500, 'Internal Server Error', 'PATCH', 'u', { body: {} }))).toBeUndefined();
    expect(deliveryFailure(new Error('engine'))).toBeUndefined();
  });
});
