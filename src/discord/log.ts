/** The bot's log: the four levels it writes, and errors made safe to write. */
type LogFn = (obj: object, msg?: string) => void;
export interface BotLogger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

/**
 * Credentials as they appear in text: an interaction token after its route (`/webhooks/<app>/<token>`, a credential
 * for 15 minutes, which a server may echo anywhere in an error body), an interaction token on its own (Discord's
 * start with base64 "interaction:"), and a bot token (three dot-separated base64url parts, also after `Bot `).
 */
const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/\/(webhooks|interactions)\/(\d+)\/[^/?#\s"'\\]+/g, '/$1/$2/[token]'],
  [/aW50ZXJhY3Rpb246[\w:.+/=-]*/g, '[token]'],
  [/[\w-]{20,}\.[\w-]{6,}\.[\w-]{20,}/g, '[token]'],
];
/** Keys whose values are credentials whatever they look like. */
const SECRET_KEY = /^(token|authorization|requestBody)$/i;
const MAX_DEPTH = 6;

export function maskSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/**
 * An error as logged: a plain object (so every own field is written, `rawError` and `url` included) in which every
 * string has its tokens masked, whatever field it sits in. The request body (`requestBody`) is left out.
 */
export function loggableError(error: unknown): unknown {
  return masked(error, 0, new WeakSet());
}

function masked(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return maskSecrets(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value) || depth > MAX_DEPTH) return '[…]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => masked(item, depth + 1, seen));
  const entries: Array<[string, unknown]> =
    value instanceof Error ? [['type', value.name], ['name', value.name], ['message', value.message], ['stack', value.stack], ...Object.entries(value)] : Object.entries(value);
  if (value instanceof Error && value.cause !== undefined) entries.push(['cause', value.cause]);
  return Object.fromEntries(
    entries.flatMap(([key, item]): Array<[string, unknown]> => {
      if (SECRET_KEY.test(key)) return key === 'requestBody' ? [] : [[key, '[redacted]']];
      return [[key, masked(item, depth + 1, seen)]];
    }),
  );
}
