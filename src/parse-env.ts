import { z } from 'zod';

/** A TCP port; "abc" is refused in words, not as zod's "received NaN". */
export function portSchema() {
  const reason = 'must be a port number (0–65535)';
  return z.coerce.number({ error: reason }).int(reason).min(0, reason).max(65535, reason);
}

/** A number of seconds in [0, max]; anything else is refused in words. */
export function secondsSchema(max: number) {
  const range = `a number of seconds (0–${max.toLocaleString('en-US')})`;
  return z.coerce
    .number({ error: `must be ${range}` })
    .min(0, `is too small: must be ${range}`)
    .max(max, `is too big: must be ${range}`);
}

/**
 * Environment variables parsed by `schema`, empty strings counting as unset (as a blank line in .env means). The
 * first problem becomes the error `fail` builds from the variable's name and zod's reason.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv, fail: (variable: string, reason: string) => Error): z.infer<S> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw fail(String(issue.path[0] ?? 'environment'), issue.message);
  }
  return parsed.data;
}
