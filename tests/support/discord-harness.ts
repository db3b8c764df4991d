/** Starts the Discord stand-in, registers the real command definitions, and connects the real bot to it. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBot, type Bot, type BotLogger } from '../../src/discord/bot.js';
import { deployCommands } from '../../src/discord/deploy-commands.js';
import { DiscordStandIn, type StandInOptions } from '../../src/stand-in/index.js';
import type { QaService } from '../../src/types.js';

/** Shaped like a real token (three dot-separated parts); only the stand-in accepts it. */
export const FAKE_TOKEN = 'MTAxMjM0NTY3ODkwMTIzNDU2.Gf00tn.stand-in-token-not-real_0123456789';

export interface CapturedLog {
  level: keyof BotLogger;
  obj: object;
  msg?: string;
}

export function captureLogger(): BotLogger & { lines: CapturedLog[] } {
  const lines: CapturedLog[] = [];
  const at = (level: keyof BotLogger) => (obj: object, msg?: string) => void lines.push({ level, obj, msg });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export interface Harness {
  standIn: DiscordStandIn;
  bot: Bot;
  dataDir: string;
  feedbackFile: string;
  logger: ReturnType<typeof captureLogger>;
  /** Stop the bot and start a fresh one (same data folder) against the same stand-in. */
  restartBot(): Promise<Bot>;
  close(): Promise<void>;
}

/** A running stand-in that accepts `token`, with the real command definitions deployed to its guild. */
export async function startStandIn(options: { token?: string; standIn?: StandInOptions } = {}): Promise<DiscordStandIn> {
  const token = options.token ?? FAKE_TOKEN;
  const standIn = await DiscordStandIn.start({ token, ...options.standIn });
  await deployCommands({ token, clientId: standIn.applicationId, guildId: standIn.guildId, apiBase: standIn.apiBase });
  return standIn;
}

/** The environment `src/main.ts` needs to connect to `standIn` (add INDEX_DIR, ARTICLES_DIR, …). */
export function botEnv(standIn: DiscordStandIn, token = FAKE_TOKEN): Record<string, string> {
  return { DISCORD_TOKEN: token, CLIENT_ID: standIn.applicationId, GUILD_ID: standIn.guildId, DISCORD_API_BASE: standIn.apiBase };
}

export async function startHarness(options: {
  service: QaService;
  cooldownMs?: number;
  standIn?: StandInOptions;
  /** The bot token the stand-in accepts (default FAKE_TOKEN). */
  token?: string;
  /** The articles folder `/article add` writes to. */
  articlesDir?: string;
  fetchAllowPrivate?: boolean;
}): Promise<Harness> {
  const token = options.token ?? FAKE_TOKEN;
  const standIn = await startStandIn({ token, standIn: options.standIn });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'footnote-discord-data-'));
  const feedbackFile = path.join(dataDir, 'feedback.jsonl');
  const logger = captureLogger();
  const make = () =>
    createBot({
      service: options.service,
      token,
      restApi: standIn.apiBase,
      feedbackFile,
      cooldownMs: options.cooldownMs ?? 0,
      logger,
      ...(options.articlesDir ? { articlesDir: options.articlesDir } : {}),
      fetchAllowPrivate: options.fetchAllowPrivate ?? false,
    });
  const harness: Harness = {
    standIn,
    bot: make(),
    dataDir,
    feedbackFile,
    logger,
    async restartBot() {
      await harness.bot.stop();
      harness.bot = make();
      await harness.bot.start();
      return harness.bot;
    },
    async close() {
      await harness.bot.stop().catch(() => undefined);
      await standIn.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await harness.bot.start();
  return harness;
}

let userCounter = 0;
/** A fresh guild member (distinct id) so per-user cooldowns never couple tests. */
export function freshUser(standIn: DiscordStandIn, roles: string[] = []) {
  userCounter += 1;
  return { id: `${BigInt(standIn.guildId) + 1000n + BigInt(userCounter)}`, username: `member${userCounter}`, roles };
}
