/**
 * Threads for answers (`/footnote settings threads:true`): a mention in a channel gets its answer in a new thread
 * named after the question, so the follow-ups stay together. Where the bot may not open one, it answers in the
 * channel and the operator gets one log line naming the permission.
 */
import { ChannelType, DiscordAPIError, RESTJSONErrorCodes, type Message, type ThreadChannel } from 'discord.js';
import type { BotDeps } from './deps.js';
import { loggableError } from './log.js';
import { truncateAtWord } from './render/text.js';

/** Discord's limit on a thread's name. */
const THREAD_NAME_MAX = 100;

/** A new thread for the answer to `message`, or undefined: threads are off, the channel has none, or it was refused. */
export async function openAnswerThread(message: Message, question: string, deps: Pick<BotDeps, 'settings' | 'logger'>): Promise<ThreadChannel | undefined> {
  if (!message.inGuild() || !deps.settings.get(message.guildId).threads) return undefined;
  if (message.channel.type !== ChannelType.GuildText && message.channel.type !== ChannelType.GuildAnnouncement) return undefined;
  try {
    return await message.startThread({ name: threadName(question) });
  } catch (error) {
    const missing = error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.MissingPermissions;
    deps.logger.warn(
      { channelId: message.channelId, ...(missing ? { permission: 'Create Public Threads' } : { err: loggableError(error) }) },
      missing ? 'cannot open a thread here (missing permission: Create Public Threads); answered in the channel' : 'could not open a thread; answered in the channel',
    );
    return undefined;
  }
}

/** Thread names are plain text: the question, its mention markup dropped, cut at a word. */
export function threadName(question: string): string {
  const plain = question.replace(/<(?:@[!&]?|#)\d+>/g, ' ').replace(/@(everyone|here)\b/gi, '$1').replace(/\s+/g, ' ').trim();
  return truncateAtWord(plain || 'Question', THREAD_NAME_MAX);
}

/** True in a thread Footnote opened: every mention there continues its conversation. */
export function isFootnoteThread(message: Message): boolean {
  return message.channel.isThread() && message.channel.ownerId === message.client.user.id;
}

/** True in a forum's post: a conversation of its own, like a thread Footnote opened, once Footnote answered there. */
export function isForumPost(message: Message): boolean {
  return message.channel.isThread() && message.channel.parent?.type === ChannelType.GuildForum;
}

/** The message that opened a forum post: Discord gives it the post's (the thread's) id. */
export function isForumPostStarter(message: Message): message is Message<true> & { channel: ThreadChannel } {
  return message.channel.isThread() && message.channel.parent?.type === ChannelType.GuildForum && message.id === message.channelId;
}
