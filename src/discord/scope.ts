/** The articles a place in Discord answers from: its server's (never another's), narrowed by `/article use`. */
import type { ArticleScope } from '../types.js';
import type { BotDeps } from './deps.js';

export interface Place {
  guildId: string | null;
  channelId: string | null;
  /** The parent channel, for a thread. */
  parentId?: string | null;
}

/** A place's scope. Chosen articles since removed are left out; when none is left, the server's articles all count. */
export function scopeOf(deps: Pick<BotDeps, 'service' | 'scopes'>, place: Place): ArticleScope {
  // In a DM there is no server: only the shared articles.
  const server = place.guildId ?? '';
  const chosen = place.guildId ? deps.scopes.get(place.guildId, place.channelId, place.parentId) : undefined;
  if (!chosen) return { server };
  const known = new Set(deps.service.about({ server }).articles.map((a) => a.id));
  const kept = chosen.filter((id) => known.has(id));
  return kept.length ? { server, articles: kept } : { server };
}

/** Where an interaction or a message is: its server, channel, and the parent when the channel is a thread. */
export function placeOf(source: { guildId: string | null; channelId: string | null; channel: unknown }): Place {
  const channel = source.channel as { isThread?: () => boolean; parentId?: string | null } | null;
  return { guildId: source.guildId, channelId: source.channelId, parentId: channel?.isThread?.() ? channel.parentId : null };
}
