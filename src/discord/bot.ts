/**
 * The Discord adapter assembled: a discord.js client, the bot's small state, and the two ways in (interactions and
 * mentions), each handed to its handler. What the bot says lives in the handlers; how it looks, in render/.
 */
import path from 'node:path';
import { ApplicationFlags, Client, Events, GatewayIntentBits, IntentsBitField, Routes } from 'discord.js';
import type { QaService } from '../types.js';
import type { BotDeps } from './deps.js';
import { handleInteraction } from './handle-interaction.js';
import { handleMention } from './handle-mention.js';
import { loggableError, type BotLogger } from './log.js';
import type { ArticleInfo } from './render/embed.js';
import { guardGatewayPackets } from './packet-guard.js';
import { NO_MENTIONS } from './reply.js';
import { SettingsStore } from './settings.js';
import { ArticleScopes } from './article-scopes.js';
import { AnswerStore, Cooldown, FeedbackLog, ThreadQuestions } from './state.js';

export type { BotLogger } from './log.js';

export interface BotOptions {
  service: QaService;
  token: string;
  /** REST base for discord.js (`rest.api`), e.g. a local stand-in; discord.com when omitted. */
  restApi?: string;
  /** JSONL file for 👍/👎 feedback. Button state lives next to it in `answers.jsonl`. */
  feedbackFile: string;
  /** Per-user cooldown for /ask and mentions. 0 disables it. */
  cooldownMs: number;
  logger: BotLogger;
  /** Where button state is kept; defaults to `answers.jsonl` beside `feedbackFile`. */
  answersFile?: string;
  /** The latest question of each Footnote thread; defaults to `threads.jsonl` beside `feedbackFile`. */
  threadsFile?: string;
  /** Per-server settings; defaults to `settings.json` beside `feedbackFile`. */
  settingsFile?: string;
  /** Per-channel article choices; defaults to `article-scopes.json` beside `feedbackFile`. */
  scopesFile?: string;
  /** The articles folder, where `/article add` puts a server's articles; without it `/article add` is refused. */
  articlesDir?: string;
  /** Article URLs may reach loopback and private addresses (FETCH_ALLOW_PRIVATE). */
  fetchAllowPrivate?: boolean;
}

export interface Bot {
  client: Client;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Enough for commands and mentions; Message Content is added at start when the application was granted it. */
const BASE_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];

/** How long `stop` waits for answers in flight before it disconnects anyway. */
const DRAIN_MS = 5_000;

export function createBot(options: BotOptions): Bot {
  const { logger } = options;
  const client = new Client({
    intents: BASE_INTENTS,
    allowedMentions: NO_MENTIONS,
    ...(options.restApi ? { rest: { api: options.restApi } } : {}),
  });
  guardGatewayPackets(client, logger);
  const deps = createDeps(options);
  const inFlight = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  client.on(Events.InteractionCreate, (i) => track(handleInteraction(i, deps)));
  client.on(Events.MessageCreate, (m) =>
    track(handleMention(m, deps).catch((error) => logger.error({ err: loggableError(error), messageId: m.id }, 'message handler failed'))),
  );
  logConnection(client, logger);

  return {
    client,
    async start() {
      deps.access.messageContent = await messageContentGranted(client, options.token, logger);
      if (deps.access.messageContent)
        client.options.intents = new IntentsBitField([...BASE_INTENTS, GatewayIntentBits.MessageContent]).freeze();
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(options.token);
      await ready;
      logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'connected to Discord');
    },
    async stop() {
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, DRAIN_MS).unref())]);
      await client.destroy();
      await Promise.allSettled([deps.feedback.flush(), deps.answers.flush(), deps.threadQuestions.flush()]);
      logger.info({}, 'bot stopped');
    },
  };
}

function createDeps(options: BotOptions): BotDeps {
  const { service } = options;
  return {
    service,
    answers: new AnswerStore(options.answersFile ?? path.join(path.dirname(options.feedbackFile), 'answers.jsonl')),
    feedback: new FeedbackLog(options.feedbackFile),
    threadQuestions: new ThreadQuestions(options.threadsFile ?? path.join(path.dirname(options.feedbackFile), 'threads.jsonl')),
    cooldown: new Cooldown(options.cooldownMs),
    logger: options.logger,
    access: { messageContent: false },
    settings: new SettingsStore(options.settingsFile ?? path.join(path.dirname(options.feedbackFile), 'settings.json')),
    scopes: new ArticleScopes(options.scopesFile ?? path.join(path.dirname(options.feedbackFile), 'article-scopes.json')),
    ...(options.articlesDir ? { articlesDir: options.articlesDir } : {}),
    fetchAllowPrivate: options.fetchAllowPrivate ?? false,
    articles: (): ArticleInfo => {
      try {
        return new Map(service.about().articles.map((a) => [a.id, { title: a.title, url: a.url }]));
      } catch {
        return new Map();
      }
    },
  };
}

/**
 * Whether the Developer Portal granted the Message Content intent (the application's flags say so). Asking for it
 * without the grant would make Discord close the gateway (4014), so without it the bot stays mention-only.
 */
async function messageContentGranted(client: Client, token: string, logger: BotLogger): Promise<boolean> {
  const granted = ApplicationFlags.GatewayMessageContent | ApplicationFlags.GatewayMessageContentLimited;
  try {
    client.rest.setToken(token);
    const app = (await client.rest.get(Routes.currentApplication())) as { flags?: number };
    if ((app.flags ?? 0) & granted) {
      logger.info({}, 'Message Content intent granted: answer channels are on where a server set them');
      return true;
    }
    logger.warn({}, 'Message Content intent not granted (Developer Portal → Bot → Privileged Gateway Intents): answer channels are off; mentions work');
  } catch (error) {
    logger.warn({ err: loggableError(error) }, 'could not read the application flags; answer channels are off; mentions work');
  }
  return false;
}

/** The gateway's ups and downs, for whoever reads the log. */
function logConnection(client: Client, logger: BotLogger): void {
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ shard, code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'gateway resumed'));
  // A READY after the first one is a new session, not a resume: events sent while the bot was away are gone.
  let sessions = 0;
  client.on(Events.Raw, (packet: { t?: unknown }) => {
    if (packet.t !== 'READY') return;
    sessions += 1;
    if (sessions > 1) logger.warn({ sessions }, 'gateway reconnected with a new session (not a resume); events sent meanwhile were missed');
  });
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'gateway reconnecting'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord.js warning'));
  client.on(Events.Error, (error) => logger.error({ err: loggableError(error) }, 'discord.js error'));
  client.on(Events.ShardError, (error, shard) => logger.warn({ shard, err: loggableError(error) }, 'gateway connection error'));
}
