/**
 * The Footnote playground: the real bot (discord.js, `createBot`) connected to the embedded Discord
 * stand-in, plus a small web server for a Discord-like page.
 *
 * The page never calls the answer engine. Everything a user does becomes what a Discord client
 * would cause: a channel message or an interaction dispatched by the stand-in's gateway. The bot
 * answers over REST, the stand-in records the message and emits it, and this server pushes it to
 * the page over Server-Sent Events:
 *
 *   page → POST /api/* → stand-in → gateway → discord.js → bot → REST → stand-in → SSE → page
 *
 * Only `/api/article` reads the service directly, and only for the article panel (paragraphs and
 * sentence offsets), never for answers; `/api/settings` reads the settings the bot saved, so a reloaded page shows
 * its switches as they are.
 */
import http from 'node:http';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { APIApplicationCommand, APIMessage } from 'discord-api-types/v10';
import { createBot, type Bot, type BotLogger } from '../discord/bot.js';
import { SettingsStore } from '../discord/settings.js';
import { deployCommands } from '../discord/deploy-commands.js';
import { DiscordStandIn, StandInError, snowflake, type InteractionHandle, type StandInUser } from '../stand-in/index.js';
import type { QaService } from '../types.js';
import { runAction } from './actions.js';
import { answerThreadOf } from './answer-threads.js';
import { buildArticleView } from './article-view.js';
import { DEFAULT_PLAYGROUND_HOST, DEFAULT_PLAYGROUND_PORT } from './env.js';
import { BadRequest, hostAllowed, readJsonBody, SECURITY_HEADERS, sendJson, serveStatic } from './http.js';

export { DEFAULT_PLAYGROUND_HOST, DEFAULT_PLAYGROUND_PORT };
export { CONTENT_SECURITY_POLICY, isLoopback } from './http.js';
/** Discord's window for the first interaction response. */
const RESPONSE_WINDOW_MS = 3_000;

export class PortInUseError extends Error {
  override name = 'PortInUseError';
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(`Port ${port} on ${host} is already in use — is another Footnote playground (npm start) running? Stop it, or set PLAYGROUND_PORT to a free port.`);
  }
}

export interface PlaygroundListenOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 3000; 0 picks a free port. */
  port?: number;
}

export interface PlaygroundStartOptions {
  service: QaService;
  /** Where the bot keeps feedback.jsonl and answers.jsonl. */
  dataDir: string;
  /** Per-user cooldown for questions; 0 (default) disables it. */
  cooldownMs?: number;
  logger?: BotLogger;
  /** The articles folder, so `/article add` works in the playground. */
  articlesDir?: string;
  /** Article URLs may reach loopback and private addresses. */
  fetchAllowPrivate?: boolean;
}

/** What the page gets in the `hello` event. */
export interface PlaygroundState {
  bot: { id: string; username: string };
  you: { id: string; username: string };
  moderator: { id: string; username: string };
  guild: { name: string };
  channel: { id: string; name: string };
  commands: Array<Pick<APIApplicationCommand, 'name' | 'description' | 'type' | 'options'>>;
  messages: PlaygroundMessage[];
}

/** A stand-in message plus what the page needs to label it ("alice used /ask"). */
export type PlaygroundMessage = APIMessage & { playground?: { invokedBy: string; action: string }; inThread?: { id: string; name: string } };


