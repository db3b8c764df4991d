/** The bot's log: the four levels it writes, and errors made safe to write. */
type LogFn = (obj: object, msg?: string) => void;
export interface BotLogger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

/**
 * An error as logged. discord.js REST errors carry the request URL, which holds the interaction token (a credential
 * for 15 minutes): mask it. Everything else is kept.
 */
export function loggableError(error: unknown): unknown {
  const url = (error as { url?: unknown } | null)?.url;
  if (!(error instanceof Error) || typeof url !== 'string') return error;
  return {
    type: error.name,
    message: error.message,
    stack: error.stack,
    ...Object.fromEntries(Object.entries(error).filter(([key]) => key !== 'requestBody')),
    url: url.replace(/\/(webhooks|interactions)\/(\d+)\/[^/?]+/, '/$1/$2/[token]'),
  };
}
