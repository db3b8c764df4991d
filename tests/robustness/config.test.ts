/**
 * Every setting missing or malformed: the engine config (src/config.ts) and the Discord env (src/discord/env.ts).
 * A missing optional setting falls back to its default; a malformed one stops with a message naming the variable,
 * never echoing a secret.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, loadConfig, PROJECT_ROOT } from '../../src/config.js';
import { DiscordEnvError, loadDiscordEnv } from '../../src/discord/env.js';
import { isFootnoteError } from '../../src/errors.js';
import { createQaService } from '../../src/qa-service.js';
import { fakeEmbedder, removeTempDirs, seedCorpus, tempDir } from './support.js';

afterAll(() => removeTempDirs());

const TOKEN = 'MTAxMjM0NTY3ODkwMTIzNDU2.Gf00tn.config-test-token-SECRET_987654';
const CLIENT_ID = '101234567890123456';

describe('engine config: each variable missing → default', () => {
  it.each([
    ['EMBEDDING_MODEL', 'model', DEFAULT_MODEL],
    ['ARTICLES_DIR', 'articlesDir', path.join(PROJECT_ROOT, 'seeds')],
    ['INDEX_DIR', 'indexDir', path.join(PROJECT_ROOT, 'embeddings')],
    ['MODELS_DIR', 'modelsDir', path.join(PROJECT_ROOT, '.models')],
    ['DATA_DIR', 'dataDir', path.join(PROJECT_ROOT, 'data')],
    ['LOG_LEVEL', 'logLevel', 'info'],
  ] as const)('config: %s missing (or empty) uses the default', (name, key, expected) => {
    expect(loadConfig({})[key]).toBe(expected);
    expect(loadConfig({ [name]: '' })[key]).toBe(expected);
  });
});

describe('engine config: EMBED_THREADS', () => {
  it('config: EMBED_THREADS unset, empty or auto leaves the count to the embedder; a number is kept, 0 included', () => {
    for (const value of [undefined, '', 'auto']) expect(loadConfig(value === undefined ? {} : { EMBED_THREADS: value }).embedThreads).toBeUndefined();
    expect(loadConfig({ EMBED_THREADS: '0' }).embedThreads).toBe(0);
    expect(loadConfig({ EMBED_THREADS: ' 3 ' }).embedThreads).toBe(3);
  });
});

describe('engine config: TAG_AHEAD', () => {
  it('config: TAG_AHEAD unset, empty or auto tags large collections ahead; 1 always, 0 never', () => {
    for (const value of [undefined, '', 'auto']) expect(loadConfig(value === undefined ? {} : { TAG_AHEAD: value }).tagAhead).toBe('auto');
    expect(loadConfig({ TAG_AHEAD: '1' }).tagAhead).toBe('on');
    expect(loadConfig({ TAG_AHEAD: '0' }).tagAhead).toBe('off');
  });
});

describe('engine config: each variable malformed → BAD_CONFIG naming it', () => {
  it.each([
    ['EMBEDDING_MODEL', '   '],
    ['ARTICLES_DIR', ' \t '],
    ['INDEX_DIR', '  '],
    ['MODELS_DIR', '\n'],
    ['DATA_DIR', ' '],
    ['LOG_LEVEL', 'verbose'],
    ['LOG_LEVEL', 'INFO '],
    ['EMBED_THREADS', 'many'],
    ['EMBED_THREADS', '-1'],
    ['EMBED_THREADS', '2.5'],
    ['TAG_AHEAD', 'yes'],
    ['TAG_AHEAD', '2'],
  ])('config: %s=%j is refused', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(isFootnoteError(error, 'BAD_CONFIG')).toBe(true);
    expect((error as Error).message).toMatch(new RegExp(`^Footnote: Invalid setting ${name}: .+\\. See \\.env\\.example\\.$`));
  });

  it('config: ARTICLES_DIR pointing nowhere, or at a file, stops the service with ARTICLES_DIR_MISSING naming it', async () => {
    const file = path.join(tempDir('file'), 'not-a-dir.txt');
    fs.writeFileSync(file, 'x');
    for (const dir of ['/nonexistent/footnote/articles', file]) {
      await expect(createQaService({ articlesDir: dir, indexDir: tempDir('i'), embedder: fakeEmbedder() })).rejects.toThrow(
        `The articles folder ${dir} does not exist.`,
      );
    }
  });

  it('config: INDEX_DIR pointing at a file stops the service with an error naming the path', async () => {
    const file = path.join(tempDir('file'), 'index-is-a-file');
    fs.writeFileSync(file, 'x');
    await expect(createQaService({ articlesDir: seedCorpus(), indexDir: file, embedder: fakeEmbedder() })).rejects.toThrow(file);
  });
});

describe('Discord env: each variable missing or malformed → DiscordEnvError naming it, never the token', () => {
  const valid = { DISCORD_TOKEN: TOKEN, CLIENT_ID };

  it('discord env: a complete, valid environment parses (defaults: cooldown 10 s, discord.com)', () => {
    expect(loadDiscordEnv(valid)).toEqual({ token: TOKEN, clientId: CLIENT_ID, cooldownMs: 10_000 });
  });

  it.each([
    ['DISCORD_TOKEN', undefined, /is missing/],
    ['DISCORD_TOKEN', '', /is missing/],
    ['DISCORD_TOKEN', '   ', /is missing/],
    ['DISCORD_TOKEN', 'xoxb-SECRET-looks-like-slack', /does not look like a bot token/],
    ['DISCORD_TOKEN', 'Bot MTAx.Gf00tn.SECRET_with_prefix', /does not look like a bot token/],
    ['CLIENT_ID', undefined, /is missing/],
    ['CLIENT_ID', 'my-app', /must be a Discord id/],
    ['CLIENT_ID', '12345', /must be a Discord id/],
    ['GUILD_ID', 'guild-1', /must be a Discord id/],
    ['GUILD_ID', '1'.repeat(21), /must be a Discord id/],
    ['ASK_COOLDOWN_SECONDS', 'ten', /number/i],
    ['ASK_COOLDOWN_SECONDS', '-1', />=\s?0|too small/i],
    ['ASK_COOLDOWN_SECONDS', '86400', /<=\s?3600|too big/i],
    ['DISCORD_API_BASE', 'not a url', /url/i],
  ])('discord env: %s=%j', (name, value, reason) => {
    const env: Record<string, string | undefined> = { ...valid, [name]: value };
    if (value === undefined) delete env[name];
    let error: unknown;
    try {
      loadDiscordEnv(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DiscordEnvError);
    expect((error as DiscordEnvError).variable).toBe(name);
    expect((error as Error).message).toMatch(new RegExp(`^Invalid or missing ${name}: `));
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).toContain('.env.example');
    for (const secret of [TOKEN, 'SECRET', ...(value?.trim() && name === 'DISCORD_TOKEN' ? [value.trim()] : [])]) {
      expect((error as Error).message).not.toContain(secret);
    }
  });

  it('discord env: optional GUILD_ID, ASK_COOLDOWN_SECONDS and DISCORD_API_BASE missing → defaults', () => {
    const parsed = loadDiscordEnv({ ...valid, GUILD_ID: '', ASK_COOLDOWN_SECONDS: '', DISCORD_API_BASE: '' });
    expect(parsed).toEqual({ token: TOKEN, clientId: CLIENT_ID, cooldownMs: 10_000 });
  });
});
