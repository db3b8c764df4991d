/**
 * A local, honest stand-in for Discord: the REST routes a bot uses and a WebSocket gateway on one HTTP server,
 * speaking the real v10 payload shapes (plain JSON, no compression).
 *
 * It is deliberately strict where Discord is strict (auth header, the 3-second first-response
 * window, "already acknowledged", message/embed/component limits, privileged message content)
 * so that a bot that works here has a good chance of working against discord.com.
 *
 * Tests start it on port 0, point discord.js at `standIn.apiBase`, and assert on `standIn.requests`.
 * It also serves `npm start` without a token (the playground) and the load benchmark, so nothing here depends on
 * a test runner. This class only wires the parts together and is the driver API they use.
 */
import http from 'node:http';
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import {
  MessageFlags,
  type APIApplicationCommand,
  type APIApplicationCommandOptionChoice,
  type APIButtonComponentWithCustomId,
  type APIGuildForumChannel,
  type APIMessage,
  type APIPublicThreadChannel,
  type APITextChannel,
  type InteractionResponseType,
} from 'discord-api-types/v10';
import { AttachmentStore } from './attachments.js';
import { CommandRegistry } from './commands.js';
import { StandInError } from './errors.js';
import { Gateway } from './gateway.js';
import { GuildFixture } from './guild.js';
import { Interactions } from './interactions.js';
import { MemberActions } from './member-actions.js';
import { MessageStore } from './messages.js';
import { RestRoutes } from './rest-routes.js';
import { RestServer } from './rest-server.js';
import { snowflake } from './snowflake.js';
import type {
  FaultSpec,
  GatewayLogEntry,
  InteractionHandle,
  InvokeOptions,
  OptionValues,
  PostOptions,
  RecordedRequest,
  StandInEvents,
  StandInOptions,
  StandInUser,
  StandInUsers,
} from './types.js';
import { waitFor, type WaitOptions } from './wait-for.js';
import { Webhooks } from './webhooks.js';

/** The options with Discord's defaults (and a generous rate limit) filled in. */
function settingsOf(options: StandInOptions) {
  return {
    botUsername: options.botUsername ?? 'Footnote',
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    interactionResponseWindowMs: options.interactionResponseWindowMs ?? 3_000,
    rateLimit: options.rateLimit ?? { limit: 50, windowMs: 1_000 },
    messageContentIntentEnabled: options.messageContentIntentEnabled ?? false,
    token: options.token,
  };
}

export class DiscordStandIn extends EventEmitter<StandInEvents> {
  readonly applicationId: string;
  readonly guildId: string;
  readonly channelId: string;
  readonly threadId: string;
  /** The #questions forum (type 15). */
  readonly forumId: string;
  readonly everyoneRoleId: string;
  readonly modRoleId: string;
  readonly botUser: StandInUser;
  readonly users: StandInUsers;
  /** Every REST request, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Every message the stand-in knows, by id (channel messages, interaction replies, followups). */
  readonly messages: Map<string, APIMessage>;
  readonly globalCommands: APIApplicationCommand[];
  readonly guildCommands: APIApplicationCommand[];
  /** Gateway opcodes received from the bot, in order. */
  readonly gatewayLog: GatewayLogEntry[];

  private readonly guild: GuildFixture;
  private readonly store: MessageStore;
  private readonly interactions: Interactions;
  private readonly gateway: Gateway;
  private readonly rest: RestServer;
  private readonly members: MemberActions;
  private readonly server: http.Server;
  private port = 0;
  private readonly host: string;

  private constructor(options: StandInOptions) {
    super();
    const settings = settingsOf(options);
    this.host = options.host ?? '127.0.0.1';
    this.applicationId = options.applicationId ?? snowflake();
    const guild = new GuildFixture(this.applicationId, settings.botUsername);
    const commands = new CommandRegistry(this.applicationId);
    const messages = new MessageStore(guild, this);
    const interactions = new Interactions(messages, guild.botUser, settings.interactionResponseWindowMs);
    const gatewayUrl = () => this.gatewayUrl;
    const gateway = new Gateway(guild, settings, gatewayUrl, this);
    const webhooks = new Webhooks(interactions, messages, guild.botUser);
    const routes = new RestRoutes({ guild, commands, messages, interactions, webhooks, gateway, events: this, gatewayUrl, messageContentIntentEnabled: settings.messageContentIntentEnabled, recommendedShards: options.recommendedShards ?? 1 });
    const responseWindowMs = settings.interactionResponseWindowMs;
    this.rest = new RestServer(settings, (route, params, query, body) => routes.handle(route, params, query, body), this);
    const attachments = new AttachmentStore(() => this.apiBase.replace(/\/api$/, ''));
    this.members = new MemberActions({ guild, commands, messages, interactions, gateway, responseWindowMs, attachments });
    this.guild = guild;
    this.store = messages;
    this.interactions = interactions;
    this.gateway = gateway;

    this.guildId = guild.guildId;
    this.channelId = guild.channelId;
    this.threadId = guild.threadId;
    this.forumId = guild.forumId;
    this.everyoneRoleId = guild.everyoneRoleId;
    this.modRoleId = guild.modRoleId;
    this.botUser = guild.botUser;
    this.users = guild.users;
    this.requests = this.rest.requests;
    this.messages = messages.byId;
    this.globalCommands = commands.global;
    this.guildCommands = commands.guild;
    this.gatewayLog = gateway.log;

    this.server = http.createServer((req, res) => {
      if (!attachments.serve(req, res)) void this.rest.handle(req, res);
    });
    this.server.on('upgrade', (req, socket, head) => gateway.upgrade(req, socket, head));
  }

