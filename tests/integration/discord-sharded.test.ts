/**
 * `npm run start:sharded`: two discord.js shards under a ShardingManager (real child processes) against the stand-in,
 * both answering from one PostgreSQL store. The stand-in routes a guild's events to shard (guild_id >> 22) % 2, so
 * each run puts its guild on a chosen shard and only that shard can answer.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord-api-types/v10';
import { shardOfGuild, type DiscordStandIn } from '../../src/stand-in/index.js';
import { SEED_FILE, seedArticleText, tempSeedArticles } from '../support/articles.js';
import { botEnv, FAKE_TOKEN, freshUser, startStandIn } from '../support/discord-harness.js';
import { startTestPostgres, type TestPostgres } from '../support/postgres.js';
import { spawnScript, stopScripts, type ScriptRun } from '../support/spawn-script.js';

const SHARDS = 2;
const QUESTION = 'Who leads the Russian delegation?';

let postgres: TestPostgres;
const dirs: string[] = [];
let articlesDir: string;

beforeAll(async () => {
  postgres = await startTestPostgres();
  articlesDir = tempSeedArticles();
  dirs.push(articlesDir);
  const ingest = spawnScript('src/cli/main.ts', { args: ['ingest'], env: { DATABASE_URL: postgres.url, ARTICLES_DIR: articlesDir } });
  const exit = await ingest.exited;
  expect(exit.code, ingest.output()).toBe(0);
}, 60_000);

/** The ShardingManager runs: stopped with SIGTERM, which stops their shards too (SIGKILL would orphan them). */
const managers: ScriptRun[] = [];
function startSharded(env: Record<string, string>): ScriptRun {
  const run = spawnScript('src/sharded.ts', { env });
  managers.push(run);
  return run;
}

afterAll(async () => {
  for (const run of managers) run.child.kill('SIGTERM');
  await Promise.race([Promise.all(managers.map((run) => run.exited)), new Promise((resolve) => setTimeout(resolve, 20_000))]);
  stopScripts();
  await postgres?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A stand-in whose guild lives on `shard` of SHARDS (guild ids are random snowflakes, so a few tries at most). */
async function standInWithGuildOn(shard: number): Promise<DiscordStandIn> {
  for (;;) {
    const standIn = await startStandIn({ standIn: { recommendedShards: SHARDS } });
    if (shardOfGuild(standIn.guildId, SHARDS) === shard) return standIn;
    await standIn.stop();
  }
}

/** Runs the sharded bot against a guild on `shard`, asks by mention, and returns the answer's embed. */
async function answerFromShard(shard: number): Promise<APIEmbed> {
  const standIn = await standInWithGuildOn(shard);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'footnote-sharded-data-'));
  dirs.push(dataDir);
  // No articles of their own: whatever the shards quote can only come from the database.
  const noArticles = mkdtempSync(path.join(os.tmpdir(), 'footnote-sharded-articles-'));
  dirs.push(noArticles);
  try {
    const proc = startSharded({ ...botEnv(standIn), DATABASE_URL: postgres.url, ARTICLES_DIR: noArticles, DATA_DIR: dataDir, INDEX_DIR: path.join(dataDir, 'index'), DISCORD_SHARD_COUNT: 'auto' });
    await standIn.waitFor(() => proc.output().includes(`all ${SHARDS} shards ready`), { timeoutMs: 60_000, what: `the ${SHARDS} shards to be ready:\n${proc.output()}` });
    const sessions = standIn.shardSessions.map((s) => ({ shard: s.shard, ownsGuild: s.ownsGuild }));
    expect(sessions.sort((a, b) => a.shard[0] - b.shard[0])).toEqual([
      { shard: [0, SHARDS], ownsGuild: shard === 0 },
      { shard: [1, SHARDS], ownsGuild: shard === 1 },
    ]);
    const asked = standIn.sendMessage(`${standIn.mention()} ${QUESTION}`, { user: 'alice' });
    const reply = await standIn.waitForMessageReply(asked.id, { timeoutMs: 30_000 });
    // Only the owning shard's session was sent the message; the other never saw the guild.
    for (const s of standIn.shardSessions) expect(s.dispatches.includes('MESSAGE_CREATE')).toBe(s.shard[0] === shard);
    for (const s of standIn.shardSessions) expect(s.dispatches.includes('GUILD_CREATE')).toBe(s.shard[0] === shard);
    proc.child.kill('SIGTERM');
    expect((await proc.exited).code).toBe(0);
    expect(proc.output()).not.toContain(FAKE_TOKEN);
    return reply.embeds[0]!;
  } finally {
    await standIn.stop();
  }
}

