/**
 * The WebSocket gateway (`/gateway`, v10, JSON, no compression): HELLO and heartbeats, IDENTIFY with intents
 * (the privileged Message Content intent only when the application has it), and sessions that outlive their socket
 * so RESUME replays what was missed.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import {
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
  type APIInteraction,
  type APIMessage,
  type ApplicationFlags,
  type GatewayHello,
  type GatewayInvalidSession,
  type GatewayMessageCreateDispatchData,
  type GatewayReadyDispatchData,
  type UserFlags,
} from 'discord-api-types/v10';
import { avatarless, type GuildFixture } from './guild.js';
import type { GatewayLogEntry, StandInEvents, StandInUser } from './types.js';
import { field, isObject } from './wire.js';

export interface GatewayOptions {
  /** The token IDENTIFY and RESUME must carry; any non-empty one when undefined. */
  token?: string;
  heartbeatIntervalMs: number;
  messageContentIntentEnabled: boolean;
}

/** `[shard_id, num_shards]` as IDENTIFY gives it; `[0, 1]` when the bot does not shard. */
type ShardPair = [number, number];

/** Discord's routing: a guild's events go to shard `(guild_id >> 22) % num_shards`. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** A gateway payload as sent; payloads other than dispatches carry `s` and `t` as null. */
interface Frame {
  op: GatewayOpcodes;
  d?: unknown;
  s: number | null;
  t: string | null;
}

interface DispatchFrame extends Frame {
  op: GatewayOpcodes.Dispatch;
  s: number;
  t: GatewayDispatchEvents;
}

interface Session {
  id: string;
  intents: number;
  seq: number;
  shard: ShardPair;
  /** Dispatches kept for RESUME, oldest first. */
  log: DispatchFrame[];
  ws: WebSocket | null;
}

/** One socket, and the session it identified or resumed (none before that). */
interface Connection {
  ws: WebSocket;
  session?: Session;
}

/** Op 9 with `d: false`: the session cannot be resumed, identify anew. */
const NOT_RESUMABLE = { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null } satisfies GatewayInvalidSession;
/** Op 7; Discord sends `d: null`. */
const RECONNECT: Frame = { op: GatewayOpcodes.Reconnect, d: null, s: null, t: null };

/** Dispatches a session keeps for replay; Discord's own buffer is bounded too. */
const REPLAY_LIMIT = 1000;

export class Gateway {
  /** Gateway payloads received from the bot, in order. */
  readonly log: GatewayLogEntry[] = [];
  private readonly sessions = new Map<string, Session>();
  private readonly wss = new WebSocketServer({ noServer: true });

  constructor(
    private readonly guild: GuildFixture,
    private readonly options: GatewayOptions,
    private readonly url: () => string,
    private readonly events: EventEmitter<StandInEvents>,
  ) {}

  /** Takes over an HTTP upgrade request for `/gateway`; any other path is refused. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/gateway') {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, url));
  }

  /** True when a bot session is identified and connected. */
  get connected(): boolean {
    return [...this.sessions.values()].some((s) => s.ws?.readyState === WebSocket.OPEN);
  }

  /**
   * MESSAGE_CREATE, as a guild member (`author`) posted it, to sessions with the GuildMessages intent. Without the
   * Message Content intent a session sees no content unless the message is its own or mentions it.
   */
  dispatchMessageCreate(message: APIMessage, author: StandInUser): void {
    const botId = this.guild.botUser.id;
    const member = this.guild.member(author);
    const event: GatewayMessageCreateDispatchData = { ...message, guild_id: this.guild.guildId, member };
    const mentioned = message.mentions.some((u) => u.id === botId);
    const own = message.author.id === botId;
    for (const session of this.guildSessions()) {
      if (!(session.intents & GatewayIntentBits.GuildMessages)) continue;
      const visible = session.intents & GatewayIntentBits.MessageContent || mentioned || own;
      const d = visible ? event : { ...event, content: '', embeds: [], attachments: [], components: [] };
      this.dispatchTo(session, GatewayDispatchEvents.MessageCreate, d);
    }
  }

  dispatchInteractionCreate(interaction: APIInteraction): void {
    for (const session of this.guildSessions()) this.dispatchTo(session, GatewayDispatchEvents.InteractionCreate, interaction);
  }

  /** The sessions the guild's events reach: those of the shard that owns it. */
  private guildSessions(): Session[] {
    return [...this.sessions.values()].filter((s) => this.ownsGuild(s));
  }

  private ownsGuild(session: Session): boolean {
    return shardOfGuild(this.guild.guildId, session.shard[1]) === session.shard[0];
  }

  /** Identified sessions by shard id (a bot that does not shard has one, shard 0). */
  get shardSessions(): Array<{ shard: ShardPair; ownsGuild: boolean; dispatches: string[] }> {
    return [...this.sessions.values()].map((s) => ({ shard: s.shard, ownsGuild: this.ownsGuild(s), dispatches: s.log.map((f) => f.t) }));
  }

  /** Any dispatch, shaped as the caller likes: what a server that gets the shape wrong would send. */
  dispatchRaw(t: string, d: unknown): void {
    for (const session of this.sessions.values()) this.dispatchTo(session, t as GatewayDispatchEvents, d);
  }

  /** Drops every socket with `code`; a resumable code keeps the sessions for RESUME. */
  closeAll(code: number, reason: string): void {
    for (const session of this.sessions.values()) session.ws?.close(code, reason);
  }

  /** Op 7 Reconnect, as Discord sends before maintenance. */
  requestReconnect(): void {
    for (const session of this.sessions.values()) this.send(session.ws, RECONNECT);
  }

