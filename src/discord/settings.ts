/**
 * Per-server settings a Manage Server member changes with `/footnote settings`, kept in one small JSON file that is
 * replaced whole (written beside it, fsync'd, renamed), so a crash leaves the old settings or the new, never half.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import path from 'node:path';

export interface GuildSettings {
  /** Answers to mentions open a thread named after the question; a mention inside it is a follow-up. */
  threads: boolean;
  /** Channels where every new message is a question, no mention needed (needs the Message Content intent). */
  answerChannels: string[];
}

export const DEFAULT_SETTINGS: Readonly<GuildSettings> = Object.freeze({ threads: false, answerChannels: [] });

export class SettingsStore {
  private readonly byGuild = new Map<string, GuildSettings>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {
    this.byGuild = readSettings(file);
  }

  get(guildId: string | null): GuildSettings {
    return { ...DEFAULT_SETTINGS, ...(guildId ? this.byGuild.get(guildId) : undefined) };
  }

  /** Applies `change` to a server's settings; resolves with them once they are on disk. */
  update(guildId: string, change: Partial<GuildSettings>): Promise<GuildSettings> {
    const next = { ...this.get(guildId), ...change };
    this.byGuild.set(guildId, next);
    const snapshot = JSON.stringify(Object.fromEntries(this.byGuild), null, 2);
    const write = this.queue.then(() => replaceFile(this.file, `${snapshot}\n`));
    this.queue = write.catch(() => undefined);
    return write.then(() => next);
  }
}

function readSettings(file: string): Map<string, GuildSettings> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return new Map(); // none saved yet
  }
  const parsed: unknown = JSON.parse(text);
  const map = new Map<string, GuildSettings>();
  if (!parsed || typeof parsed !== 'object') return map;
  for (const [guildId, value] of Object.entries(parsed)) {
    const { threads, answerChannels } = (value ?? {}) as { threads?: unknown; answerChannels?: unknown };
    map.set(guildId, {
      threads: threads === true,
      answerChannels: Array.isArray(answerChannels) ? answerChannels.filter((id): id is string => typeof id === 'string') : [],
    });
  }
  return map;
}

async function replaceFile(file: string, text: string): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}
