/**
 * The one guild the stand-in hosts: a #news channel with a thread, a #questions forum (its posts are threads), @everyone
 * and a Moderators role, three members (alice, bob, a moderator) and the bot. Ids are fresh per stand-in; everything
 * else is fixed.
 */
import {
  ChannelType,
  ForumLayoutType,
  Locale,
  type ChannelFlags,
  type GuildMemberFlags,
  type GuildSystemChannelFlags,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildVerificationLevel,
  PermissionFlagsBits,
  type APIDMChannel,
  type APIGuildForumChannel,
  type APIGuildMember,
  type APIPublicThreadChannel,
  type APIRole,
  type APITextChannel,
  type APIUser,
  type GatewayGuildCreateDispatchData,
} from 'discord-api-types/v10';
import { RestError } from './errors.js';
import { snowflake } from './snowflake.js';
import type { InvokeOptions, StandInUser, StandInUsers } from './types.js';

/** A user as Discord serialises one without an avatar. */
export function avatarless(user: StandInUser): APIUser {
  return {
    id: user.id,
    username: user.username,
    global_name: user.globalName ?? user.username,
    discriminator: '0',
    avatar: null,
    bot: user.bot ?? false,
  };
}

// Flag fields below are `0 as …Flags`: Discord sends 0 when no flag is set, and the flag enums have no 0 member.

const EVERYONE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.SendMessagesInThreads;

const MODERATOR_PERMISSIONS = PermissionFlagsBits.ManageMessages | PermissionFlagsBits.KickMembers;

/** Every permission bit Discord defines fits in 53 bits. */
const ALL_PERMISSIONS = (1n << 53n) - 1n;

export class GuildFixture {
  readonly guildId = snowflake();
  readonly channelId = snowflake();
  readonly threadId = snowflake();
  /** A forum channel (type 15): members post threads there, each opened by its starter message. */
  readonly forumId = snowflake();
  readonly modRoleId = snowflake();
  /** Discord gives @everyone the guild's id. */
  readonly everyoneRoleId = this.guildId;
  readonly botUser: StandInUser;
  readonly users: StandInUsers;
  /** Threads started from a message (their id is the message's) and forum posts, besides the fixed thread. */
  readonly startedThreads = new Map<string, APIPublicThreadChannel>();
  /** Permissions taken from the bot in one channel (a channel overwrite), e.g. Send Messages. */
  readonly botDenied = new Map<string, bigint>();
  /** The bot's DM channel with each member it opened one with, by channel id. */
  readonly dmChannels = new Map<string, APIDMChannel>();
  /** Members who accept no DMs from the bot (Discord answers 50007). */
  readonly closedDms = new Set<string>();

  constructor(applicationId: string, botUsername: string) {
    this.botUser = { id: applicationId, username: botUsername, bot: true };
    this.users = {
      alice: { id: snowflake(), username: 'alice' },
      bob: { id: snowflake(), username: 'bob' },
      mod: { id: snowflake(), username: 'moderator', roles: [this.modRoleId] },
    };
  }

  /** The bot first, then the members. */
  get everyone(): StandInUser[] {
    return [this.botUser, this.users.alice, this.users.bob, this.users.mod];
  }

  get roles(): APIRole[] {
    const base = {
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      managed: false,
      mentionable: false,
      flags: 0,
    };
    return [
      { ...base, id: this.everyoneRoleId, name: '@everyone', position: 0, permissions: EVERYONE_PERMISSIONS.toString() },
      { ...base, id: this.modRoleId, name: 'Moderators', position: 1, permissions: MODERATOR_PERMISSIONS.toString() },
    ];
  }

  /** Guild-level permissions of a user (role union; Administrator grants all). */
  permissionsOf(user: StandInUser): bigint {
    let permissions = 0n;
    for (const role of this.roles) {
      if (role.id === this.everyoneRoleId || user.roles?.includes(role.id)) permissions |= BigInt(role.permissions);
    }
    return permissions & PermissionFlagsBits.Administrator ? ALL_PERMISSIONS : permissions;
  }

  resolveUser(user: InvokeOptions['user']): StandInUser {
    if (!user) return this.users.alice;
    if (typeof user === 'string') return this.users[user];
    return user;
  }

  hasChannel(id: string): boolean {
    return id === this.channelId || id === this.threadId || id === this.forumId || this.startedThreads.has(id) || this.dmChannels.has(id);
  }

  isForum(id: string): boolean {
    return id === this.forumId;
  }

  /** The bot's DM channel with a member, opened on first use as `POST /users/@me/channels` does. */
  openDm(userId: string): APIDMChannel {
    const existing = [...this.dmChannels.values()].find((c) => c.recipients?.[0]?.id === userId);
    if (existing) return existing;
    const user = this.everyone.find((u) => u.id === userId);
    if (!user || user.bot) throw new RestError(400, 50033, 'Invalid Recipient(s)');
    const channel: APIDMChannel = { id: snowflake(), type: ChannelType.DM, last_message_id: null, recipients: [avatarless(user)], flags: 0 as ChannelFlags, name: null };
    this.dmChannels.set(channel.id, channel);
    return channel;
  }