  /** Op 9 Invalid Session (not resumable), then the sessions are forgotten, as when they expire on Discord. */
  invalidateSessions(): void {
    for (const session of this.sessions.values()) this.send(session.ws, NOT_RESUMABLE);
    this.sessions.clear();
  }

  stop(): void {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private onConnection(ws: WebSocket, url: URL): void {
    const encoding = url.searchParams.get('encoding');
    if (encoding && encoding !== 'json') {
      ws.close(4002, 'Decode error: only encoding=json is supported by the stand-in');
      return;
    }
    if (url.searchParams.get('compress')) {
      ws.close(4002, 'Decode error: transport compression is not supported by the stand-in');
      return;
    }
    const connection: Connection = { ws };
    this.send(ws, {
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: this.options.heartbeatIntervalMs },
      s: null,
      t: null,
    } satisfies GatewayHello);
    ws.on('message', (data: RawData) => this.onFrame(connection, data));
    ws.on('close', (code) => {
      const { session } = connection;
      if (!session || session.ws !== ws) return;
      session.ws = null;
      // A client closing with 1000/1001 ends its session for good (it cannot be resumed).
      if (code === 1000 || code === 1001) this.sessions.delete(session.id);
    });
  }

  private onFrame(connection: Connection, data: RawData): void {
    let payload: unknown;
    try {
      payload = JSON.parse(data.toString());
    } catch {
      payload = undefined;
    }
    const op = field(payload, 'op');
    if (typeof op !== 'number') {
      connection.ws.close(4002, 'Decode error');
      return;
    }
    const d = field(payload, 'd');
    const logged = op === GatewayOpcodes.Identify ? { ...(isObject(d) ? d : {}), token: '<redacted>' } : d;
    this.log.push({ op, at: Date.now(), d: logged });
    this.events.emit('gateway', op);
    if (op === GatewayOpcodes.Heartbeat) this.send(connection.ws, { op: GatewayOpcodes.HeartbeatAck, s: null, t: null });
    else if (op === GatewayOpcodes.Identify) this.identify(connection, d);
    else if (op === GatewayOpcodes.Resume) this.resume(connection, d);
  }

  private identify(connection: Connection, d: unknown): void {
    const { ws } = connection;
    if (connection.session) {
      ws.close(4005, 'Already authenticated');
      return;
    }
    const token = String(field(d, 'token') ?? '');
    if (!token || (this.options.token !== undefined && token !== this.options.token)) {
      ws.close(4004, 'Authentication failed');
      return;
    }
    const intents = Number(field(d, 'intents') ?? 0);
    if (intents & GatewayIntentBits.MessageContent && !this.options.messageContentIntentEnabled) {
      ws.close(4014, 'Disallowed intent(s)');
      return;
    }
    const shard = shardPair(field(d, 'shard'));
    if (!shard) {
      ws.close(4010, 'Invalid shard');
      return;
    }
    const session: Session = { id: randomBytes(16).toString('hex'), intents, seq: 0, shard, log: [], ws };
    connection.session = session;
    this.sessions.set(session.id, session);
    const owns = this.ownsGuild(session);
    this.dispatchTo(session, GatewayDispatchEvents.Ready, this.ready(session.id, shard, owns));
    if (owns && intents & GatewayIntentBits.Guilds)
      this.dispatchTo(session, GatewayDispatchEvents.GuildCreate, this.guild.guildCreatePayload());
  }

  private ready(sessionId: string, shard: ShardPair, ownsGuild: boolean): GatewayReadyDispatchData {
    return {
      v: 10,
      user: { ...avatarless(this.guild.botUser), verified: true, mfa_enabled: false, flags: 0 as UserFlags },
      guilds: ownsGuild ? [{ id: this.guild.guildId, unavailable: true }] : [],
      session_id: sessionId,
      resume_gateway_url: this.url(),
      shard,
      application: { id: this.guild.botUser.id, flags: 0 as ApplicationFlags, flags_new: '0' },
    };
  }

  private resume(connection: Connection, d: unknown): void {
    const { ws } = connection;
    const session = this.sessions.get(String(field(d, 'session_id')));
    if (!session || (this.options.token !== undefined && field(d, 'token') !== this.options.token)) {
      this.send(ws, NOT_RESUMABLE);
      return;
    }
    if (session.ws && session.ws !== ws && session.ws.readyState === WebSocket.OPEN) session.ws.terminate();
    connection.session = session;
    session.ws = ws;
    const after = Number(field(d, 'seq') ?? 0);
    for (const frame of session.log) if (frame.s > after) this.send(ws, frame);
    this.dispatchTo(session, GatewayDispatchEvents.Resumed, {});
  }

  /** Numbers the event in the session and sends it, or keeps it for RESUME while the session has no socket. */
  private dispatchTo(session: Session, t: GatewayDispatchEvents, d: unknown): void {
    session.seq += 1;
    const frame: DispatchFrame = { op: GatewayOpcodes.Dispatch, t, s: session.seq, d };
    session.log.push(frame);
    if (session.log.length > REPLAY_LIMIT) session.log.shift();
    if (session.ws?.readyState === WebSocket.OPEN) this.send(session.ws, frame);
  }

  private send(ws: WebSocket | null, payload: Frame): void {
    ws?.send(JSON.stringify(payload));
  }
}

/** IDENTIFY's `shard`, checked as Discord does (0 <= id < count); absent means `[0, 1]`, malformed means none. */
function shardPair(value: unknown): ShardPair | undefined {
  if (value === undefined || value === null) return [0, 1];
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [id, count] = value as unknown[];
  if (!Number.isInteger(id) || !Number.isInteger(count)) return undefined;
  const [i, n] = [id as number, count as number];
  return n >= 1 && i >= 0 && i < n ? [i, n] : undefined;
}
