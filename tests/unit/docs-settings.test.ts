/**
 * The settings a newcomer reads about are the settings the code reads: every variable of the three env loaders is in
 * `.env.example` and the README's Configuration table; a bad port is refused in words; the README's own links and
 * figures hold.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { segmentArticle } from '../../src/article/segment.js';
import { loadDiscordEnv } from '../../src/discord/env.js';
import { loadPlaygroundEnv } from '../../src/playground/env.js';
import { ROOT, SEED_PATH } from '../support/articles.js';

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const LOADERS = ['src/config.ts', 'src/discord/env.ts', 'src/playground/env.ts'];
/** Schema keys (`  NAME: z…`) and direct reads (`env.NAME`) in the loaders. */
const variables = [...new Set(LOADERS.flatMap((file) => [...read(file).matchAll(/^\s+([A-Z][A-Z0-9_]+):|\benv\.([A-Z][A-Z0-9_]+)/gm)].map((m) => m[1] ?? m[2]!)))].sort();

describe('documented settings', () => {
  it('finds the variables the loaders read', () => {
    expect(variables).toEqual(expect.arrayContaining(['DISCORD_API_BASE', 'DISCORD_TOKEN', 'HEALTH_PORT', 'LOG_LEVEL', 'PLAYGROUND_HOST', 'PLAYGROUND_PORT']));
  });

  it('.env.example lists every variable the code reads', () => {
    const example = read('.env.example');
    expect(variables.filter((name) => !new RegExp(`^#? ?${name}=`, 'm').test(example))).toEqual([]);
  });

  it("README's Configuration table lists every variable the code reads", () => {
    const readme = read('README.md');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
    expect(variables.filter((name) => !table.includes(`| \`${name}\` |`))).toEqual([]);
  });

  it('PLAYGROUND_PORT=abc is refused in words, naming the variable', () => {
    expect(() => loadPlaygroundEnv({ PLAYGROUND_PORT: 'abc' })).toThrow('Invalid PLAYGROUND_PORT: must be a port number (0–65535).');
    expect(() => loadPlaygroundEnv({ ASK_COOLDOWN_SECONDS: 'soon' })).toThrow('Invalid ASK_COOLDOWN_SECONDS: must be a number of seconds (0–3,600).');
    const bot = { DISCORD_TOKEN: 'MTAxMjM0NTY3ODkwMTIzNDU2.Gf00tn.stand-in-token-not-real_0123456789', CLIENT_ID: '101234567890123456' };
    expect(() => loadDiscordEnv({ ...bot, HEALTH_PORT: 'abc' })).toThrow(/HEALTH_PORT: must be a port number/);
  });
});

describe('README', () => {
  const readme = read('README.md');
  /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
  const anchors = new Set(
    [...readme.matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-')),
  );

  it('links only to sections that exist, and names sections only by link', () => {
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((link) => !anchors.has(link))).toEqual([]);
    expect(readme).not.toContain('Running Footnote as a Discord bot');
  });

  it('states the seed article\'s sentence count as it is', () => {
    const count = segmentArticle('seed', readFileSync(SEED_PATH, 'utf8')).length;
    const stated = [...readme.matchAll(/(\d+)-sentence seed article/g)].map((m) => Number(m[1]));
    expect(stated.length).toBeGreaterThan(0);
    expect(stated.every((n) => n === count)).toBe(true);
  });

  it('says --jsonl skips blank lines', () => {
    expect(readme).toMatch(/`--jsonl` mode blank lines\s+are skipped/);
  });
});
