/** Playground settings from the environment (`.env` loaded by the caller). */
import { z } from 'zod';

export const DEFAULT_PLAYGROUND_PORT = 3000;
export const DEFAULT_PLAYGROUND_HOST = '127.0.0.1';

const schema = z.object({
  PLAYGROUND_PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PLAYGROUND_PORT),
  PLAYGROUND_HOST: z.string().trim().min(1).default(DEFAULT_PLAYGROUND_HOST),
  /** Same variable as the Discord bot; the playground defaults to no cooldown. */
  ASK_COOLDOWN_SECONDS: z.coerce.number().min(0).max(3600).default(0),
});

export interface PlaygroundEnv {
  host: string;
  port: number;
  cooldownMs: number;
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
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PlaygroundEnvError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  return {
    host: parsed.data.PLAYGROUND_HOST,
    port: parsed.data.PLAYGROUND_PORT,
    cooldownMs: Math.round(parsed.data.ASK_COOLDOWN_SECONDS * 1000),
  };
}