  static async start(options: StandInOptions = {}): Promise<DiscordStandIn> {
    const standIn = new DiscordStandIn(options);
    await new Promise<void>((resolve, reject) => {
      standIn.server.once('error', reject);
      standIn.server.listen(options.port ?? 0, standIn.host, () => resolve());
    });
    standIn.port = (standIn.server.address() as AddressInfo).port;
    return standIn;
  }

  /** Pass as discord.js `rest.api`; the library appends `/v10`. */
  get apiBase(): string {
    return `http://${this.host}:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://${this.host}:${this.port}/gateway`;
  }

  get listeningPort(): number {
    return this.port;
  }

  async stop(): Promise<void> {
    this.gateway.stop();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** Guild-level permissions of a user (role union; Administrator grants all). */
  permissionsOf(user: StandInUser): bigint {
    return this.guild.permissionsOf(user);
  }

  // ─────────────── gateway faults ───────────────

  /** True when a bot session is identified and connected. */
  get connected(): boolean {
    return this.gateway.connected;
  }

  /** Each identified session's shard, whether it owns the guild, and the dispatches it was sent. */
  get shardSessions() {
    return this.gateway.shardSessions;
  }

  /** Drop the bot's socket with a resumable close code; events dispatched meanwhile are replayed on RESUME. */
  closeGateway(code = 4000, reason = 'stand-in: forced disconnect'): void {
    this.gateway.closeAll(code, reason);
  }

  /** Ask the bot to reconnect (op 7), as Discord does before maintenance. */
  requestReconnect(): void {
    this.gateway.requestReconnect();
  }

  /** Send op 9 Invalid Session (not resumable) and forget the sessions, as Discord does when one expires. */
  invalidateSessions(): void {
    this.gateway.invalidateSessions();
  }

  /** Send one dispatch exactly as given (`t`, `d`), well-formed or not, as a server that gets a shape wrong would. */
  dispatchRaw(t: string, d: unknown): void {
    this.gateway.dispatchRaw(t, d);
  }

  // ─────────────── REST faults ───────────────

  /** Fail the next `count` responses matching the route with a 429 or 5xx. */
  failNext(spec: FaultSpec): void {
    this.rest.faults.add(spec);
  }

  clearFaults(): void {
    this.rest.faults.clear();
  }

  // ─────────────── what members do ───────────────

  /** Invoke a registered slash command as a guild member would. */
  sendSlashCommand(name: string, options: OptionValues = {}, opts: InvokeOptions = {}): InteractionHandle {
    return this.members.sendSlashCommand(name, options, opts);
  }

  /** Send an autocomplete request for `focused` while the user types; resolves with the choices returned. */
  sendAutocomplete(
    name: string,
    focused: string,
    value: string,
    others: OptionValues = {},
    opts: InvokeOptions & { timeoutMs?: number } = {},
  ): Promise<APIApplicationCommandOptionChoice[]> {
    return this.members.sendAutocomplete(name, focused, value, others, opts);
  }

  /** Use a message context-menu command on a stored message. */
  sendMessageContextMenu(name: string, messageId: string, opts: InvokeOptions = {}): InteractionHandle {
    return this.members.sendMessageContextMenu(name, messageId, opts);
  }

  /** The buttons on a stored message that send the bot an interaction. */
  buttonsOf(messageId: string): APIButtonComponentWithCustomId[] {
    return this.members.buttonsOf(messageId);
  }

  /** Click a button on a stored message, by custom_id or by (partial) label. */
  clickButton(messageId: string, customIdOrLabel: string, opts: InvokeOptions = {}): InteractionHandle {
    return this.members.clickButton(messageId, customIdOrLabel, opts);
  }

  /** A channel or thread of the guild, as Discord would describe it; undefined for an unknown id. */
  channel(id: string): APITextChannel | APIPublicThreadChannel | APIGuildForumChannel | undefined {
    if (this.guild.isForum(id)) return this.guild.forum();
    return this.guild.hasChannel(id) ? this.guild.channel(id) : undefined;
  }

  /** The messages the bot sent a member by DM, oldest first. */
  dmsTo(user: StandInUser): APIMessage[] {
    const channels = [...this.guild.dmChannels.values()].filter((c) => c.recipients?.[0]?.id === user.id).map((c) => c.id);
    return [...this.messages.values()].filter((m) => channels.includes(m.channel_id));
  }

  /** The member accepts no DMs from the bot, as when "Direct Messages" is off for the server. */
  closeDms(user: StandInUser): void {
    this.guild.closedDms.add(user.id);
  }

  /** Takes permissions from the bot in one channel (and its threads), as a channel overwrite would. */
  denyBot(channelId: string, permissions: bigint): void {
    this.guild.botDenied.set(channelId, (this.guild.botDenied.get(channelId) ?? 0n) | permissions);
  }

  /** A member posts a message; `<@id>` in the text mentions (use `standIn.mention()` for the bot); `replyTo` replies. */
  sendMessage(content: string, opts: PostOptions = {}): APIMessage {
    return this.members.sendMessage(content, opts);
  }

  /**
   * A moderator deletes a message (an interaction's "thinking…" placeholder, say): it is gone from the store, and the
   * bot sees MESSAGE_DELETE as Discord sends it.
   */
  deleteMessage(id: string): void {
    const message = this.store.get(id);
    if (!message) throw new StandInError(`Unknown message ${id}`);
    this.store.delete(message);
    this.gateway.dispatchRaw('MESSAGE_DELETE', { id, channel_id: message.channel_id, guild_id: this.guildId });
  }

  /** A member opens a post in the #questions forum: a thread named `title` whose starter message is `content`. */
  createForumPost(title: string, content: string, opts: Pick<PostOptions, 'user'> = {}): { thread: APIPublicThreadChannel; message: APIMessage } {
    return this.members.createForumPost(title, content, opts);
  }

  /** The mention markup for the bot (or a user). */
  mention(user: StandInUser = this.botUser): string {
    return `<@${user.id}>`;
  }

  // ─────────────── what the bot did ───────────────

  /** The message that `@original` of an interaction points at now. */
  original(handle: InteractionHandle | string): APIMessage | undefined {
    return this.interactions.original(typeof handle === 'string' ? handle : handle.token);
  }

  /** The interaction response type sent for an interaction, once acknowledged. */
  responseType(handle: InteractionHandle): InteractionResponseType | undefined {
    return this.interactions.get(handle.token)?.response;
  }

  /** REST requests made with an interaction's token (callback, webhook edits, followups), in order. */
  requestsFor(handle: InteractionHandle): RecordedRequest[] {
    return this.requests.filter((r) => r.params.token === handle.token);
  }

  /** Poll until `predicate` returns a truthy value, and return it. */
  waitFor<T>(predicate: () => T | undefined | null | false, opts: WaitOptions = {}): Promise<T> {
    return waitFor(predicate, opts);
  }

  /** Wait for the first successful REST request (after index `since`) matching `predicate`. */
  waitForRequest(
    predicate: (r: RecordedRequest) => boolean,
    opts: { since?: number; timeoutMs?: number } = {},
  ): Promise<RecordedRequest> {
    const succeeded = (r: RecordedRequest) => r.status >= 200 && r.status < 300 && predicate(r);
    return waitFor(() => this.requests.slice(opts.since ?? 0).find(succeeded), { timeoutMs: opts.timeoutMs, what: 'a REST request' });
  }

  /** Wait until the interaction's `@original` message is final (not loading) and return it. */
  waitForReply(handle: InteractionHandle, opts: { timeoutMs?: number } = {}): Promise<APIMessage> {
    return waitFor(
      () => {
        const message = this.original(handle);
        return message && !((message.flags ?? 0) & MessageFlags.Loading) ? message : undefined;
      },
      { timeoutMs: opts.timeoutMs, what: `a reply to interaction ${handle.id}` },
    );
  }

  /** Wait for the bot's reply (message_reference) to a channel message. */
  waitForMessageReply(messageId: string, opts: { timeoutMs?: number } = {}): Promise<APIMessage> {
    return waitFor(() => this.store.replyTo(messageId), { timeoutMs: opts.timeoutMs, what: `a reply to message ${messageId}` });
  }
}
