/**
 * A local, honest stand-in for Discord: the REST routes a bot uses and a WebSocket gateway,
 * speaking the real v10 payload shapes (plain JSON, no compression).
 *
 * It is deliberately strict where Discord is strict (auth header, the 3-second first-response
 * window, "already acknowledged", message/embed/component limits, privileged message content)
 * so that a bot that works here has a good chance of working against discord.com.
 *
 * Tests start it on port 0, point discord.js at `standIn.apiBase`, and assert on `standIn.requests`.
 * It also powers a browser playground, so nothing here depends on a test runner.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  PermissionFlagsBits,
  type APIApplicationCommand,
  type APIApplicationCommandInteractionDataOption,
  type APIChannel,
  type APIGuildMember,
  type APIInteraction,
  type APIMessage,
  type APIRole,
  type APIUser,
  type GatewayReceivePayload,
  type RESTPostAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { avatarless, bucketFor, LIMITS, matchRoute, snowflake, validateCommands, validateMessageBody } from './discord-rules.js';

export { LIMITS, snowflake, validateMessageBody } from './discord-rules.js';

// ───────────────────────────── types ─────────────────────────────

export interface RecordedRequest {
  /** Monotonic index in `requests`. */
  index: number;
  method: string;
  /** Path after `/api/v10`, without the query string, e.g. `/channels/1/messages`. */
  path: string;
  /** Route template, e.g. `/interactions/:id/:token/callback`, or `unknown`. */
  route: string;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON body, or the `payload_json` part of a multipart body. */
  body: any;
  /** Names of file parts of a multipart body. */
  files: string[];
  /** Status the stand-in answered with. */
  status: number;
  /** Set when the answer came from fault injection. */
  fault?: 'rate-limit' | 'server-error';
  at: number;
}

export interface StandInUser {
  id: string;
  username: string;
  globalName?: string;
  bot?: boolean;
  /** Role ids in the guild. */
  roles?: string[];
}

export interface StandInOptions {
  host?: string;
  port?: number;
  /** Token the bot must present (`Authorization: Bot <token>` and in IDENTIFY). Any non-empty token when omitted. */
  token?: string;
  applicationId?: string;
  botUsername?: string;
  /** Heartbeat interval announced in HELLO. */
  heartbeatIntervalMs?: number;
  /** Discord gives 3 s for the first interaction response. */
  interactionResponseWindowMs?: number;
  /** Per-bucket REST limit (requests per window). Discord's common bucket is 5/5 s; generous by default. */
  rateLimit?: { limit: number; windowMs: number };
  /** Whether the application has the privileged Message Content intent enabled in its settings. */
  messageContentIntentEnabled?: boolean;
}

export interface InvokeOptions {
  /** A user from `standIn.users` (by key) or a custom one. */
  user?: keyof StandInUsers | StandInUser;
  /** Override the member's computed permissions (bit field). */
  permissions?: bigint;
  channelId?: string;
  locale?: string;
}

export interface StandInUsers {
  alice: StandInUser;
  bob: StandInUser;
  mod: StandInUser;
}

export interface FaultSpec {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /** Route template (`/interactions/:id/:token/callback`) or a predicate on the path. */
  route: string | ((path: string) => boolean);
  /** How many matching responses to fail. */
  count?: number;
  status: 429 | 500 | 502 | 503;
  /** Seconds, for 429s (sent as header `retry-after` and body `retry_after`). */
  retryAfter?: number;
  /** A global rate limit (`x-ratelimit-global: true`, scope global). */
  global?: boolean;
}

export interface InteractionHandle {
  id: string;
  token: string;
  payload: APIInteraction;
}

interface InteractionState {
  id: string;
  token: string;
  type: InteractionType;
  createdAt: number;
  /** Callback type sent, once acknowledged. */
  response?: InteractionResponseType;
  respondedAt?: number;
  /** Message id that `@original` refers to. */
  originalId?: string;
  /** For component interactions: the message the component was on. */
  sourceMessageId?: string;
  channelId: string;
  user: StandInUser;
  autocompleteChoices?: unknown[];
}

interface Session {
  id: string;
  intents: number;
  seq: number;
  log: Array<{ s: number; t: string; d: unknown }>;
  ws: WebSocket | null;
}

class StandInHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: unknown,
  ) {
    super(message);
  }
}

/** Payload of the `typing` event: the bot called `POST /channels/:id/typing`. */
export interface StandInTyping {
  channelId: string;
  userId: string;
}

/** Payload of the `messageDelete` event. */
export interface StandInMessageDelete {
  id: string;
  channelId: string;
}

/**
 * Events the stand-in emits (Node `EventEmitter`), for tests and the playground:
 * - `message` (APIMessage): a message was created or edited (members' messages, bot messages,
 *   interaction replies and their edits, including ephemeral ones); an edit re-emits the same id.
 * - `messageDelete` (StandInMessageDelete), `typing` (StandInTyping)
 * - `request` (RecordedRequest): a REST request was answered; `gateway` (opcode): the bot sent a gateway payload.
 */
export interface StandInEvents {
  message: [APIMessage];
  messageDelete: [StandInMessageDelete];
  typing: [StandInTyping];
  request: [RecordedRequest];
  gateway: [number];
}

export class StandInError extends Error {
  override name = 'StandInError';
}

// ───────────────────────────── the stand-in ─────────────────────────────

