/**
 * What the page's buttons and inputs do: each `POST /api/<action>` becomes what a Discord client would send to the
 * stand-in (a message, a slash command, an autocomplete request, a button click, a context-menu command).
 */
import { ApplicationCommandType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { DiscordStandIn, InteractionHandle, StandInUser } from '../stand-in/index.js';
import { isFootnoteError } from '../errors.js';
import { validateQuestion } from '../question.js';
import { BadRequest } from './http.js';
import { answerThreadOf } from './answer-threads.js';

/** Discord's limit on a message's content, mention markup included. */
const DISCORD_MESSAGE_LIMIT = 2000;

/** The context-menu command the page runs as a moderator. */
export const CHECK_COMMAND = 'Check against article';

export interface ActionContext {
  standIn: DiscordStandIn;
  you: StandInUser;
  moderator: StandInUser;
  body: Record<string, unknown>;
  /** Remembers who started an interaction and how the page labels replies to it. */
  record: (handle: InteractionHandle, invokedBy: StandInUser, action: string) => { id: string };
}

type Action = (ctx: ActionContext) => Promise<unknown> | unknown;

function str(body: Record<string, unknown>, key: string, max = 4000): string {
  const value = body[key];
  if (typeof value !== 'string') throw new BadRequest(400, `"${key}" must be a string`);
  if (value.length > max) throw new BadRequest(400, `"${key}" is too long`);
  return value;
}

function optionValues(body: Record<string, unknown>): Record<string, string | number | boolean> {
  const raw = body.options ?? {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new BadRequest(400, '"options" must be an object');
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw new BadRequest(400, `option "${k}" has a bad value`);
    out[k] = v;
  }
  return out;
}

/**
 * A plain message goes to the bot as a mention in #news (how a member asks it outside slash commands); typing
 * "@Footnote" makes the same mention explicitly. With `plain: true` (the page's answer-channel switch on) it is sent
 * as typed, as a member would post in an answer channel.
 */
function message({ standIn, you, body }: ActionContext) {
  const text = str(body, 'content').trim();
  if (!text) throw new BadRequest(400, 'empty message');
  if (body.replyTo !== undefined) return reply(standIn, you, text, str(body, 'replyTo', 30));
  const channelId = body.channelId === undefined ? standIn.channelId : str(body, 'channelId', 30);
  if (channelId !== standIn.channelId && !answerThreadOf(standIn, channelId)) throw new BadRequest(400, 'Messages go to #news or one of its threads.');
  const botName = standIn.botUser.username.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let content = text.replace(new RegExp(`(^|\\s)@${botName}\\b`, 'gi'), `$1${standIn.mention()}`);
  tooLongQuestion(content.replaceAll(standIn.mention(), ' '));
  // The page adds the mention itself; the question is checked above, so the prefix never pushes a message over.
  if (!content.includes(standIn.mention()) && body.plain !== true) content = `${standIn.mention()} ${content}`;
  if (content.length > DISCORD_MESSAGE_LIMIT) throw new BadRequest(400, `Messages can be at most ${DISCORD_MESSAGE_LIMIT.toLocaleString('en-US')} characters.`);
  return { id: standIn.sendMessage(content, { user: you, channelId }).id };
}

/** A reply to one of the bot's answers: Discord's client pings the replied-to author, so no mention is added. */
function reply(standIn: DiscordStandIn, you: StandInUser, text: string, replyTo: string) {
  const answer = standIn.messages.get(replyTo);
  if (!answer || answer.author.id !== standIn.botUser.id) throw new BadRequest(400, 'Replies go to one of the bot\'s answers.');
  tooLongQuestion(text);
  return { id: standIn.sendMessage(text, { user: you, replyTo, channelId: answer.channel_id }).id };
}

/** The engine's own refusal for an over-long question, before it becomes a message (an empty one the bot answers). */
function tooLongQuestion(question: string): void {
  try {
    validateQuestion(question);
  } catch (error) {
    if (isFootnoteError(error, 'QUESTION_TOO_LONG')) throw new BadRequest(400, error.detail);
  }
}

function command({ standIn, you, body, record }: ActionContext) {
  const name = str(body, 'name', 100);
  const handle = standIn.sendSlashCommand(name, optionValues(body), { user: you });
  return record(handle, you, `/${name}`);
}

async function autocomplete({ standIn, you, body }: ActionContext) {
  const choices = await standIn.sendAutocomplete(str(body, 'name', 100), str(body, 'focused', 100), str(body, 'value', 100), optionValues(body), {
    user: you,
  });
  return { choices };
}

function button({ standIn, you, body, record }: ActionContext) {
  const messageId = str(body, 'messageId', 30);
  const customId = str(body, 'customId', 100);
  const clicked = standIn.buttonsOf(messageId).find((b) => b.custom_id === customId);
  const label = clicked?.label ?? ((clicked?.emoji as { name?: string } | undefined)?.name ?? 'a button');
  const handle = standIn.clickButton(messageId, customId, { user: you });
  return record(handle, you, label);
}

/**
 * The page's settings switches (answer in threads; #news as an answer channel): `/footnote settings`, run in #news by
 * the moderator as a member who may manage the server.
 */
function settings({ standIn, moderator, body, record }: ActionContext) {
  const options: Record<string, boolean> = {};
  for (const [key, option] of [['threads', 'threads'], ['answerChannel', 'answer_here']] as const) {
    if (body[key] === undefined) continue;
    if (typeof body[key] !== 'boolean') throw new BadRequest(400, `"${key}" must be a boolean`);
    options[option] = body[key];
  }
  if (!Object.keys(options).length) throw new BadRequest(400, 'give "threads" or "answerChannel"');
  const handle = standIn.sendSlashCommand('footnote settings', options, { user: moderator, permissions: PermissionFlagsBits.ManageGuild });
  return record(handle, moderator, '/footnote settings');
}

function check({ standIn, moderator, body, record }: ActionContext) {
  const registered = standIn.guildCommands.find((c) => c.type === ApplicationCommandType.Message && c.name === CHECK_COMMAND);
  if (!registered) throw new BadRequest(404, `"${CHECK_COMMAND}" is not registered`);
  const handle = standIn.sendMessageContextMenu(CHECK_COMMAND, str(body, 'messageId', 30), { user: moderator });
  return record(handle, moderator, CHECK_COMMAND);
}

const ACTIONS: Record<string, Action> = {
  '/api/message': message,
  '/api/command': command,
  '/api/autocomplete': autocomplete,
  '/api/button': button,
  '/api/check': check,
  '/api/settings': settings,
};

export async function runAction(pathname: string, ctx: ActionContext): Promise<unknown> {
  if (!Object.hasOwn(ACTIONS, pathname)) throw new BadRequest(404, 'unknown action');
  return ACTIONS[pathname]!(ctx);
}
