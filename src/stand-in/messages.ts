/**
 * Every message the stand-in knows (members' posts, the bot's posts, interaction replies and followups), with who
 * each one really pings. Creating, editing or deleting one emits the matching stand-in event.
 */
import type { EventEmitter } from 'node:events';
import {
  MessageFlags,
  MessageReferenceType,
  MessageType,
  type APIAllowedMentions,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIUser,
  type InteractionType,
  type RESTPatchAPIWebhookWithTokenMessageJSONBody,
  type RESTPostAPIChannelMessageJSONBody,
} from 'discord-api-types/v10';
import { RestError } from './errors.js';
import { avatarless, type GuildFixture } from './guild.js';
import { snowflake } from './snowflake.js';
import type { StandInEvents, StandInMessageDelete, StandInUser } from './types.js';

/** The parts of a message body the stand-in keeps (channel posts, interaction replies and webhooks share them). */
export type MessageBody = Pick<
  RESTPostAPIChannelMessageJSONBody,
  'content' | 'embeds' | 'components' | 'allowed_mentions' | 'flags' | 'message_reference'
>;

export type MessageEdit = RESTPatchAPIWebhookWithTokenMessageJSONBody;

/** The interaction a reply answers. */
export interface InteractionOrigin {
  id: string;
  type: InteractionType;
  user: StandInUser;
}

export interface MessageOrigin {
  interaction?: InteractionOrigin;
  /** The message this one replies to. */
  reference?: APIMessage;
  /** Sent through the application's webhook (followups). */
  webhook?: boolean;
  /** The id to give it, for a forum post's starter message (which has its thread's id); a fresh one otherwise. */
  id?: string;
}

export class MessageStore {
  readonly byId = new Map<string, APIMessage>();

  constructor(
    private readonly guild: GuildFixture,
    private readonly events: EventEmitter<StandInEvents>,
  ) {}

  get(id: string): APIMessage | undefined {
    return this.byId.get(id);
  }

  create(channelId: string, author: StandInUser, body: MessageBody, origin: MessageOrigin = {}): APIMessage {
    const { interaction, reference } = origin;
    const content = body.content ?? '';
    const mentions = this.mentionsIn(content, body.allowed_mentions, reference && body.message_reference ? reference : undefined);
    const applicationId = this.guild.botUser.id;
    const message: APIMessage = {
      id: origin.id ?? snowflake(),
      channel_id: channelId,
      author: avatarless(author),
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: mentions.everyone,
      mentions: mentions.users,
      mention_roles: [],
      attachments: [],
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      pinned: false,
      type: reference ? MessageType.Reply : interaction ? MessageType.ChatInputCommand : MessageType.Default,
      flags: Number(body.flags ?? 0),
      ...(origin.webhook || interaction ? { webhook_id: applicationId, application_id: applicationId } : {}),
      ...(reference
        ? {
            message_reference: {
              type: MessageReferenceType.Default,
              message_id: reference.id,
              channel_id: reference.channel_id,
              guild_id: this.guild.guildId,
            },
            referenced_message: reference,
          }
        : {}),
      ...(interaction ? { interaction_metadata: interactionMetadata(interaction) } : {}),
    };
    this.byId.set(message.id, message);
    this.events.emit('message', message);
    return message;
  }

  /** Applies an edit as Discord does: given fields replace, `null` clears, the loading flag goes. */
  edit(id: string, body: MessageEdit): APIMessage {
    const current = this.byId.get(id);
    if (!current) throw new RestError(404, 10008, 'Unknown Message');
    const next: APIMessage = { ...current };
    if (body.content !== undefined) next.content = body.content ?? '';
    if (body.embeds !== undefined) next.embeds = body.embeds ?? [];
    if (body.components !== undefined) next.components = body.components ?? [];
    // `attachments` lists the ones to keep, by id.
    if (body.attachments !== undefined)
      next.attachments = current.attachments.filter((a) => body.attachments?.some((kept) => kept.id === a.id));
    next.flags = (current.flags ?? 0) & ~MessageFlags.Loading;
    next.edited_timestamp = new Date().toISOString();
    if (body.content !== undefined) {
      const mentions = this.mentionsIn(next.content, body.allowed_mentions ?? undefined);
      next.mentions = mentions.users;
      next.mention_everyone = mentions.everyone;
    }
    this.byId.set(next.id, next);
    this.events.emit('message', next);
    return next;
  }

  delete(message: APIMessage): void {
    this.byId.delete(message.id);
    this.events.emit('messageDelete', { id: message.id, channelId: message.channel_id } satisfies StandInMessageDelete);
  }

  /** The bot's reply (by message_reference) to a message, once it exists. */
  replyTo(messageId: string): APIMessage | undefined {
    const botId = this.guild.botUser.id;
    return [...this.byId.values()].find((m) => m.message_reference?.message_id === messageId && m.author.id === botId);
  }

  /**
   * Who a message would actually ping, honouring allowed_mentions as Discord does:
   * without allowed_mentions everything in the text pings; `parse: []` pings nobody (except an
   * explicit replied_user).
   */
  private mentionsIn(
    content: string,
    allowed?: APIAllowedMentions | null,
    repliedTo?: APIMessage,
  ): { everyone: boolean; users: APIUser[] } {
    const everyoneText = /@(everyone|here)\b/.test(content);
    const userIds = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!);
    const parse: string[] = allowed?.parse ?? [];
    const canPing = (id: string) => !allowed || parse.includes('users') || (allowed.users ?? []).includes(id);
    const known = this.guild.everyone;
    const users = known.filter((u) => userIds.includes(u.id) && canPing(u.id)).map(avatarless);
    if (repliedTo && (allowed ? allowed.replied_user === true : true)) {
      const author = known.find((u) => u.id === repliedTo.author.id);
      if (author && !users.some((u) => u.id === author.id)) users.push(avatarless(author));
    }
    return { everyone: everyoneText && (!allowed || parse.includes('everyone')), users };
  }
}

function interactionMetadata(interaction: InteractionOrigin): APIMessageInteractionMetadata {
  // Only command, component and modal interactions get a reply message, so `type` is one of those three.
  return {
    id: interaction.id,
    type: interaction.type,
    user: avatarless(interaction.user),
    authorizing_integration_owners: {},
  } as APIMessageInteractionMetadata;
}
