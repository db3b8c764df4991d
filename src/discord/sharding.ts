/**
 * The bot as several discord.js shards, one process each, under a ShardingManager. Every shard runs the ordinary bot
 * entry (dist/main.js) and opens the same store, so with DATABASE_URL set they all answer from one PostgreSQL
 * collection instead of each holding its own copy of the index.
 */
import type { ChildProcess } from 'node:child_process';
import { REST, Routes, ShardingManager } from 'discord.js';
import type { RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import { DiscordEnvError, loadDiscordEnvOrExit, loadShardCount } from './env.js';

/** How long one shard may take to open its store and reach READY (a cold model load on a busy machine is slow). */
const SPAWN_TIMEOUT_MS = 180_000;

/** Discord's recommended count, asked of DISCORD_API_BASE when set (discord.js's own helper always asks discord.com). */
async function recommendedShards(token: string, apiBase: string | undefined): Promise<number> {
  const rest = new REST(apiBase ? { api: apiBase } : {}).setToken(token);
  const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return Math.max(1, gateway.shards);
}

function shardCountOrExit(): number | 'auto' {
  try {
    return loadShardCount();
  } catch (error) {
    if (!(error instanceof DiscordEnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/** Spawns the shards over `entry` (the built bot) and stops them all on SIGINT/SIGTERM. */
export async function runShards(entry: string): Promise<void> {
  const env = loadDiscordEnvOrExit();
  const requested = shardCountOrExit();
  const totalShards = requested === 'auto' ? await recommendedShards(env.token, env.apiBase) : requested;
  const manager = new ShardingManager(entry, { token: env.token, totalShards, mode: 'process', respawn: true });
  manager.on('shardCreate', (shard) => {
    // One health port cannot be bound by several processes; each shard's state is the manager's to report.
    delete (shard.env as Record<string, unknown>).HEALTH_PORT;
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
function stopShard(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  // The manager respawns a shard that exits; this one is meant to.
  child.removeAllListeners('exit');
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
