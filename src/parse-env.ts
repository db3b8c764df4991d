import type { z } from 'zod';

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
