/** Playground settings from the environment (`.env` loaded by the caller). */
import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from '../config.js';
import { parseEnv, portSchema, secondsSchema } from '../parse-env.js';

export const DEFAULT_PLAYGROUND_PORT = 3000;
export const DEFAULT_PLAYGROUND_HOST = '127.0.0.1';

const schema = z.object({
  PLAYGROUND_PORT: portSchema().default(DEFAULT_PLAYGROUND_PORT),
  PLAYGROUND_HOST: z.string().trim().min(1).default(DEFAULT_PLAYGROUND_HOST),
  /** Same variable as the Discord bot; the playground defaults to no cooldown. */
  ASK_COOLDOWN_SECONDS: secondsSchema(3600).default(0),
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
});

export interface PlaygroundEnv {
  host: string;
  port: number;
  cooldownMs: number;
  /** Only when LOG_LEVEL is set: the page is the interface here, so the bot logs warnings unless asked for more. */
  logLevel?: LogLevel;
}

export class PlaygroundEnvError extends Error {
  override name = 'PlaygroundEnvError';
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid ${variable}: ${reason}.`);
  }
}

export function loadPlaygroundEnv(env: NodeJS.ProcessEnv = process.env): PlaygroundEnv {
  const e = parseEnv(schema, env, (variable, reason) => new PlaygroundEnvError(variable, reason));
  return {
    host: e.PLAYGROUND_HOST,
    port: e.PLAYGROUND_PORT,
    cooldownMs: Math.round(e.ASK_COOLDOWN_SECONDS * 1000),
    ...(e.LOG_LEVEL ? { logLevel: e.LOG_LEVEL } : {}),
  };
}
