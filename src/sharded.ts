/**
 * `npm run start:sharded`: the bot as several discord.js shards, one process each, under a ShardingManager. Every
 * shard runs the ordinary bot entry (dist/main.js) and opens the same store, so with DATABASE_URL set they all answer
 * from one PostgreSQL collection instead of each holding its own copy of the index.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { config as loadDotenv } from 'dotenv';
import { REST, Routes, ShardingManager } from 'discord.js';
import type { RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import { loadDiscordEnvOrExit } from './discord/env.js';

/** How long one shard may take to open its store and reach READY (a cold model load on a busy machine is slow). */
const SPAWN_TIMEOUT_MS = 180_000;

/**
 * DISCORD_SHARD_COUNT: a positive integer or `auto` (the count Discord recommends). Not SHARD_COUNT: discord.js
 * reads that one in every client, so a value left in .env would misconfigure a plain `npm start`.
 */
export function parseShardCount(raw: string | undefined): number | 'auto' {
  const value = (raw ?? '').trim() || 'auto';
  if (value === 'auto') return 'auto';
  if (!/^[1-9]\d*$/.test(value)) throw new Error(`Invalid DISCORD_SHARD_COUNT: "${value}" is neither a positive integer nor auto. See .env.example.`);
  return Number(value);
}

/** Discord's recommended count, asked of DISCORD_API_BASE when set (discord.js's own helper always asks discord.com). */
async function recommendedShards(token: string, apiBase: string | undefined): Promise<number> {
  const rest = new REST(apiBase ? { api: apiBase } : {}).setToken(token);
  const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return Math.max(1, gateway.shards);
}

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const env = loadDiscordEnvOrExit();
  let requested: number | 'auto';
  try {
    requested = parseShardCount(process.env.DISCORD_SHARD_COUNT);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const totalShards = requested === 'auto' ? await recommendedShards(env.token, env.apiBase) : requested;
  // One health port cannot be bound by several processes; each shard's state is the manager's to report.
  delete process.env.HEALTH_PORT;
  const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.js');
  const manager = new ShardingManager(entry, { token: env.token, totalShards, mode: 'process', respawn: true });
  manager.on('shardCreate', (shard) => {
    console.log(`shard ${shard.id}/${totalShards}: starting`);
    shard.on('ready', () => console.log(`shard ${shard.id}/${totalShards}: ready`));
    shard.on('death', () => console.log(`shard ${shard.id}/${totalShards}: exited`));
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('shutting down the shards');
    setTimeout(() => process.exit(1), 15_000).unref();
    await Promise.all([...manager.shards.values()].map((shard) => stopShard(shard.process)));
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop());
  await manager.spawn({ amount: totalShards, delay: 0, timeout: SPAWN_TIMEOUT_MS });
  console.log(`all ${totalShards} shards ready`);
}

/** SIGTERM to one shard (its own clean shutdown), resolved once it has exited. */
function stopShard(child: import('node:child_process').ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  child.removeAllListeners('exit');
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) void main();
