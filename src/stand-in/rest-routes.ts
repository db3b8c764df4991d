/** What each REST route does once a request passed the server's checks: one case per route of `ROUTES`. */
import type { EventEmitter } from 'node:events';
import { ApplicationFlags, PermissionFlagsBits, type APIMessage, type APIPublicThreadChannel, type RESTGetAPIGatewayBotResult, type RESTGetAPIGatewayResult } from 'discord-api-types/v10';
import type { CommandRegistry } from './commands.js';
import { assertValid, invalidForm, RestError } from './errors.js';
import type { Gateway } from './gateway.js';
import type { GuildFixture } from './guild.js';
import type { Interactions } from './interactions.js';
import { validateMessageBody } from './message-rules.js';
import type { MessageBody, MessageStore } from './messages.js';
import type { Reply } from './reply.js';
import { routeKey, type Route } from './routes.js';
import type { StandInEvents, StandInTyping } from './types.js';
import type { Webhooks } from './webhooks.js';
import { field, items } from './wire.js';

export interface RestState {
  guild: GuildFixture;
  commands: CommandRegistry;
  messages: MessageStore;
  interactions: Interactions;
  webhooks: Webhooks;
  gateway: Gateway;
  events: EventEmitter<StandInEvents>;
  gatewayUrl: () => string;
  messageContentIntentEnabled: boolean;
  recommendedShards: number;
}

export class RestRoutes {
  constructor(private readonly state: RestState) {}

  handle(route: Route, params: Record<string, string>, query: Record<string, string>, body: unknown): Reply {
    const { commands, interactions, webhooks } = this.state;
    const key = routeKey(route);
    switch (key) {
      case 'GET /gateway':
        return { status: 200, body: { url: this.state.gatewayUrl() } satisfies RESTGetAPIGatewayResult };
      case 'GET /gateway/bot':
        return { status: 200, body: this.gatewayBot() };
      case 'PUT /applications/:app/commands':
        this.checkApp(params.app!);
        return { status: 200, body: commands.overwrite(body) };
      case 'PUT /applications/:app/guilds/:guild/commands':
        this.checkApp(params.app!);
        this.checkGuild(params.guild!);
        return { status: 200, body: commands.overwrite(body, params.guild) };
      case 'GET /applications/:app/commands':
        this.checkApp(params.app!);
        return { status: 200, body: commands.global };
      case 'GET /applications/:app/guilds/:guild/commands':
        this.checkApp(params.app!);
        return { status: 200, body: commands.guild };
      case 'POST /interactions/:id/:token/callback':
        return interactions.callback(params.id!, params.token!, query, body);
      case 'GET /webhooks/:app/:token/messages/:message':
      case 'PATCH /webhooks/:app/:token/messages/:message':
      case 'DELETE /webhooks/:app/:token/messages/:message':
        return webhooks.message(route.method, params.app!, params.token!, params.message!, body);
      case 'POST /webhooks/:app/:token':
        return webhooks.followup(params.app!, params.token!, body);
      case 'POST /channels/:channel/messages':
        return { status: 200, body: this.postMessage(params.channel!, body) };
      case 'POST /channels/:channel/typing':
        this.typing(params.channel!);
        return { status: 204 };
      case 'GET /applications/@me':
        return { status: 200, body: this.currentApplication() };
      case 'POST /users/@me/channels':
        return { status: 200, body: this.state.guild.openDm(String(field(body, 'recipient_id') ?? '')) };
      case 'POST /channels/:channel/messages/:message/threads':
        return { status: 201, body: this.startThread(params.channel!, params.message!, body) };
      default:
        return unreachable(key);
    }
  }

  private gatewayBot(): RESTGetAPIGatewayBotResult {
    return {
      url: this.state.gatewayUrl(),
      shards: this.state.recommendedShards,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
    };
  }