export class DiscordStandIn extends EventEmitter<StandInEvents> {
  readonly applicationId: string;
  readonly guildId = snowflake();
  readonly channelId = snowflake();
  readonly threadId = snowflake();
  readonly everyoneRoleId: string;
  readonly modRoleId = snowflake();
  readonly botUser: StandInUser;
  readonly users: StandInUsers;
  readonly requests: RecordedRequest[] = [];
  /** Every message the stand-in knows, by id (channel messages, interaction replies, followups). */
  readonly messages = new Map<string, APIMessage>();
  readonly globalCommands: APIApplicationCommand[] = [];
  readonly guildCommands: APIApplicationCommand[] = [];
  /** Gateway opcodes received from the bot, in order. */
  readonly gatewayLog: Array<{ op: number; at: number; d?: unknown }> = [];

  private readonly options: Required<Omit<StandInOptions, 'token' | 'port' | 'host'>> & { token?: string };
  private server: http.Server;
  private wss: WebSocketServer;
  private readonly sessions = new Map<string, Session>();
  private readonly interactions = new Map<string, InteractionState>();
  private readonly faults: Array<Required<Pick<FaultSpec, 'count'>> & FaultSpec> = [];
  private readonly buckets = new Map<string, { remaining: number; resetAt: number }>();
  private port = 0;
  private host = '127.0.0.1';