const silentLogger: BotLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** A token shaped like Discord's (three dot-separated parts); only this stand-in accepts it. */
function localToken(applicationId: string): string {
  return `${Buffer.from(applicationId).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
}

export class Playground {
  readonly server: http.Server;
  readonly host: string;
  standIn?: DiscordStandIn;
  bot?: Bot;
  private service?: QaService;
  private settingsFile?: string;
  private readonly clients = new Set<http.ServerResponse>();
  /** Interaction id → how the page labels replies to it. */
  private readonly invocations = new Map<string, { invokedBy: string; action: string }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private keepAlive?: NodeJS.Timeout;
  private stopReloads?: () => void;
  private port = 0;
  private closed = false;

  private constructor(host: string) {
    this.host = host;
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error) => {
        if (!res.headersSent) sendJson(res, 500, { error: `playground error: ${(error as Error).message}` });
        else res.end();
      });
    });
  }

  /** Bind the web port first, so a second instance fails fast, before any heavy loading. */
  static async listen(options: PlaygroundListenOptions = {}): Promise<Playground> {
    const host = options.host ?? DEFAULT_PLAYGROUND_HOST;
    const port = options.port ?? DEFAULT_PLAYGROUND_PORT;
    const playground = new Playground(host);
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        reject(error.code === 'EADDRINUSE' ? new PortInUseError(host, port) : error);
      };
      playground.server.once('error', onError);
      playground.server.listen(port, host, () => {
        playground.server.off('error', onError);
        resolve();
      });
    });
    playground.port = (playground.server.address() as AddressInfo).port;
    return playground;
  }

  get url(): string {
    const shown = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `http://${shown}:${this.port}`;
  }

  get listeningPort(): number {
    return this.port;
  }

  /** Start the stand-in, register the real commands, and connect the real bot to it. */
  async start(options: PlaygroundStartOptions): Promise<void> {
    const applicationId = snowflake();
    const token = localToken(applicationId);
    // The local app is granted the Message Content intent, so the page's answer-channel switch works as on Discord.
    const standIn = await DiscordStandIn.start({ token, applicationId, host: '127.0.0.1', messageContentIntentEnabled: true });
    this.standIn = standIn;
    this.settingsFile = path.join(options.dataDir, 'settings.json');
    await deployCommands({ token, clientId: applicationId, guildId: standIn.guildId, apiBase: standIn.apiBase });
    const bot = createBot({
      service: options.service,
      token,
      restApi: standIn.apiBase,
      feedbackFile: path.join(options.dataDir, 'feedback.jsonl'),
      settingsFile: this.settingsFile,
      cooldownMs: options.cooldownMs ?? 0,
      logger: options.logger ?? silentLogger,
      ...(options.articlesDir ? { articlesDir: options.articlesDir } : {}),
      fetchAllowPrivate: options.fetchAllowPrivate ?? false,
    });
    this.bot = bot;
    standIn.on('message', (message) => {
      if (this.shown(message)) this.broadcast('message', this.decorate(message));
    });
    standIn.on('messageDelete', (event) => this.broadcast('delete', { id: event.id }));
    standIn.on('typing', (event) => this.broadcast('typing', { userId: event.userId }));
    await bot.start();
    this.service = options.service;
    // A new index generation (a file dropped in, an article added): the page fetches the article view again.
    this.stopReloads = options.service.onReload(() => this.broadcast('articles', {}));
    this.keepAlive = setInterval(() => {
      for (const client of this.clients) client.write(': ping\n\n');
    }, 15_000);
    this.keepAlive.unref();
  }

  /** Stop the bot, the stand-in and the web server (the service belongs to the caller). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopReloads?.();
    if (this.keepAlive) clearInterval(this.keepAlive);
    for (const timer of this.timers) clearTimeout(timer);
    for (const client of this.clients) client.end();
    this.clients.clear();
    await this.bot?.stop().catch(() => undefined);
    await this.standIn?.stop().catch(() => undefined);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // ─────────────── page state ───────────────

  private get you(): StandInUser {
    return this.standIn!.users.alice;
  }

  private get moderator(): StandInUser {
    return this.standIn!.users.mod;
  }

  /** #news, and the threads the bot opened from its messages (shown under the message they started from). */
  private shown(message: APIMessage): boolean {
    return message.channel_id === this.standIn!.channelId || answerThreadOf(this.standIn!, message.channel_id) !== undefined;
  }

  private decorate(message: APIMessage): PlaygroundMessage {
    const interactionId = (message as { interaction_metadata?: { id: string } }).interaction_metadata?.id;
    const invocation = interactionId ? this.invocations.get(interactionId) : undefined;
    const thread = answerThreadOf(this.standIn!, message.channel_id);
    return { ...message, ...(invocation ? { playground: invocation } : {}), ...(thread ? { inThread: thread } : {}) };
  }

  state(): PlaygroundState {
    const standIn = this.standIn!;
    const user = (u: StandInUser) => ({ id: u.id, username: u.username });
    return {
      bot: user(standIn.botUser),
      you: user(this.you),
      moderator: user(this.moderator),
      guild: { name: 'Footnote Playground' },
      channel: { id: standIn.channelId, name: 'news' },
      commands: standIn.guildCommands.map((c) => ({
        name: c.name,
        description: c.description,
        type: c.type,
        ...(c.options ? { options: c.options } : {}),
      })),
      messages: [...standIn.messages.values()].filter((m) => this.shown(m)).map((m) => this.decorate(m)),
    };
  }

  private broadcast(event: string, data: unknown): void {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const client of this.clients) client.write(frame);
  }

  /** Like Discord's client: if the bot does not acknowledge in time, the user sees "did not respond". */
  private watch(handle: InteractionHandle, label: string): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.standIn && this.standIn.responseType(handle) === undefined)
        this.broadcast('interactionFailed', { id: handle.id, action: label });
    }, RESPONSE_WINDOW_MS + 100);
    timer.unref();
    this.timers.add(timer);
  }

  // ─────────────── HTTP ───────────────

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://playground');
    const method = (req.method ?? 'GET').toUpperCase();
    if (!hostAllowed(this.host, this.port, req.headers.host)) return sendJson(res, 403, { error: 'unexpected Host header' });
    if (method === 'GET' || method === 'HEAD') {
      if (await serveStatic(url.pathname, method, res)) return;
      if (url.pathname === '/api/events') return this.events(req, res);
      if (url.pathname === '/api/article') {
        if (!this.service) return sendJson(res, 503, { error: 'starting' });
        return sendJson(res, 200, buildArticleView(this.service, { server: this.standIn!.guildId }));
      }
      if (url.pathname === '/api/settings') {
        if (!this.standIn || !this.settingsFile) return sendJson(res, 503, { error: 'starting' });
        // Read from the file the bot writes before it confirms a change, so this is what the bot acts on.
        const saved = new SettingsStore(this.settingsFile).get(this.standIn.guildId);
        return sendJson(res, 200, { threads: saved.threads, answerChannel: saved.answerChannels.includes(this.standIn.channelId) });
      }
      return sendJson(res, 404, { error: 'not found' });
    }
    if (method !== 'POST' || !url.pathname.startsWith('/api/')) return sendJson(res, 405, { error: 'method not allowed' });
    try {
      const body = await readJsonBody(req);
      if (!this.standIn || !this.service) throw new BadRequest(503, 'The playground is still starting.');
      sendJson(res, 200, await this.action(url.pathname, body));
    } catch (error) {
      if (error instanceof BadRequest) sendJson(res, error.status, { error: error.message });
      // What the Discord client itself would refuse (unknown option, too long, not a moderator…).
      else if (error instanceof StandInError) sendJson(res, 400, { error: error.message });
      else throw error;
    }
  }

  private events(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (!this.standIn || !this.service || this.closed) return sendJson(res, 503, { error: 'starting' });
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive', ...SECURITY_HEADERS });
    res.write(`retry: 1000\nevent: hello\ndata: ${JSON.stringify(this.state())}\n\n`);
    this.clients.add(res);
    req.on('close', () => this.clients.delete(res));
  }

  private action(pathname: string, body: Record<string, unknown>): Promise<unknown> {
    const record = (handle: InteractionHandle, invokedBy: StandInUser, action: string) => {
      this.invocations.set(handle.id, { invokedBy: invokedBy.username, action });
      this.watch(handle, action);
      return { id: handle.id };
    };
    return runAction(pathname, { standIn: this.standIn!, you: this.you, moderator: this.moderator, body, record });
  }
}

/** Bind, then start the stand-in and the bot. Throws `PortInUseError` when the port is taken. */
export async function startPlayground(options: PlaygroundListenOptions & PlaygroundStartOptions): Promise<Playground> {
  const playground = await Playground.listen(options);
  try {
    await playground.start(options);
  } catch (error) {
    await playground.close();
    throw error;
  }
  return playground;
}
