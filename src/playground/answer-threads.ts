/** The threads the bot opens for answers, as the playground shows them: under the #news message they started from. */
import type { DiscordStandIn } from '../stand-in/index.js';

/** A thread started from a message in #news (its id is that message's), as the page shows it; undefined otherwise. */
export function answerThreadOf(standIn: DiscordStandIn, channelId: string): { id: string; name: string } | undefined {
  const channel = standIn.channel(channelId);
  if (!channel || !('parent_id' in channel) || channel.parent_id !== standIn.channelId || channelId === standIn.threadId) return undefined;
  return { id: channel.id, name: channel.name ?? '' };
}