  private constructor(options: StandInOptions) {
    super();
    this.applicationId = options.applicationId ?? snowflake();
    this.everyoneRoleId = this.guildId;
    this.options = {
      applicationId: this.applicationId,
      botUsername: options.botUsername ?? 'Footnote',
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      interactionResponseWindowMs: options.interactionResponseWindowMs ?? 3_000,
      rateLimit: options.rateLimit ?? { limit: 50, windowMs: 1_000 },
      messageContentIntentEnabled: options.messageContentIntentEnabled ?? false,
      token: options.token,
    };
    this.botUser = { id: this.applicationId, username: this.options.botUsername, bot: true };
    this.users = {
      alice: { id: snowflake(), username: 'alice' },
      bob: { id: snowflake(), username: 'bob' },
      mod: { id: snowflake(), username: 'moderator', roles: [this.modRoleId] },
    };
    this.server = http.createServer((req, res) => void this.handleHttp(req, res));
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname !== '/gateway') {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onGatewayConnection(ws, url));
    });
  }

  static async start(options: StandInOptions = {}): Promise<DiscordStandIn> {
    const standIn = new DiscordStandIn(options);
    standIn.host = options.host ?? '127.0.0.1';
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
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // ─────────────── roles, guild, channels ───────────────

  private get roles(): APIRole[] {
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
    const everyone =
      PermissionFlagsBits.ViewChannel |
      PermissionFlagsBits.SendMessages |
      PermissionFlagsBits.ReadMessageHistory |
      PermissionFlagsBits.UseApplicationCommands |
      PermissionFlagsBits.EmbedLinks |
      PermissionFlagsBits.AddReactions |
      PermissionFlagsBits.SendMessagesInThreads;
    return [
      { ...base, id: this.everyoneRoleId, name: '@everyone', position: 0, permissions: everyone.toString() },
      {
        ...base,
        id: this.modRoleId,
        name: 'Moderators',
        position: 1,
        permissions: (PermissionFlagsBits.ManageMessages | PermissionFlagsBits.KickMembers).toString(),
      },
    ];
  }

  /** Guild-level permissions of a user (role union; Administrator grants all). */
  permissionsOf(user: StandInUser): bigint {
    let perms = 0n;
    for (const role of this.roles) {
      if (role.id === this.everyoneRoleId || user.roles?.includes(role.id)) perms |= BigInt(role.permissions);
    }
    if (perms & PermissionFlagsBits.Administrator) return ~0n & ((1n << 53n) - 1n);
    return perms;
  }

  private member(user: StandInUser): APIGuildMember {
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
      flags: 0,
      pending: false,
      communication_disabled_until: null,
    } as unknown as APIGuildMember;
  }

  private channel(id = this.channelId): APIChannel {
    if (id === this.threadId) {
      return {
        id,
        type: ChannelType.PublicThread,
        guild_id: this.guildId,
        parent_id: this.channelId,
        name: 'article-discussion',
        owner_id: this.users.alice.id,
        last_message_id: null,
        rate_limit_per_user: 0,
        message_count: 0,
        member_count: 1,
        flags: 0,
        thread_metadata: {
          archived: false,
          auto_archive_duration: 1440,
          archive_timestamp: new Date().toISOString(),
          locked: false,
        },
      } as unknown as APIChannel;
    }
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
      flags: 0,
    } as unknown as APIChannel;
  }

  private guildCreatePayload() {
    const all = [this.botUser, this.users.alice, this.users.bob, this.users.mod];
    const { id: _ignored, ...thread } = this.channel(this.threadId) as any;
    return {
      id: this.guildId,
      name: 'Footnote Test Guild',
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: this.users.mod.id,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: this.roles,
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      member_count: all.length,
      voice_states: [],
      members: all.map((u) => this.member(u)),
      channels: [this.channel()],
      threads: [{ id: this.threadId, ...thread }],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  // ─────────────── HTTP ───────────────

  private async handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const method = (req.method ?? 'GET').toUpperCase();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);

    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      const text = payload === undefined ? '' : JSON.stringify(payload);
      res.writeHead(status, {
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        via: '1.1 discord-stand-in',
        ...headers,
      });
      res.end(text);
    };

    if (!url.pathname.startsWith('/api/v10/')) {
      send(404, { message: '404: Not Found', code: 0 });
      return;
    }
    const path = url.pathname.slice('/api/v10'.length);
    const query = Object.fromEntries(url.searchParams.entries());
    const { route, params, pathMatched } = matchRoute(method, path);

    let body: any = undefined;
    const files: string[] = [];
    const contentType = req.headers['content-type'] ?? '';
    try {
      if (contentType.startsWith('multipart/form-data')) {
        const form = await new Request('http://x', { method: 'POST', headers: { 'content-type': contentType }, body: raw }).formData();
        for (const [key, value] of form.entries()) {
          if (key === 'payload_json') body = JSON.parse(String(value));
          else files.push(typeof value === 'string' ? key : value.name || key);
        }
      } else if (raw.length) {
        body = JSON.parse(raw.toString('utf8'));
      }
    } catch {
      body = raw.toString('utf8');
    }

    const record: RecordedRequest = {
      index: this.requests.length,
      method,
      path,
      route: route?.template ?? 'unknown',
      params,
      query,
      headers: req.headers,
      body,
      files,
      status: 0,
      at: Date.now(),
    };
    this.requests.push(record);
    const finish = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      send(status, payload, headers);
      this.emit('request', record);
    };

    if (!route) {
      if (pathMatched) finish(405, { message: '405: Method Not Allowed', code: 0 });
      else finish(404, { message: '404: Not Found', code: 0 });
      return;
    }

    if (route.auth) {
      const auth = req.headers.authorization ?? '';
      const token = auth.startsWith('Bot ') ? auth.slice(4) : '';
      if (!token || (this.options.token !== undefined && token !== this.options.token)) {
        finish(401, { message: '401: Unauthorized', code: 0 });
        return;
      }
    }

    // Rate-limit bookkeeping (real buckets) and fault injection.
    const { bucket, key } = bucketFor(method, route.template, params);
    const { limit, windowMs } = this.options.rateLimit;
    const now = Date.now();
    let state = this.buckets.get(key);
    if (!state || state.resetAt <= now) {
      state = { remaining: limit, resetAt: now + windowMs };
      this.buckets.set(key, state);
    }
    const rlHeaders = (remaining: number): Record<string, string> => ({
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, remaining)),
      'x-ratelimit-reset': ((state!.resetAt) / 1000).toFixed(3),
      'x-ratelimit-reset-after': (Math.max(0, state!.resetAt - now) / 1000).toFixed(3),
      'x-ratelimit-bucket': bucket,
    });

    const faultIndex = this.faults.findIndex(
      (f) =>
        f.count > 0 &&
        (!f.method || f.method.toUpperCase() === method) &&
        (typeof f.route === 'string' ? f.route === route.template : f.route(path)),
    );
    if (faultIndex >= 0) {
      const fault = this.faults[faultIndex]!;
      fault.count -= 1;
      if (fault.count <= 0) this.faults.splice(faultIndex, 1);
      if (fault.status === 429) {
        const retryAfter = fault.retryAfter ?? 1;
        record.fault = 'rate-limit';
        finish(
          429,
          { message: 'You are being rate limited.', retry_after: retryAfter, global: !!fault.global, code: fault.global ? 0 : undefined },
          fault.global
            ? { 'retry-after': String(retryAfter), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' }
            : {
                ...rlHeaders(0),
                // Discord's reset for a limited bucket matches retry-after.
                'x-ratelimit-reset': ((now + retryAfter * 1000) / 1000).toFixed(3),
                'x-ratelimit-reset-after': retryAfter.toFixed(3),
                'retry-after': String(retryAfter),
                'x-ratelimit-scope': 'user',
              },
        );
      } else {
        record.fault = 'server-error';
        finish(fault.status, { message: '500: Internal Server Error', code: 0 });
      }
      return;
    }
    if (state.remaining <= 0) {
      const retryAfter = Math.max(0.001, (state.resetAt - now) / 1000);
      finish(
        429,
        { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
        { ...rlHeaders(0), 'retry-after': String(Math.ceil(retryAfter)), 'x-ratelimit-scope': 'user' },
      );
      return;
    }
    state.remaining -= 1;
    const headers = rlHeaders(state.remaining);

    try {
      const [status, payload] = this.route(method, route.template, params, query, body);
      finish(status, payload, headers);
    } catch (error) {
      if (error instanceof StandInHttpError) {
        finish(
          error.status,
          { message: error.message, code: error.code, ...(error.errors ? { errors: error.errors } : {}) },
          headers,
        );
      } else {
        finish(500, { message: `stand-in bug: ${(error as Error).message}`, code: 0 }, headers);
      }
    }
  }

  private invalidForm(problems: string[]): never {
    const errors = Object.fromEntries(problems.map((p) => {
      const [where, ...rest] = p.split(': ');
      return [where, { _errors: [{ code: 'BASE_TYPE_INVALID', message: rest.join(': ') }] }];
    }));
    throw new StandInHttpError(400, 50035, 'Invalid Form Body', errors);
  }

  private route(
    method: string,
    template: string,
    params: Record<string, string>,
    query: Record<string, string>,
    body: any,
  ): [number, unknown] {
    switch (`${method} ${template}`) {
      case 'GET /gateway':
        return [200, { url: this.gatewayUrl }];
      case 'GET /gateway/bot':
        return [
          200,
          {
            url: this.gatewayUrl,
            shards: 1,
            session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
          },
        ];
      case 'PUT /applications/:app/commands':
      case 'PUT /applications/:app/guilds/:guild/commands': {
        this.checkApp(params.app!);
        if (params.guild && params.guild !== this.guildId) throw new StandInHttpError(404, 10004, 'Unknown Guild');
        const problems = validateCommands(body);
        if (problems.length) this.invalidForm(problems);
        const target = params.guild ? this.guildCommands : this.globalCommands;
        const stored = (body as RESTPostAPIApplicationCommandsJSONBody[]).map((c) => {
          const existing = target.find((t) => t.name === c.name && t.type === (c.type ?? 1));
          return {
            ...c,
            id: existing?.id ?? snowflake(),
            application_id: this.applicationId,
            type: c.type ?? ApplicationCommandType.ChatInput,
            description: 'description' in c ? (c.description ?? '') : '',
            version: snowflake(),
            default_member_permissions: c.default_member_permissions ?? null,
            ...(params.guild ? { guild_id: params.guild } : {}),
          } as APIApplicationCommand;
        });
        target.splice(0, target.length, ...stored);
        return [200, stored];
      }
      case 'GET /applications/:app/commands':
        this.checkApp(params.app!);
        return [200, this.globalCommands];
      case 'GET /applications/:app/guilds/:guild/commands':
        this.checkApp(params.app!);
        return [200, this.guildCommands];
      case 'POST /interactions/:id/:token/callback':
        return this.interactionCallback(params.id!, params.token!, query, body);
      case 'GET /webhooks/:app/:token/messages/:message':
      case 'PATCH /webhooks/:app/:token/messages/:message':
      case 'DELETE /webhooks/:app/:token/messages/:message':
        return this.webhookMessage(method, params.app!, params.token!, params.message!, body);
      case 'POST /webhooks/:app/:token': {
        const state = this.webhookState(params.app!, params.token!);
        if (!state.response) throw new StandInHttpError(404, 10015, 'Unknown Webhook');
        const problems = validateMessageBody(body);
        if (problems.length) this.invalidForm(problems);
        const message = this.createMessage(state.channelId, this.botUser, body, { webhookId: this.applicationId });
        return [200, message];
      }
      case 'POST /channels/:channel/messages': {
        this.checkChannel(params.channel!);
        const problems = validateMessageBody(body);
        if (!body?.content && !body?.embeds?.length && !body?.components?.length) problems.push('content: Cannot send an empty message');
        if (problems.length) this.invalidForm(problems);
        let reference: APIMessage | undefined;
        if (body.message_reference) {
          reference = this.messages.get(String(body.message_reference.message_id));
          if (!reference && body.message_reference.fail_if_not_exists !== false)
            this.invalidForm(['message_reference: Unknown message']);
        }
        const message = this.createMessage(params.channel!, this.botUser, body, { reference });
        this.dispatch(GatewayDispatchEvents.MessageCreate, { ...message, guild_id: this.guildId, member: this.member(this.botUser) });
        return [200, message];
      }
      case 'POST /channels/:channel/typing':
        this.checkChannel(params.channel!);
        this.emit('typing', { channelId: params.channel!, userId: this.botUser.id } satisfies StandInTyping);
        return [204, undefined];
    }
    throw new StandInHttpError(404, 0, '404: Not Found');
  }

  private checkApp(app: string) {
    if (app !== this.applicationId) throw new StandInHttpError(403, 50001, 'Missing Access');
  }

  private checkChannel(channel: string) {
    if (channel !== this.channelId && channel !== this.threadId) throw new StandInHttpError(404, 10003, 'Unknown Channel');
  }

  private interactionCallback(id: string, token: string, query: Record<string, string>, body: any): [number, unknown] {
    const state = this.interactions.get(token);
    if (!state || state.id !== id) throw new StandInHttpError(404, 10062, 'Unknown interaction');
    if (state.response !== undefined) throw new StandInHttpError(400, 40060, 'Interaction has already been acknowledged.');
    if (Date.now() - state.createdAt > this.options.interactionResponseWindowMs)
      throw new StandInHttpError(404, 10062, 'Unknown interaction');
    const type = body?.type as InteractionResponseType;
    const data = body?.data ?? {};
    const isComponent = state.type === InteractionType.MessageComponent || state.type === InteractionType.ModalSubmit;
    let message: APIMessage | undefined;
    switch (type) {
      case InteractionResponseType.Pong:
        throw new StandInHttpError(400, 50035, 'Invalid Form Body');
      case InteractionResponseType.ChannelMessageWithSource: {
        if (state.type === InteractionType.ApplicationCommandAutocomplete) this.invalidForm(['type: autocomplete needs type 8']);
        const problems = validateMessageBody(data);
        if (!data.content && !data.embeds?.length && !data.components?.length) problems.push('data.content: Cannot send an empty message');
        if (problems.length) this.invalidForm(problems);
        message = this.createMessage(state.channelId, this.botUser, data, { interaction: state });
        state.originalId = message.id;
        break;
      }
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const flags = (Number(data.flags ?? 0) & MessageFlags.Ephemeral) | MessageFlags.Loading;
        message = this.createMessage(state.channelId, this.botUser, { content: '', flags }, { interaction: state });
        state.originalId = message.id;
        break;
      }
      case InteractionResponseType.DeferredMessageUpdate:
      case InteractionResponseType.UpdateMessage: {
        if (!isComponent) this.invalidForm(['type: only component interactions can update a message']);
        state.originalId = state.sourceMessageId;
        if (type === InteractionResponseType.UpdateMessage) {
          const problems = validateMessageBody(data);
          if (problems.length) this.invalidForm(problems);
          message = this.editMessage(state.sourceMessageId!, data);
        }
        break;
      }
      case InteractionResponseType.ApplicationCommandAutocompleteResult: {
        if (state.type !== InteractionType.ApplicationCommandAutocomplete) this.invalidForm(['type: not an autocomplete interaction']);
        const choices: any[] = data.choices ?? [];
        if (choices.length > LIMITS.choices) this.invalidForm(['data.choices: Must be 25 or fewer in length.']);
        choices.forEach((c, i) => {
          if (typeof c.name !== 'string' || c.name.length < 1 || c.name.length > LIMITS.choiceName)
            this.invalidForm([`data.choices.${i}.name: Must be between 1 and 100 in length.`]);
          if (typeof c.value === 'string' && c.value.length > 100) this.invalidForm([`data.choices.${i}.value: too long`]);
        });
        state.autocompleteChoices = choices;
        break;
      }
      default:
        this.invalidForm([`type: unsupported interaction response type ${String(type)}`]);
    }
    state.response = type;
    state.respondedAt = Date.now();
    if (query.with_response === 'true') {
      const original = state.originalId ? this.messages.get(state.originalId) : undefined;
      return [
        200,
        {
          interaction: {
            id: state.id,
            type: state.type,
            activity_instance_id: null,
            response_message_id: original?.id ?? null,
            response_message_loading: original ? ((original.flags ?? 0) & MessageFlags.Loading) !== 0 : null,
            response_message_ephemeral: original ? ((original.flags ?? 0) & MessageFlags.Ephemeral) !== 0 : null,
          },
          resource: message ? { type, message } : { type },
        },
      ];
    }
    return [204, undefined];
  }

  private webhookState(app: string, token: string): InteractionState {
    if (app !== this.applicationId) throw new StandInHttpError(404, 10015, 'Unknown Webhook');
    const state = this.interactions.get(token);
    if (!state || Date.now() - state.createdAt > 15 * 60_000) throw new StandInHttpError(404, 10015, 'Unknown Webhook');
    return state;
  }

  private webhookMessage(method: string, app: string, token: string, messageRef: string, body: any): [number, unknown] {
    const state = this.webhookState(app, token);
    const id = messageRef === '@original' ? state.originalId : messageRef;
    const message = id ? this.messages.get(id) : undefined;
    if (!message) throw new StandInHttpError(404, 10008, 'Unknown Message');
    if (method === 'GET') return [200, message];
    if (method === 'DELETE') {
      this.messages.delete(message.id);
      this.emit('messageDelete', { id: message.id, channelId: message.channel_id } satisfies StandInMessageDelete);
      return [204, undefined];
    }
    const problems = validateMessageBody(body);
    if (problems.length) this.invalidForm(problems);
    return [200, this.editMessage(message.id, body)];
  }

  private createMessage(
    channelId: string,
    author: StandInUser,
    body: any,
    extra: { interaction?: InteractionState; reference?: APIMessage; webhookId?: string } = {},
  ): APIMessage {
    const id = snowflake();
    const content: string = body.content ?? '';
    const mentions = this.mentionsIn(content, body.allowed_mentions, extra.reference, body.message_reference);
    const message = {
      id,
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
      type: extra.reference ? MessageType.Reply : extra.interaction ? MessageType.ChatInputCommand : MessageType.Default,
      flags: Number(body.flags ?? 0),
      ...(extra.webhookId || extra.interaction ? { webhook_id: this.applicationId, application_id: this.applicationId } : {}),
      ...(extra.reference
        ? {
            message_reference: { type: 0, message_id: extra.reference.id, channel_id: extra.reference.channel_id, guild_id: this.guildId },
            referenced_message: extra.reference,
          }
        : {}),
      ...(extra.interaction
        ? {
            interaction_metadata: {
              id: extra.interaction.id,
              type: extra.interaction.type,
              user: avatarless(extra.interaction.user),
              authorizing_integration_owners: {},
            },
          }
        : {}),
    } as unknown as APIMessage;
    this.messages.set(id, message);
    this.emit('message', message);
    return message;
  }

  private editMessage(id: string, body: any): APIMessage {
    const current = this.messages.get(id);
    if (!current) throw new StandInHttpError(404, 10008, 'Unknown Message');
    const next = { ...current } as any;
    for (const key of ['content', 'embeds', 'components', 'attachments'] as const) {
      if (body[key] !== undefined) next[key] = body[key] ?? (key === 'content' ? '' : []);
    }
    next.flags = (current.flags ?? 0) & ~MessageFlags.Loading;
    next.edited_timestamp = new Date().toISOString();
    if (body.content !== undefined) {
      const mentions = this.mentionsIn(next.content, body.allowed_mentions);
      next.mentions = mentions.users;
      next.mention_everyone = mentions.everyone;
    }
    this.messages.set(id, next);
    this.emit('message', next);
    return next as APIMessage;
  }

  /**
   * Who a message would actually ping, honouring allowed_mentions as Discord does:
   * without allowed_mentions everything in the text pings; `parse: []` pings nobody (except an
   * explicit replied_user).
   */
  private mentionsIn(content: string, allowed: any, reference?: APIMessage, messageReference?: any) {
    const everyoneText = /@(everyone|here)\b/.test(content);
    const userIds = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!);
    const parse: string[] | undefined = allowed ? (allowed.parse ?? []) : undefined;
    const canUser = (id: string) => !allowed || parse!.includes('users') || (allowed.users ?? []).includes(id);
    const known = [this.botUser, ...Object.values(this.users)];
    const users = known.filter((u) => userIds.includes(u.id) && canUser(u.id)).map(avatarless);
    if (reference && messageReference && (allowed ? allowed.replied_user === true : true)) {
      const author = known.find((u) => u.id === reference.author.id);
      if (author && !users.some((u) => u.id === author.id)) users.push(avatarless(author));
    }
    return { everyone: everyoneText && (!allowed || parse!.includes('everyone')), users };
  }

  // ─────────────── gateway ───────────────

  private onGatewayConnection(ws: WebSocket, url: URL): void {
    if (url.searchParams.get('encoding') && url.searchParams.get('encoding') !== 'json') {
      ws.close(4002, 'Decode error: only encoding=json is supported by the stand-in');
      return;
    }
    if (url.searchParams.get('compress')) {
      ws.close(4002, 'Decode error: transport compression is not supported by the stand-in');
      return;
    }
    let session: Session | undefined;
    const send = (payload: GatewayReceivePayload) => ws.send(JSON.stringify(payload));
    send({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs } } as GatewayReceivePayload);

    ws.on('message', (data: RawData) => {
      let payload: { op: number; d: any };
      try {
        payload = JSON.parse(data.toString());
      } catch {
        ws.close(4002, 'Decode error');
        return;
      }
      this.gatewayLog.push({ op: payload.op, at: Date.now(), d: payload.op === GatewayOpcodes.Identify ? { ...payload.d, token: '<redacted>' } : payload.d });
      this.emit('gateway', payload.op);
      switch (payload.op) {
        case GatewayOpcodes.Heartbeat:
          send({ op: GatewayOpcodes.HeartbeatAck } as GatewayReceivePayload);
          break;
        case GatewayOpcodes.Identify: {
          if (session) {
            ws.close(4005, 'Already authenticated');
            return;
          }
          const token = String(payload.d?.token ?? '');
          if (!token || (this.options.token !== undefined && token !== this.options.token)) {
            ws.close(4004, 'Authentication failed');
            return;
          }
          const intents = Number(payload.d?.intents ?? 0);
          if (intents & GatewayIntentBits.MessageContent && !this.options.messageContentIntentEnabled) {
            ws.close(4014, 'Disallowed intent(s)');
            return;
          }
          session = { id: randomBytes(16).toString('hex'), intents, seq: 0, log: [], ws };
          this.sessions.set(session.id, session);
          this.dispatchTo(session, GatewayDispatchEvents.Ready, {
            v: 10,
            user: { ...avatarless(this.botUser), verified: true, mfa_enabled: false, flags: 0 },
            guilds: [{ id: this.guildId, unavailable: true }],
            session_id: session.id,
            resume_gateway_url: this.gatewayUrl,
            shard: [0, 1],
            application: { id: this.applicationId, flags: 0 },
          });
          if (intents & GatewayIntentBits.Guilds) this.dispatchTo(session, GatewayDispatchEvents.GuildCreate, this.guildCreatePayload());
          break;
        }
        case GatewayOpcodes.Resume: {
          const resumed = this.sessions.get(String(payload.d?.session_id));
          if (!resumed || (this.options.token !== undefined && payload.d?.token !== this.options.token)) {
            send({ op: GatewayOpcodes.InvalidSession, d: false } as GatewayReceivePayload);
            return;
          }
          if (resumed.ws && resumed.ws !== ws && resumed.ws.readyState === WebSocket.OPEN) resumed.ws.terminate();
          session = resumed;
          session.ws = ws;
          const after = Number(payload.d?.seq ?? 0);
          for (const entry of session.log) {
            if (entry.s > after) ws.send(JSON.stringify({ op: GatewayOpcodes.Dispatch, t: entry.t, s: entry.s, d: entry.d }));
          }
          this.dispatchTo(session, GatewayDispatchEvents.Resumed, {});
          break;
        }
        default:
          break;
      }
    });
    ws.on('close', (code) => {
      if (!session || session.ws !== ws) return;
      session.ws = null;
      // A client closing with 1000/1001 ends its session for good (it cannot be resumed).
      if (code === 1000 || code === 1001) this.sessions.delete(session.id);
    });
  }

  private dispatchTo(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const entry = { s: session.seq, t, d };
    session.log.push(entry);
    if (session.log.length > 1000) session.log.shift();
    if (session.ws?.readyState === WebSocket.OPEN) {
      session.ws.send(JSON.stringify({ op: GatewayOpcodes.Dispatch, t, s: entry.s, d }));
    }
  }

  /** Send an event to every session whose intents ask for it (buffered for resume when disconnected). */
  private dispatch(t: GatewayDispatchEvents, d: any): void {
    for (const session of this.sessions.values()) {
      if (t === GatewayDispatchEvents.MessageCreate) {
        if (!(session.intents & GatewayIntentBits.GuildMessages)) continue;
        const mentioned = (d.mentions ?? []).some((u: APIUser) => u.id === this.botUser.id);
        const own = d.author?.id === this.botUser.id;
        if (!(session.intents & GatewayIntentBits.MessageContent) && !mentioned && !own) {
          d = { ...d, content: '', embeds: [], attachments: [], components: [] };
        }
      }
      this.dispatchTo(session, t, d);
    }
  }

  /** True when a bot session is identified and connected. */
  get connected(): boolean {
    return [...this.sessions.values()].some((s) => s.ws?.readyState === WebSocket.OPEN);
  }

  /** Drop the bot's socket with a resumable close code; events dispatched meanwhile are replayed on RESUME. */
  closeGateway(code = 4000, reason = 'stand-in: forced disconnect'): void {
    for (const session of this.sessions.values()) session.ws?.close(code, reason);
  }

  /** Ask the bot to reconnect (op 7), as Discord does before maintenance. */
  requestReconnect(): void {
    for (const session of this.sessions.values())
      session.ws?.send(JSON.stringify({ op: GatewayOpcodes.Reconnect, d: null }));
  }

  /** Send op 9 Invalid Session (not resumable) and forget the sessions, as Discord does when one expires. */
  invalidateSessions(): void {
    for (const session of this.sessions.values())
      session.ws?.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
    this.sessions.clear();
  }

  // ─────────────── fault injection ───────────────

  /** Fail the next `count` responses matching the route with a 429 or 5xx. */
  failNext(spec: FaultSpec): void {
    this.faults.push({ count: 1, ...spec });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  // ─────────────── helpers for tests and the playground ───────────────

  private resolveUser(user: InvokeOptions['user']): StandInUser {
    if (!user) return this.users.alice;
    if (typeof user === 'string') return this.users[user];
    return user;
  }

  private findCommand(name: string, type: ApplicationCommandType): APIApplicationCommand {
    const command =
      this.guildCommands.find((c) => c.name === name && c.type === type) ??
      this.globalCommands.find((c) => c.name === name && c.type === type);
    if (!command) throw new StandInError(`No ${ApplicationCommandType[type]} command "${name}" is registered`);
    return command;
  }

  private baseInteraction(type: InteractionType, opts: InvokeOptions, data: unknown, extra: Record<string, unknown> = {}) {
    const user = this.resolveUser(opts.user);
    const permissions = opts.permissions ?? this.permissionsOf(user);
    const id = snowflake();
    const token = `aW50ZXJhY3Rpb246${id}:${randomBytes(24).toString('base64url')}`;
    const channelId = opts.channelId ?? this.channelId;
    const payload = {
      id,
      application_id: this.applicationId,
      type,
      data,
      guild_id: this.guildId,
      guild: { id: this.guildId, locale: 'en-US', features: [] },
      guild_locale: 'en-US',
      channel_id: channelId,
      channel: this.channel(channelId),
      member: { ...this.member(user), permissions: permissions.toString() },
      token,
      version: 1,
      app_permissions: this.permissionsOf(this.botUser).toString(),
      locale: opts.locale ?? 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': this.guildId },
      context: 0,
      attachment_size_limit: 10 * 1024 * 1024,
      ...extra,
    } as unknown as APIInteraction;
    const state: InteractionState = { id, token, type, createdAt: Date.now(), channelId, user };
    this.interactions.set(token, state);
    return { payload, state, user, permissions };
  }

  private checkPermissions(command: APIApplicationCommand, permissions: bigint): void {
    const required = command.default_member_permissions;
    if (required === null || required === undefined) return;
    const needed = BigInt(required);
    if (permissions & PermissionFlagsBits.Administrator) return;
    if ((permissions & needed) !== needed)
      throw new StandInError(`"${command.name}" needs permissions ${required}: Discord would not show it to this member`);
  }

  private buildOptions(command: APIApplicationCommand, values: Record<string, string | number | boolean>, focused?: string) {
    const defs = command.options ?? [];
    const out: APIApplicationCommandInteractionDataOption[] = [];
    for (const def of defs) {
      const value = values[def.name];
      if (value === undefined) {
        if ('required' in def && def.required && def.name !== focused)
          throw new StandInError(`Option "${def.name}" of /${command.name} is required`);
        continue;
      }
      out.push({ name: def.name, type: def.type, value, ...(def.name === focused ? { focused: true } : {}) } as APIApplicationCommandInteractionDataOption);
    }
    for (const name of Object.keys(values)) {
      if (!defs.some((d) => d.name === name)) throw new StandInError(`/${command.name} has no option "${name}"`);
    }
    for (const opt of out as any[]) {
      const def = defs.find((d) => d.name === opt.name)!;
      const expected =
        def.type === ApplicationCommandOptionType.Boolean ? 'boolean' : def.type === ApplicationCommandOptionType.String ? 'string' : 'number';
      if (typeof opt.value !== expected && !(opt.focused && typeof opt.value === 'string'))
        throw new StandInError(`Option "${opt.name}" must be a ${expected}`);
      if (expected === 'string' && 'max_length' in def && def.max_length && String(opt.value).length > def.max_length)
        throw new StandInError(`Option "${opt.name}" is longer than ${def.max_length}; the Discord client would refuse it`);
    }
    return out;
  }

  /** Invoke a registered slash command as a guild member would. */
  sendSlashCommand(name: string, options: Record<string, string | number | boolean> = {}, opts: InvokeOptions = {}): InteractionHandle {
    const command = this.findCommand(name, ApplicationCommandType.ChatInput);
    const user = this.resolveUser(opts.user);
    const perms = opts.permissions ?? this.permissionsOf(user);
    this.checkPermissions(command, perms);
    const data = {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      guild_id: command.guild_id,
      options: this.buildOptions(command, options),
    };
    const { payload, state } = this.baseInteraction(InteractionType.ApplicationCommand, opts, data);
    this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return { id: state.id, token: state.token, payload };
  }

  /** Send an autocomplete request for `focused` while the user types; resolves with the choices returned. */
  async sendAutocomplete(
    name: string,
    focused: string,
    value: string,
    others: Record<string, string | number | boolean> = {},
    opts: InvokeOptions & { timeoutMs?: number } = {},
  ): Promise<Array<{ name: string; value: string | number }>> {
    const command = this.findCommand(name, ApplicationCommandType.ChatInput);
    const def = command.options?.find((o) => o.name === focused);
    if (!def || !('autocomplete' in def) || !def.autocomplete) throw new StandInError(`Option "${focused}" of /${name} has no autocomplete`);
    const data = {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      options: this.buildOptions(command, { ...others, [focused]: value }, focused),
    };
    const { state, payload } = this.baseInteraction(InteractionType.ApplicationCommandAutocomplete, opts, data);
    this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    await this.waitFor(() => state.autocompleteChoices, { timeoutMs: opts.timeoutMs ?? this.options.interactionResponseWindowMs });
    return state.autocompleteChoices as Array<{ name: string; value: string | number }>;
  }

  /** Use a message context-menu command on a stored message. */
  sendMessageContextMenu(name: string, messageId: string, opts: InvokeOptions = {}): InteractionHandle {
    const command = this.findCommand(name, ApplicationCommandType.Message);
    const user = this.resolveUser(opts.user);
    this.checkPermissions(command, opts.permissions ?? this.permissionsOf(user));
    if (command.contexts && !command.contexts.includes(0)) throw new StandInError(`"${name}" is not available in servers`);
    const target = this.messages.get(messageId);
    if (!target) throw new StandInError(`Unknown message ${messageId}`);
    const data = {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.Message,
      target_id: target.id,
      // Interactions carry the target's content even without the Message Content intent.
      resolved: { messages: { [target.id]: target } },
    };
    const { payload, state } = this.baseInteraction(InteractionType.ApplicationCommand, { ...opts, channelId: target.channel_id }, data);
    this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return { id: state.id, token: state.token, payload };
  }

  /** All buttons (custom_id, label) on a stored message. */
  buttonsOf(messageId: string): Array<{ custom_id: string; label?: string; disabled?: boolean; emoji?: unknown }> {
    const message = this.messages.get(messageId);
    if (!message) throw new StandInError(`Unknown message ${messageId}`);
    return (message.components ?? []).flatMap((row: any) => (row.components ?? []).filter((c: any) => c.type === ComponentType.Button));
  }

  /** Click a button on a stored message, by custom_id or by (partial) label. */
  clickButton(messageId: string, customIdOrLabel: string, opts: InvokeOptions = {}): InteractionHandle {
    const message = this.messages.get(messageId);
    if (!message) throw new StandInError(`Unknown message ${messageId}`);
    const buttons = this.buttonsOf(messageId);
    const button =
      buttons.find((b) => b.custom_id === customIdOrLabel) ?? buttons.find((b) => b.label?.includes(customIdOrLabel));
    if (!button) throw new StandInError(`Message ${messageId} has no button "${customIdOrLabel}"`);
    if (button.disabled) throw new StandInError(`Button "${customIdOrLabel}" is disabled`);
    const { payload, state } = this.baseInteraction(
      InteractionType.MessageComponent,
      { ...opts, channelId: message.channel_id },
      { custom_id: button.custom_id, component_type: ComponentType.Button },
      { message },
    );
    state.sourceMessageId = message.id;
    this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return { id: state.id, token: state.token, payload };
  }

  /** A member posts a message; `<@id>` in the text mentions (use `standIn.mention()` for the bot). */
  sendMessage(content: string, opts: { user?: InvokeOptions['user']; channelId?: string } = {}): APIMessage {
    const user = this.resolveUser(opts.user);
    const channelId = opts.channelId ?? this.channelId;
    this.checkChannel(channelId);
    const message = this.createMessage(channelId, user, { content });
    this.dispatch(GatewayDispatchEvents.MessageCreate, { ...message, guild_id: this.guildId, member: this.member(user) });
    return message;
  }

  /** The mention markup for the bot (or a user). */
  mention(user: StandInUser = this.botUser): string {
    return `<@${user.id}>`;
  }

  /** The message that `@original` of an interaction points at now. */
  original(handle: InteractionHandle | string): APIMessage | undefined {
    const token = typeof handle === 'string' ? handle : handle.token;
    const id = this.interactions.get(token)?.originalId;
    return id ? this.messages.get(id) : undefined;
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
  async waitFor<T>(predicate: () => T | undefined | null | false, opts: { timeoutMs?: number; intervalMs?: number; what?: string } = {}): Promise<T> {
    const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (Date.now() > deadline) throw new StandInError(`Timed out waiting for ${opts.what ?? 'condition'}`);
      await new Promise((r) => setTimeout(r, opts.intervalMs ?? 10));
    }
  }

  /** Wait for the first REST request (after `since`) matching `predicate`. */
  waitForRequest(predicate: (r: RecordedRequest) => boolean, opts: { since?: number; timeoutMs?: number } = {}): Promise<RecordedRequest> {
    return this.waitFor(() => this.requests.slice(opts.since ?? 0).find((r) => r.status >= 200 && r.status < 300 && predicate(r)), {
      timeoutMs: opts.timeoutMs,
      what: 'a REST request',
    });
  }

  /** Wait until the interaction's `@original` message is final (not loading) and return it. */
  waitForReply(handle: InteractionHandle, opts: { timeoutMs?: number } = {}): Promise<APIMessage> {
    return this.waitFor(
      () => {
        const m = this.original(handle);
        return m && !((m.flags ?? 0) & MessageFlags.Loading) ? m : undefined;
      },
      { timeoutMs: opts.timeoutMs, what: `a reply to interaction ${handle.id}` },
    );
  }

  /** Wait for the bot's reply (message_reference) to a channel message. */
  waitForMessageReply(messageId: string, opts: { timeoutMs?: number } = {}): Promise<APIMessage> {
    return this.waitFor(
      () => [...this.messages.values()].find((m) => m.message_reference?.message_id === messageId && m.author.id === this.botUser.id),
      { timeoutMs: opts.timeoutMs, what: `a reply to message ${messageId}` },
    );
  }
}
