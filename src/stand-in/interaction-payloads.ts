/**
 * INTERACTION_CREATE payloads as Discord builds them for a guild member: the member with their permissions, the
 * channel, the app's permissions, and a fresh id and token that the bot answers with.
 */
import { randomBytes } from 'node:crypto';
import {
  ApplicationIntegrationType,
  InteractionContextType,
  Locale,
  type APIBaseInteraction,
  type InteractionType,
} from 'discord-api-types/v10';
import type { GuildFixture } from './guild.js';
import type { InteractionState } from './interactions.js';
import { snowflake } from './snowflake.js';
import type { InvokeOptions } from './types.js';

/** Discord's upload limit for a server without boosts. */
const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

type AnyInteractionBase = Omit<APIBaseInteraction<InteractionType, unknown>, 'type' | 'data' | 'user'>;

/** The fields every guild interaction has, whatever its type and data. */
export type GuildInteractionBase = AnyInteractionBase &
  Required<Pick<AnyInteractionBase, 'guild_id' | 'member' | 'channel_id' | 'channel'>>;

export interface NewInteraction {
  base: GuildInteractionBase;
  state: InteractionState;
}

/** A new interaction of `type` by the member `opts` names (alice by default), in `opts.channelId` or #news. */
export function newInteraction(guild: GuildFixture, type: InteractionType, opts: InvokeOptions): NewInteraction {
  const user = guild.resolveUser(opts.user);
  const permissions = opts.permissions ?? guild.permissionsOf(user);
  const id = snowflake();
  const token = `aW50ZXJhY3Rpb246${id}:${randomBytes(24).toString('base64url')}`;
  const channelId = opts.channelId ?? guild.channelId;
  const base: GuildInteractionBase = {
    id,
    application_id: guild.botUser.id,
    guild_id: guild.guildId,
    guild: { id: guild.guildId, locale: Locale.EnglishUS, features: [] },
    guild_locale: Locale.EnglishUS,
    channel_id: channelId,
    channel: guild.channel(channelId),
    member: { ...guild.member(user), permissions: permissions.toString() },
    token,
    version: 1,
    app_permissions: guild.permissionsOf(guild.botUser).toString(),
    locale: opts.locale ?? Locale.EnglishUS,
    entitlements: [],
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guild.guildId },
    context: InteractionContextType.Guild,
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
  };
  return { base, state: { id, token, type, createdAt: Date.now(), channelId, user } };
}
