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
 * sentence offsets), never for answers.
 */
import http from 'node:http';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { ApplicationCommandType, type APIApplicationCommand, type APIMessage } from 'discord-api-types/v10';
import { createBot, type Bot, type BotLogger } from '../discord/bot.js';
import { deployCommands } from '../discord/deploy-commands.js';
import { DiscordStandIn, StandInError, snowflake, type InteractionHandle, type StandInUser } from '../testing/discord-stand-in.js';
import type { QaService } from '../types.js';
import { buildArticleView } from './article-view.js';

import { DEFAULT_PLAYGROUND_HOST, DEFAULT_PLAYGROUND_PORT } from './env.js';

export { DEFAULT_PLAYGROUND_HOST, DEFAULT_PLAYGROUND_PORT };
/** The context-menu command the page runs as a moderator. */
const CHECK_COMMAND = 'Check against article';
/** Discord's window for the first interaction response. */
const RESPONSE_WINDOW_MS = 3_000;
const MAX_BODY = 16 * 1024;

const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};
/** Every page file in public/ (the page's ES modules among them), listed once so a request path never reaches the disk. */
const STATIC: Record<string, { file: string; type: string }> = Object.fromEntries(
  readdirSync(PUBLIC_DIR)
    .filter((file) => CONTENT_TYPES[path.extname(file)])
    .map((file) => [`/${file}`, { file, type: CONTENT_TYPES[path.extname(file)]! }]),
);
STATIC['/'] = STATIC['/index.html']!;