  /** The bot posts in a channel, optionally as a reply; members with the right intents see it on the gateway. */
  private postMessage(channelId: string, body: unknown): APIMessage {
    const { guild, messages, gateway } = this.state;
    this.checkChannel(channelId);
    const { guild: g } = this.state;
    // A forum holds posts (threads), not messages.
    if (g.isForum(channelId)) throw new RestError(400, 50008, 'Cannot send messages in a non-text channel');
    if (!g.botMay(channelId, g.isThread(channelId) ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages)) missingPermissions();
    const problems = validateMessageBody(body);
    if (!field(body, 'content') && !items(field(body, 'embeds')).length && !items(field(body, 'components')).length)
      problems.push('content: Cannot send an empty message');
    assertValid(problems);
    // Checked above: from here on `body` has a message body's shape.
    const message = body as MessageBody;
    const reference = message.message_reference ? messages.get(String(message.message_reference.message_id)) : undefined;
    if (message.message_reference && !reference && message.message_reference.fail_if_not_exists !== false)
      invalidForm(['message_reference: Unknown message']);
    const dm = guild.dmChannels.get(channelId);
    if (dm && guild.closedDms.has(dm.recipients?.[0]?.id ?? '')) throw new RestError(403, 50007, 'Cannot send messages to this user');
    const created = messages.create(channelId, guild.botUser, message, { reference });
    // DMs reach the gateway only with the DirectMessages intent, which the bot does not ask for.
    if (!dm) gateway.dispatchMessageCreate(created, guild.botUser);
    return created;
  }

  /** What the Developer Portal granted: the Message Content flag only when the stand-in was started with it. */
  private currentApplication(): { id: string; name: string; flags: number; bot_public: boolean } {
    const { guild, messageContentIntentEnabled } = this.state;
    return { id: guild.botUser.id, name: guild.botUser.username, bot_public: true, flags: messageContentIntentEnabled ? ApplicationFlags.GatewayMessageContent : 0 };
  }

  /** The bot starts a public thread from a message in a text channel; members see THREAD_CREATE on the gateway. */
  private startThread(channelId: string, messageId: string, body: unknown): APIPublicThreadChannel {
    const { guild, messages, gateway } = this.state;
    this.checkChannel(channelId);
    const message = messages.get(messageId);
    if (!message || message.channel_id !== channelId) throw new RestError(404, 10008, 'Unknown Message');
    if (guild.isThread(channelId)) invalidForm(['channel: Cannot start a thread inside a thread']);
    if (guild.hasChannel(messageId)) throw new RestError(400, 160004, 'A thread has already been created for this message');
    const name = field(body, 'name');
    assertValid(typeof name === 'string' && name.length >= 1 && name.length <= 100 ? [] : ['name: Must be between 1 and 100 in length.']);
    if (!guild.botMay(channelId, PermissionFlagsBits.CreatePublicThreads)) missingPermissions();
    const thread = guild.startThread(message, name as string);
    gateway.dispatchRaw('THREAD_CREATE', { ...thread, newly_created: true });
    return thread;
  }

  /** The bot shows "is typing…"; only the playground watches for it. */
  private typing(channelId: string): void {
    this.checkChannel(channelId);
    const typing: StandInTyping = { channelId, userId: this.state.guild.botUser.id };
    this.state.events.emit('typing', typing);
  }

  private checkApp(app: string): void {
    if (app !== this.state.guild.botUser.id) throw new RestError(403, 50001, 'Missing Access');
  }

  private checkGuild(guildId: string): void {
    if (guildId !== this.state.guild.guildId) throw new RestError(404, 10004, 'Unknown Guild');
  }

  private checkChannel(channelId: string): void {
    if (!this.state.guild.hasChannel(channelId)) throw new RestError(404, 10003, 'Unknown Channel');
  }
}

function missingPermissions(): never {
  throw new RestError(403, 50013, 'Missing Permissions');
}

/** Every route of `ROUTES` has a case above; the compiler checks it. */
function unreachable(_key: never): never {
  throw new RestError(404, 0, '404: Not Found');
}
