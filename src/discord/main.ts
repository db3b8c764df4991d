/**
 * `npm start`: load .env, validate the Discord settings (before loading anything heavy), open the
 * engine, connect the bot, and shut down cleanly on SIGINT/SIGTERM. The token is never logged.
 *
 * Without a DISCORD_TOKEN (or with `--playground`) it runs the local playground instead: the same
 * bot against the embedded Discord stand-in, with a web page (see src/playground/).
 */
import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { pino } from 'pino';
import { hasDiscordToken, loadDiscordEnvOrExit } from './env.js';

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const forced = process.argv.slice(2).includes('--playground');
  if (forced || !hasDiscordToken()) {
    const { runPlayground } = await import('../playground/run.js');
    await runPlayground({ reason: forced ? 'forced' : 'no-token' });
    return;
  }
  const env = loadDiscordEnvOrExit();

  const { loadConfig } = await import('../config.js');
  const appConfig = loadConfig();
  const logger = pino({ level: appConfig.logLevel, redact: { paths: ['token', '*.token', 'DISCORD_TOKEN'], censor: '[redacted]' } });

  const { createQaService } = await import('../qa-service.js');
  const { createBot } = await import('./bot.js');

  logger.info({ articlesDir: appConfig.articlesDir, model: appConfig.model }, 'opening the article index');
  const service = await createQaService({ config: appConfig, onNotice: (message) => logger.info({}, message) });
  const bot = createBot({
    service,
    token: env.token,
    ...(env.apiBase ? { restApi: env.apiBase } : {}),
    feedbackFile: path.join(appConfig.dataDir, 'feedback.jsonl'),
    cooldownMs: env.cooldownMs,
    logger,
  });

  const { exitOnSignal } = await import('../shutdown.js');
  exitOnSignal(
    async (signal) => {
      logger.info({ signal }, 'shutting down');
      await bot.stop();
      await service.close();
    },
    (error) => logger.error({ err: error }, 'error during shutdown'),
  );

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

void main();