/** Strict: only this origin's scripts, styles and connections; no inline code, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

export class PortInUseError extends Error {
  override name = 'PortInUseError';
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(`Port ${port} on ${host} is already in use — is another Footnote playground (npm start) running? Stop it, or set PLAYGROUND_PORT to a free port.`);
  }
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
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
export type PlaygroundMessage = APIMessage & { playground?: { invokedBy: string; action: string } };

const silentLogger: BotLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** A token shaped like Discord's (three dot-separated parts); only this stand-in accepts it. */
function localToken(applicationId: string): string {
  return `${Buffer.from(applicationId).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
}

class BadRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class Playground {
  readonly server: http.Server;
  readonly host: string;
  standIn?: DiscordStandIn;
  bot?: Bot;
  private service?: QaService;
  private readonly clients = new Set<http.ServerResponse>();
  /** Interaction id → how the page labels replies to it. */
  private readonly invocations = new Map<string, { invokedBy: string; action: string }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private keepAlive?: NodeJS.Timeout;
  private port = 0;
  private closed = false;

  private constructor(host: string) {
    this.host = host;
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error) => {
        if (!res.headersSent) this.json(res, 500, { error: `playground error: ${(error as Error).message}` });
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
    const standIn = await DiscordStandIn.start({ token, applicationId, host: '127.0.0.1' });
    this.standIn = standIn;
    await deployCommands({ token, clientId: applicationId, guildId: standIn.guildId, apiBase: standIn.apiBase });
    const bot = createBot({
      service: options.service,
      token,
      restApi: standIn.apiBase,
      feedbackFile: path.join(options.dataDir, 'feedback.jsonl'),
      cooldownMs: options.cooldownMs ?? 0,
      logger: options.logger ?? silentLogger,
    });
    this.bot = bot;
    standIn.on('message', (message) => {
      if (message.channel_id === standIn.channelId) this.broadcast('message', this.decorate(message));
    });
    standIn.on('messageDelete', (event) => this.broadcast('delete', { id: event.id }));
    standIn.on('typing', (event) => this.broadcast('typing', { userId: event.userId }));
    await bot.start();
    this.service = options.service;
    this.keepAlive = setInterval(() => {
      for (const client of this.clients) client.write(': ping\n\n');
    }, 15_000);
    this.keepAlive.unref();
  }

  /** Stop the bot, the stand-in and the web server (the service belongs to the caller). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
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

  private decorate(message: APIMessage): PlaygroundMessage {
    const interactionId = (message as { interaction_metadata?: { id: string } }).interaction_metadata?.id;
    const invocation = interactionId ? this.invocations.get(interactionId) : undefined;
    return invocation ? { ...message, playground: invocation } : message;
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
      messages: [...standIn.messages.values()].filter((m) => m.channel_id === standIn.channelId).map((m) => this.decorate(m)),
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

  private hostAllowed(hostHeader: string | undefined): boolean {
    // DNS-rebinding guard: on a loopback bind, only loopback names may be used to reach us.
    if (!isLoopback(this.host)) return true;
    if (!hostHeader) return false;
    const name = hostHeader.replace(/:\d+$/, '');
    return isLoopback(name) && hostHeader.endsWith(`:${this.port}`);
  }

  private json(res: http.ServerResponse, status: number, payload: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS });
    res.end(JSON.stringify(payload));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://playground');
    const method = (req.method ?? 'GET').toUpperCase();
    if (!this.hostAllowed(req.headers.host)) {
      this.json(res, 403, { error: 'unexpected Host header' });
      return;
    }
    if (method === 'GET' || method === 'HEAD') {
      const file = STATIC[url.pathname];
      if (file) {
        const body = await readFile(path.join(PUBLIC_DIR, file.file));
        res.writeHead(200, { 'content-type': file.type, 'content-length': body.length, ...SECURITY_HEADERS });
        res.end(method === 'HEAD' ? undefined : body);
        return;
      }
      if (url.pathname === '/api/events') return this.events(req, res);
      if (url.pathname === '/api/article') {
        if (!this.service) return this.json(res, 503, { error: 'starting' });
        return this.json(res, 200, buildArticleView(this.service));
      }
      return this.json(res, 404, { error: 'not found' });
    }
    if (method !== 'POST' || !url.pathname.startsWith('/api/')) return this.json(res, 405, { error: 'method not allowed' });
    try {
      const body = await this.readJson(req);
      if (!this.standIn || !this.service) throw new BadRequest(503, 'The playground is still starting.');
      this.json(res, 200, await this.action(url.pathname, body));
    } catch (error) {
      if (error instanceof BadRequest) this.json(res, error.status, { error: error.message });
      // What the Discord client itself would refuse (unknown option, too long, not a moderator…).
      else if (error instanceof StandInError) this.json(res, 400, { error: error.message });
      else throw error;
    }
  }

  private async readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
    // Cross-site guard: a JSON content type forces a CORS preflight (never granted), and a
    // browser-sent Origin must be this very origin.
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}`) throw new BadRequest(403, 'cross-origin request refused');
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new BadRequest(403, 'cross-site request refused');
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) throw new BadRequest(415, 'expected application/json');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) throw new BadRequest(413, 'request too large');
      chunks.push(chunk as Buffer);
    }
    try {
      const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      return parsed as Record<string, unknown>;
    } catch {
      throw new BadRequest(400, 'invalid JSON');
    }
  }

  private events(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (!this.standIn || !this.service || this.closed) return this.json(res, 503, { error: 'starting' });
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive', ...SECURITY_HEADERS });
    res.write(`retry: 1000\nevent: hello\ndata: ${JSON.stringify(this.state())}\n\n`);
    this.clients.add(res);
    req.on('close', () => this.clients.delete(res));
  }

  private async action(pathname: string, body: Record<string, unknown>): Promise<unknown> {
    const standIn = this.standIn!;
    const str = (key: string, max = 4000): string => {
      const value = body[key];
      if (typeof value !== 'string') throw new BadRequest(400, `"${key}" must be a string`);
      if (value.length > max) throw new BadRequest(400, `"${key}" is too long`);
      return value;
    };
    const optionValues = (): Record<string, string | number | boolean> => {
      const raw = body.options ?? {};
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new BadRequest(400, '"options" must be an object');
      const out: Record<string, string | number | boolean> = {};
      for (const [k, v] of Object.entries(raw)) {
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw new BadRequest(400, `option "${k}" has a bad value`);
        out[k] = v;
      }
      return out;
    };
    const record = (handle: InteractionHandle, invokedBy: StandInUser, action: string) => {
      this.invocations.set(handle.id, { invokedBy: invokedBy.username, action });
      this.watch(handle, action);
      return { id: handle.id };
    };

    switch (pathname) {
      case '/api/message': {
        // A plain message goes to the bot as a mention in #news (how a member asks it outside
        // slash commands); typing "@Footnote" makes the same mention explicitly.
        const text = str('content').trim();
        if (!text) throw new BadRequest(400, 'empty message');
        const botName = standIn.botUser.username.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        let content = text.replace(new RegExp(`(^|\\s)@${botName}\\b`, 'gi'), `$1${standIn.mention()}`);
        if (!content.includes(standIn.mention())) content = `${standIn.mention()} ${content}`;
        if (content.length > 2000) throw new BadRequest(400, 'Messages can be at most 2,000 characters.');
        const message = standIn.sendMessage(content, { user: this.you });
        return { id: message.id };
      }
      case '/api/command': {
        const name = str('name', 100);
        const handle = standIn.sendSlashCommand(name, optionValues(), { user: this.you });
        return record(handle, this.you, `/${name}`);
      }
      case '/api/autocomplete': {
        const choices = await standIn.sendAutocomplete(str('name', 100), str('focused', 100), str('value', 100), optionValues(), {
          user: this.you,
        });
        return { choices };
      }
      case '/api/button': {
        const messageId = str('messageId', 30);
        const customId = str('customId', 100);
        const button = standIn.buttonsOf(messageId).find((b) => b.custom_id === customId);
        const label = button?.label ?? ((button?.emoji as { name?: string } | undefined)?.name ?? 'a button');
        const handle = standIn.clickButton(messageId, customId, { user: this.you });
        return record(handle, this.you, label);
      }
      case '/api/check': {
        const command = standIn.guildCommands.find((c) => c.type === ApplicationCommandType.Message && c.name === CHECK_COMMAND);
        if (!command) throw new BadRequest(404, `"${CHECK_COMMAND}" is not registered`);
        const handle = standIn.sendMessageContextMenu(CHECK_COMMAND, str('messageId', 30), { user: this.moderator });
        return record(handle, this.moderator, CHECK_COMMAND);
      }
    }
    throw new BadRequest(404, 'unknown action');
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
