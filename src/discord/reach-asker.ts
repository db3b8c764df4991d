/**
 * Never silent: a mention's answer goes where it was asked, and when the bot may not post there (a missing
 * permission, a channel deleted meanwhile) it goes to the asker by DM with the reason, and the operator gets one log
 * line naming what was missing.
 */
import { DiscordAPIError, RESTJSONErrorCodes, type Message, type MessageCreateOptions, type MessageReplyOptions } from 'discord.js';
import type { BotDeps } from './deps.js';
import { loggableError } from './log.js';
import { NO_MENTIONS, NO_MENTIONS_REPLY } from './reply.js';

type Body = Pick<MessageCreateOptions, 'content' | 'embeds' | 'components'>;

/** Why a post in the channel was refused, in the words of Discord's client; undefined for any other failure. */
function channelRefusal(error: unknown, inThread: boolean): { permission?: string; reason: string } | undefined {
  if (!(error instanceof DiscordAPIError)) return undefined;
  // Threads (forum posts among them) have their own permission to post.
  if (error.code === RESTJSONErrorCodes.MissingPermissions)
    return { permission: inThread ? 'Send Messages in Threads' : 'Send Messages', reason: "I'm not allowed to post in that channel" };
  if (error.code === RESTJSONErrorCodes.MissingAccess) return { permission: 'View Channel', reason: "I can't see that channel" };
  if (error.code === RESTJSONErrorCodes.UnknownChannel) return { reason: 'that channel is gone' };
  return undefined;
}

/**
 * Sends `body` as a reply to `message` (or through `send`, e.g. into a thread); when the channel refuses the bot, by
 * DM to the asker instead, saying why. Other failures are thrown as they are.
 */
export async function answerAsker(
  message: Message,
  body: Body,
  deps: Pick<BotDeps, 'logger'>,
  send?: (body: MessageCreateOptions) => Promise<unknown>,
): Promise<void> {
  const post = send ?? ((b: MessageReplyOptions) => message.reply({ ...b, failIfNotExists: false }));
  let refused: ReturnType<typeof channelRefusal>;
  try {
    await post({ ...body, allowedMentions: NO_MENTIONS_REPLY });
    return;
  } catch (error) {
    refused = channelRefusal(error, message.channel.isThread());
    if (!refused) throw error;
  }
  const missing = refused.permission ? `missing permission: ${refused.permission}` : refused.reason;
  deps.logger.warn(
    { channelId: message.channelId, messageId: message.id, ...(refused.permission ? { permission: refused.permission } : {}) },
    `cannot answer in the channel (${missing}); answering the asker by DM`,
  );
  const where = message.inGuild() ? ` in #${message.channel.name}` : '';
  const note = `You asked me something${where}, but ${refused.reason}, so I'm answering here.`;
  try {
    await message.author.send({ ...body, content: body.content ? `${note}\n\n${body.content}` : note, allowedMentions: NO_MENTIONS });
  } catch (error) {
    deps.logger.error({ err: loggableError(error), messageId: message.id }, 'could not reach the asker by DM either (their DMs may be closed)');
  }
}
