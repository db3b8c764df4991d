/**
 * A message that mentions the bot directly is a question: answered in a reply, like /ask but public. So is every new
 * message in an answer channel (`/footnote settings answer_here:true`), when the Message Content intent is granted.
 */
import type { Message, MessageReplyOptions } from 'discord.js';
import { isUserError } from '../errors.js';
import { validateQuestion } from '../question.js';
import { answerQuestion } from './answer-question.js';
import { isFootnoteThread, isForumPost, isForumPostStarter, openAnswerThread } from './answer-thread.js';
import { questionInConversation } from './follow-up-context.js';
import type { BotDeps } from './deps.js';
import { loggableError } from './log.js';
import { escapeUserText } from './render/text.js';
import { answerAsker } from './reach-asker.js';
import { placeOf, scopeOf } from './scope.js';
import { cooldownText, failureText } from './reply.js';

export async function handleMention(message: Message, deps: BotDeps): Promise<void> {
  const me = message.client.user;
  if (message.author.bot || message.author.id === me.id) return;
  // Only a direct user mention counts (not @everyone/@here or a role), or any message in an answer channel.
  if (!message.mentions.users.has(me.id) && !isAnswerChannelQuestion(message, deps)) return;
  const question = message.content.replace(new RegExp(`<@!?${me.id}>`, 'g'), ' ').replace(/\s+/g, ' ').trim();
  const reply = (body: Pick<MessageReplyOptions, 'content' | 'embeds' | 'components'>) => answerAsker(message, body, deps);
  const refused = refusal(question, message.author.id, me.username, deps);
  if (refused) {
    await reply({ content: refused });
    return;
  }
  if ('sendTyping' in message.channel) await message.channel.sendTyping().catch(() => undefined);
  try {
    const asked = await questionInConversation(message, question, deps);
    const { answer, message: body } = await answerQuestion(asked, deps, scopeOf(deps, placeOf(message)));
    const thread = await openAnswerThread(message, question, deps);
    await answerAsker(message, body, deps, thread && ((b) => thread.send(b)));
    // The thread's context for the next follow-up, should the bot restart before it comes.
    const threadId = thread?.id ?? (isFootnoteThread(message) || isForumPost(message) ? message.channelId : undefined);
    if (threadId) await deps.threadQuestions.put(threadId, answer.question).catch((error) => deps.logger.warn({ err: loggableError(error), threadId }, 'could not keep the thread\'s question'));
    deps.logger.info({ via: 'mention', answered: answer.answered, citations: answer.citations.length }, 'answered');
  } catch (error) {
    if (!isUserError(error)) deps.logger.error({ err: loggableError(error), messageId: message.id }, 'mention failed');
    await reply({ content: failureText(error) }).catch((replyError) =>
      deps.logger.error({ err: loggableError(replyError), messageId: message.id }, 'could not report the failure to the user'),
    );
  }
}

/**
 * A member's new message in a channel a server made an answer channel, or a new post in a forum it made one, with
 * its text (Message Content granted).
 */
function isAnswerChannelQuestion(message: Message, deps: BotDeps): boolean {
  if (!message.inGuild() || !deps.access.messageContent || !message.content.trim()) return false;
  const channels = deps.settings.get(message.guildId).answerChannels;
  return channels.includes(message.channelId) || (isForumPostStarter(message) && channels.includes(message.channel.parentId!));
}

/** Why this mention gets no answer now, said to its author; undefined when it will be answered (the cooldown is then taken). */
function refusal(question: string, authorId: string, botName: string, deps: BotDeps): string | undefined {
  if (!question) return `Mention me with a question about the article, e.g. “@${escapeUserText(botName)} Who leads the Russian delegation?”`;
  try {
    validateQuestion(question);
  } catch (error) {
    if (isUserError(error)) return error.detail;
    throw error;
  }
  const wait = deps.cooldown.take(authorId);
  return wait > 0 ? cooldownText(wait) : undefined;
}