/** The sentence ids in the answer's Sources field, in order (`· \`11.1\` ·`). */
function citedIds(embed: APIEmbed): string[] {
  const sources = embed.fields?.find((f) => f.name === 'Sources')?.value ?? '';
  return [...sources.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
}

describe('npm run start:sharded', () => {
  it('answers on shard 0 and on shard 1 from the one PostgreSQL store, with the same citations', async () => {
    const ask = spawnScript('src/cli/main.ts', { args: ['ask', '--json', QUESTION], env: { DATABASE_URL: postgres.url, ARTICLES_DIR: articlesDir } });
    expect((await ask.exited).code, ask.output()).toBe(0);
    const cited = (JSON.parse(ask.stdout()) as { citations: Array<{ id: string }> }).citations.map((c) => c.id);
    expect(cited[0]).toBe('11.1');
    const onShard0 = await answerFromShard(0);
    const onShard1 = await answerFromShard(1);
    expect(citedIds(onShard0)).toEqual(cited);
    expect(onShard1).toEqual(onShard0);
  }, 150_000);
});

describe('an ingest while the shards answer', () => {
  it('never gives an answer from a half-written or mixed generation', async () => {
    const standIn = await standInWithGuildOn(1);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'footnote-sharded-data-'));
    const noArticles = mkdtempSync(path.join(os.tmpdir(), 'footnote-sharded-articles-'));
    // The next generation: the same article with a new name in it, so every quote shows which generation it is from.
    const nextArticles = mkdtempSync(path.join(os.tmpdir(), 'footnote-sharded-next-'));
    dirs.push(dataDir, noArticles, nextArticles);
    writeFileSync(path.join(nextArticles, SEED_FILE), seedArticleText().replaceAll('Medinsky', 'Medinskii'));
    try {
      const proc = startSharded({ ...botEnv(standIn), DATABASE_URL: postgres.url, ARTICLES_DIR: noArticles, DATA_DIR: dataDir, INDEX_DIR: path.join(dataDir, 'index'), DISCORD_SHARD_COUNT: String(SHARDS), ASK_COOLDOWN_SECONDS: '0' });
      await standIn.waitFor(() => proc.output().includes(`all ${SHARDS} shards ready`), { timeoutMs: 60_000, what: `the shards:\n${proc.output()}` });
      const ingest = spawnScript('src/cli/main.ts', { args: ['ingest'], env: { DATABASE_URL: postgres.url, ARTICLES_DIR: nextArticles } });
      let ingestDone = false;
      void ingest.exited.then(() => (ingestDone = true));
      const answers: string[] = [];
      while (!ingestDone || answers.length < 3) {
        const asked = standIn.sendMessage(`${standIn.mention()} ${QUESTION}`, { user: freshUser(standIn) });
        const reply = await standIn.waitForMessageReply(asked.id, { timeoutMs: 30_000 });
        answers.push(reply.embeds[0]!.description ?? '');
      }
      expect((await ingest.exited).code, ingest.output()).toBe(0);
      // A running shard keeps the generation it opened: every answer is whole, from the first one.
      for (const answer of answers) {
        expect(answer).toContain('Vladimir Medinsky');
        expect(answer).not.toContain('Medinskii');
      }
      // The new generation is live for whoever opens the store now.
      const ask = spawnScript('src/cli/main.ts', { args: ['ask', '--json', QUESTION], env: { DATABASE_URL: postgres.url, ARTICLES_DIR: nextArticles } });
      expect((await ask.exited).code, ask.output()).toBe(0);
      const quotes = (JSON.parse(ask.stdout()) as { citations: Array<{ quote: string }> }).citations.map((c) => c.quote).join(' ');
      expect(quotes).toContain('Medinskii');
      expect(quotes).not.toContain('Medinsky');
      proc.child.kill('SIGTERM');
      expect((await proc.exited).code).toBe(0);
    } finally {
      await standIn.stop();
    }
  }, 90_000);
});