  isThread(id: string): boolean {
    return id === this.threadId || this.startedThreads.has(id);
  }

  /** Whether the bot holds `permission` in a channel; a thread inherits what its parent denies. */
  botMay(channelId: string, permission: bigint): boolean {
    const parent = this.isThread(channelId) ? this.channel(channelId).parent_id : undefined;
    const denied = (this.botDenied.get(channelId) ?? 0n) | (parent ? (this.botDenied.get(parent) ?? 0n) : 0n);
    return (denied & permission) === 0n;
  }

  /** A public thread the bot starts from a message; Discord gives it the message's id. */
  startThread(message: { id: string; channel_id: string }, name: string): APIPublicThreadChannel {
    const thread: APIPublicThreadChannel = { ...this.thread(), id: message.id, parent_id: message.channel_id, name, owner_id: this.botUser.id, member_count: 1 };
    this.startedThreads.set(thread.id, thread);
    return thread;
  }

  /**
   * A member's new post in the forum: a public thread named `title`, owned by them, whose id is also its starter
   * message's (Discord creates the two together).
   */
  startForumPost(id: string, title: string, owner: StandInUser): APIPublicThreadChannel {
    const thread: APIPublicThreadChannel = { ...this.thread(), id, parent_id: this.forumId, name: title, owner_id: owner.id, member_count: 1, message_count: 1, applied_tags: [] };
    this.startedThreads.set(id, thread);
    return thread;
  }

  /** The member object of a user, with the user in it. */
  member(user: StandInUser): APIGuildMember & { user: APIUser } {
    return {
      user: avatarless(user),
      nick: null,
      avatar: null,
      banner: null,
      roles: user.roles ?? [],
      joined_at: new Date(Date.now() - 86_400_000).toISOString(),
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
      communication_disabled_until: null,
    };
  }

  /** The thread for its id, #news for any other. */
  channel(id = this.channelId): APITextChannel | APIPublicThreadChannel {
    return this.startedThreads.get(id) ?? (id === this.threadId ? this.thread() : this.textChannel(id));
  }

  textChannel(id: string): APITextChannel {
    return {
      id,
      type: ChannelType.GuildText,
      guild_id: this.guildId,
      name: 'news',
      position: 0,
      permission_overwrites: [],
      topic: null,
      nsfw: false,
      last_message_id: null,
      rate_limit_per_user: 0,
      parent_id: null,
      flags: 0 as ChannelFlags,
    };
  }

  forum(): APIGuildForumChannel {
    return {
      id: this.forumId,
      type: ChannelType.GuildForum,
      guild_id: this.guildId,
      name: 'questions',
      position: 1,
      permission_overwrites: [],
      topic: 'Ask about the article: every post is a question.',
      nsfw: false,
      last_message_id: null,
      rate_limit_per_user: 0,
      parent_id: null,
      flags: 0 as ChannelFlags,
      available_tags: [],
      default_reaction_emoji: null,
      default_sort_order: null,
      default_forum_layout: ForumLayoutType.ListView,
    };
  }

  thread(): APIPublicThreadChannel {
    return {
      id: this.threadId,
      type: ChannelType.PublicThread,
      guild_id: this.guildId,
      parent_id: this.channelId,
      name: 'article-discussion',
      owner_id: this.users.alice.id,
      last_message_id: null,
      rate_limit_per_user: 0,
      message_count: 0,
      member_count: 1,
      flags: 0 as ChannelFlags,
      thread_metadata: {
        archived: false,
        auto_archive_duration: 1440,
        archive_timestamp: new Date().toISOString(),
        locked: false,
      },
    };
  }

  /** GUILD_CREATE as Discord sends it to a bot with the Guilds intent. */
  guildCreatePayload(): GatewayGuildCreateDispatchData {
    const members = this.everyone;
    return {
      id: this.guildId,
      name: 'Footnote Test Guild',
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: this.users.mod.id,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: GuildVerificationLevel.None,
      default_message_notifications: GuildDefaultMessageNotifications.AllMessages,
      explicit_content_filter: GuildExplicitContentFilter.Disabled,
      roles: this.roles,
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: GuildMFALevel.None,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0 as GuildSystemChannelFlags,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: GuildPremiumTier.None,
      preferred_locale: Locale.EnglishUS,
      public_updates_channel_id: null,
      nsfw_level: GuildNSFWLevel.Default,
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      hub_type: null,
      incidents_data: null,
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      member_count: members.length,
      voice_states: [],
      members: members.map((u) => this.member(u)),
      channels: [this.textChannel(this.channelId), this.forum()],
      // Discord lists every active thread the bot can see, the ones it started included.
      threads: [this.thread(), ...this.startedThreads.values()],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }
}
