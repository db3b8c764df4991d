/**
 * A mention that replies to one of Footnote's answers, or any mention in a thread Footnote opened (or a forum post it
 * answered), is a follow-up to
 * that answer's question ("who said so?"). The question is found through the answer's buttons: their custom ids carry
 * the key the answer store keeps it under.
 */
import type { Message } from 'discord.js';
import { forumPostQuestion, resolveFollowUp } from '../conversation/follow-up.js';
import { MAX_QUESTION_LENGTH } from '../question.js';
import { parseCustomId } from './answer-buttons.js';
import { isFootnoteThread, isForumPost, isForumPostStarter } from './answer-thread.js';
import type { BotDeps } from './deps.js';

/** The question of the Footnote answer `message` replies to; undefined when it replies to nothing of ours. */
export async function repliedQuestion(message: Message, deps: Pick<BotDeps, 'answers'>): Promise<string | undefined> {
  const id = message.reference?.messageId;
  if (!id) return undefined;
  // Discord sends the replied-to message along with the reply, and discord.js caches it; fetching is the fallback.
  const answer = message.channel.messages.cache.get(id) ?? (await message.fetchReference().catch(() => undefined));
  if (!answer || answer.author.id !== message.client.user.id) return undefined;
  return storedQuestion(answer, deps);
}

/** The question an answer of ours was given for, through its buttons' answer key. */
function storedQuestion(answer: Message, deps: Pick<BotDeps, 'answers'>): string | undefined {
  for (const row of answer.components) {
    if (!('components' in row)) continue;
    for (const component of row.components) {
      const parsed = 'customId' in component && component.customId ? parseCustomId(component.customId) : undefined;
      const stored = parsed && deps.answers.get(parsed.key);
      if (stored) return stored.question;
    }
  }
  return undefined;
}

/**
 * The question of Footnote's latest answer in a thread it opened or a forum post: from the messages discord.js holds (newest id
 * first), or else from what was kept on disk, as after a restart, when discord.js holds none of the thread's messages.
 */
export function latestQuestionInThread(message: Message, deps: Pick<BotDeps, 'answers' | 'threadQuestions'>): string | undefined {
  if (!isFootnoteThread(message) && !isForumPost(message)) return undefined;
  const answers = [...message.channel.messages.cache.values()].filter((m) => m.author.id === message.client.user.id && m.id !== message.id);
  for (const answer of answers.sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))) {
    const question = storedQuestion(answer, deps);
    if (question) return question;
  }
  return deps.threadQuestions.get(message.channelId);
}

/** What to ask the engine for a mention: the follow-up resolved against the answer it replies to, or else against
 * the latest answer in a thread Footnote opened; a new forum post's question is read with its title. */
export async function questionInConversation(message: Message, typed: string, deps: Pick<BotDeps, 'answers' | 'threadQuestions'>): Promise<string> {
  const resolved = await resolvedInConversation(message, typed, deps);
  // A chain of follow-ups (or a long title) grows the question; past the limit it is asked as typed rather than refused.
  return resolved.length <= MAX_QUESTION_LENGTH ? resolved : typed;
}

async function resolvedInConversation(message: Message, typed: string, deps: Pick<BotDeps, 'answers' | 'threadQuestions'>): Promise<string> {
  if (isForumPostStarter(message)) return forumPostQuestion(message.channel.name, typed);
  const previous = (await repliedQuestion(message, deps)) ?? latestQuestionInThread(message, deps);
  return previous ? resolveFollowUp([previous], typed) : typed;
}
