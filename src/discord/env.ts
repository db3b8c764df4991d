/**
 * Discord settings from the environment (`.env` loaded by the caller). Validated with zod so a
 * missing or malformed value stops the process at once with a message naming the variable.
 * The token value is never included in messages.
 */
import { z } from 'zod';
import { parseEnv, portSchema, secondsSchema } from '../parse-env.js';

const snowflake = z.string().trim().regex(/^\d{17,20}$/, 'must be a Discord id (17–20 digits)');

const schema = z.object({
  DISCORD_TOKEN: z
    .string({ error: 'is missing' })
    .trim()
    .min(1, 'is missing')
    .regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'does not look like a bot token (three dot-separated parts; copy it from Developer Portal → Bot → Reset Token)'),
  CLIENT_ID: z.string({ error: 'is missing' }).trim().regex(/^\d{17,20}$/, 'must be a Discord id (17–20 digits)'),
  GUILD_ID: snowflake.optional(),
  /** Seconds between questions per user. */
  ASK_COOLDOWN_SECONDS: secondsSchema(3600).default(10),
  /** Override the Discord REST base (e.g. a local stand-in); discord.com when unset. */
  DISCORD_API_BASE: z.url().optional(),
  /** Port for `GET /health` (gateway connected or not); no health endpoint when unset. */
  HEALTH_PORT: portSchema().optional(),
  HEALTH_HOST: z.string().trim().min(1).default('127.0.0.1'),
});

export type DiscordEnv = {
  token: string;
  clientId: string;
  guildId?: string;
  cooldownMs: number;
  apiBase?: string;
  health?: { port: number; host: string };
};

export class DiscordEnvError extends Error {
  override name = 'DiscordEnvError';
  constructor(readonly variable: string, reason: string) {
    super(`Invalid or missing ${variable}: ${reason}. Set it in .env (see .env.example).`);
  }
}

/** Parse the Discord settings (DISCORD_TOKEN, CLIENT_ID required; GUILD_ID optional). */
export function loadDiscordEnv(env: NodeJS.ProcessEnv = process.env): DiscordEnv {
  const e = parseEnv(schema, env, (variable, reason) => new DiscordEnvError(variable, reason));
  return {
    token: e.DISCORD_TOKEN,
    clientId: e.CLIENT_ID,
    ...(e.GUILD_ID ? { guildId: e.GUILD_ID } : {}),
    cooldownMs: Math.round(e.ASK_COOLDOWN_SECONDS * 1000),
    ...(e.DISCORD_API_BASE ? { apiBase: e.DISCORD_API_BASE } : {}),
    ...(e.HEALTH_PORT !== undefined ? { health: { port: e.HEALTH_PORT, host: e.HEALTH_HOST } } : {}),
  };
}

/**
 * Whether a Discord token is configured at all (any non-blank value). Without one, `npm start`
 * runs the local playground; a value that is set but malformed still fails in `loadDiscordEnv`.
 */
export function hasDiscordToken(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.DISCORD_TOKEN ?? '').trim() !== '';
}

/** For entry points: the validated environment, or the variable's problem printed and exit 1 (never a stack trace). */
export function loadDiscordEnvOrExit(): DiscordEnv {
  try {
    return loadDiscordEnv();
  } catch (error) {
    if (error instanceof DiscordEnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const shardCountSchema = z.object({
  /** Not SHARD_COUNT: discord.js reads that one in every client, so a value left in .env would misconfigure `npm start`. */
  DISCORD_SHARD_COUNT: z
    .string()
    .trim()
    .regex(/^(auto|[1-9]\d*)$/, 'must be a positive integer or auto')
    .default('auto'),
});

/** `npm run start:sharded`'s shard count: a positive integer, or `auto` (the count GET /gateway/bot recommends). */
export function loadShardCount(env: NodeJS.ProcessEnv = process.env): number | 'auto' {
  const e = parseEnv(shardCountSchema, env, (variable, reason) => new DiscordEnvError(variable, reason));
  return e.DISCORD_SHARD_COUNT === 'auto' ? 'auto' : Number(e.DISCORD_SHARD_COUNT);
}
