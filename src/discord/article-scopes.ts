/**
 * Which articles each channel answers from (`/article use`), per server, kept in one small JSON file replaced whole
 * (written beside it, fsync'd, renamed). A channel with no choice answers from all of its server's articles; a
 * thread without its own choice follows its parent channel's.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import path from 'node:path';

type Scopes = Map<string, Map<string, string[]>>;

export class ArticleScopes {
  private readonly byGuild: Scopes;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {
    this.byGuild = readScopes(file);
  }

  /** The articles chosen for a channel, or for its parent when it is a thread without its own; undefined: all. */
  get(guildId: string, channelId: string | null, parentId?: string | null): string[] | undefined {
    const channels = this.byGuild.get(guildId);
    return (channelId ? channels?.get(channelId) : undefined) ?? (parentId ? channels?.get(parentId) : undefined);
  }

  /** Sets a channel's articles; undefined or empty goes back to all of the server's. */
  set(guildId: string, channelId: string, articles: string[] | undefined): Promise<void> {
    const channels = this.byGuild.get(guildId) ?? new Map<string, string[]>();
    if (articles?.length) channels.set(channelId, [...new Set(articles)]);
    else channels.delete(channelId);
    this.byGuild.set(guildId, channels);
    return this.save();
  }

  /** An article removed from the server leaves every channel's choice. */
  forget(guildId: string, article: string): Promise<void> {
    const channels = this.byGuild.get(guildId);
    if (!channels) return Promise.resolve();
    for (const [channel, articles] of channels) {
      const kept = articles.filter((id) => id !== article);
      if (kept.length) channels.set(channel, kept);
      else channels.delete(channel);
    }
    return this.save();
  }

  private save(): Promise<void> {
    const snapshot = JSON.stringify(Object.fromEntries([...this.byGuild].map(([guild, channels]) => [guild, Object.fromEntries(channels)])), null, 2);
    const write = this.queue.then(() => replaceFile(this.file, `${snapshot}\n`));
    this.queue = write.catch(() => undefined);
    return write;
  }
}

function readScopes(file: string): Scopes {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return new Map(); // none saved yet, or unreadable: every channel answers from all its server's articles
  }
  const scopes: Scopes = new Map();
  if (!parsed || typeof parsed !== 'object') return scopes;
  for (const [guild, channels] of Object.entries(parsed)) {
    if (!channels || typeof channels !== 'object') continue;
    const map = new Map<string, string[]>();
    for (const [channel, ids] of Object.entries(channels)) {
      if (Array.isArray(ids)) map.set(channel, ids.filter((id): id is string => typeof id === 'string'));
    }
    scopes.set(guild, map);
  }
  return scopes;
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
