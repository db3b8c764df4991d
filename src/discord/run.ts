/**
 * Runs the bot as a process: validate the Discord settings (before loading anything heavy), open the engine,
 * connect, and shut down cleanly on SIGINT/SIGTERM. The token is never logged.
 */
import path from 'node:path';
import { pino } from 'pino';
import type { QaService } from '../types.js';
import type { Bot } from './bot.js';
import { loadDiscordEnvOrExit } from './env.js';
import type { BotLogger } from './log.js';

/** A shutdown that has not finished by then is cut short. */
const SHUTDOWN_MS = 10_000;

export async function runBot(): Promise<void> {
  const env = loadDiscordEnvOrExit();

  const { loadConfig } = await import('../config.js');
  const appConfig = loadConfig();
  const logger = pino({ level: appConfig.logLevel, redact: { paths: ['token', '*.token', 'DISCORD_TOKEN'], censor: '[redacted]' } });

  const { createQaService } = await import('../qa-service.js');
  const { createBot } = await import('./bot.js');

  logger.info({ articlesDir: appConfig.articlesDir, model: appConfig.model }, 'opening the article index');
  const service = await createQaService({ onNotice: (message) => logger.info({}, message) });
  const bot = createBot({
    service,
    token: env.token,
    ...(env.apiBase ? { restApi: env.apiBase } : {}),
    feedbackFile: path.join(appConfig.dataDir, 'feedback.jsonl'),
    cooldownMs: env.cooldownMs,
    logger,
  });
  stopOnSignals(bot, service, logger);

  try {
    await bot.start();
  } catch (error) {
    const code = (error as { code?: string }).code;
    logger.error(
      { code },
      code === 'TokenInvalid'
        ? 'Discord rejected DISCORD_TOKEN; reset it in the Developer Portal and update .env'
        : `could not connect to Discord: ${(error as Error).message}`,
    );
    await service.close().catch(() => undefined);
    process.exit(1);
  }
}

function stopOnSignals(bot: Bot, service: QaService, logger: BotLogger): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), SHUTDOWN_MS);
    force.unref();
    try {
      await bot.stop();
      await service.close();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
