/** What a handler answers with, and the rules every reply keeps: it never pings, and a failure says whose it is. */
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord-api-types/v10';
import { isUserError } from '../errors.js';

/** Never ping anyone: applied to every message the bot sends. */
export const NO_MENTIONS = { parse: [] as [] };
/** For replies to a message: not even its author. */
export const NO_MENTIONS_REPLY = { parse: [] as [], repliedUser: false };

/** A message body; the router sends it the way the interaction still allows (first reply or edit of a deferral). */
export interface Reply {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** Only the user sees it. A deferred reply keeps what `deferReply` chose. */
  ephemeral?: boolean;
}

/** The user's own mistake is told as it is (they can fix it); anything else is ours and stays vague. */
export function failureText(error: unknown): string {
  if (isUserError(error)) return error.detail;
  return 'Something went wrong while answering; please try again in a moment.';
}

/** Shown when a user asks again before their cooldown is over. */
export function cooldownText(ms: number): string {
  return `You're asking quickly — try again in ${Math.max(1, Math.ceil(ms / 1000))} s.`;
}
