/**
 * Why an interaction's answer did not reach where it was asked, in words for the asker and a field for the operator:
 * Discord's JSON error code turned into the permission that was missing, or the thing that was gone.
 */
import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';

export interface DeliveryFailure {
  /** The permission Discord refused for, when that is what it was. */
  permission?: string;
  /** Said to the asker after "I couldn't post the answer here: ". */
  reason: string;
}

/** The failure when `error` is Discord refusing a send; undefined for anything else (ours, or the engine's). */
export function deliveryFailure(error: unknown, body: { embeds?: unknown[] } = {}): DeliveryFailure | undefined {
  if (!(error instanceof DiscordAPIError)) return undefined;
  switch (error.code) {
    case RESTJSONErrorCodes.MissingPermissions:
      // An answer is an embed: without Embed Links that is what Discord refuses; otherwise the post itself.
      return body.embeds?.length
        ? { permission: 'Embed Links', reason: "I'm not allowed to post embeds in this channel" }
        : { permission: 'Send Messages', reason: "I'm not allowed to post in this channel" };
    case RESTJSONErrorCodes.MissingAccess:
      return { permission: 'View Channel', reason: "I can't see this channel" };
    case RESTJSONErrorCodes.UnknownChannel:
      return { reason: 'this channel is gone' };
    case RESTJSONErrorCodes.UnknownMessage:
      return { reason: 'the message I was writing it into was deleted' };
    default:
      return undefined;
  }
}
