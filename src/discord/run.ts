/**
 * Runs the bot as a process: validate the Discord settings (before loading anything heavy), open the engine,
 * connect, and shut down cleanly on SIGINT/SIGTERM. The token is never logged.
 */
import path from 'node:path';
import { pino } from 'pino';
import { loadDiscordEnvOrExit } from './env.js';
import { loggableError, maskSecrets } from './log.js';
import { handleProcessFaults } from './process-faults.js';

export async function runBot(): Promise<void> {
  const env = loadDiscordEnvOrExit();
  handleProcessFaults();

  const { loadConfig } = await import('../config.js');
  const appConfig = loadConfig();
  const logger = pino({ level: appConfig.logLevel, redact: { paths: ['token', '*.token', 'DISCORD_TOKEN'], censor: '[redacted]' } });

  const { createQaService } = await import('../qa-service.js');
  const { createBot } = await import('./bot.js');

  logger.info({ articlesDir: appConfig.articlesDir, model: appConfig.model }, 'opening the article index');
  const service = await createQaService({ config: appConfig, onNotice: (message) => logger.info({}, message), watch: true });
  service.onReload((report) => logger.info({ added: report.added, changed: report.changed, removed: report.removed, ms: report.ms }, 'articles reloaded'));
  const bot = createBot({
    service,
    token: env.token,
    ...(env.apiBase ? { restApi: env.apiBase } : {}),
    feedbackFile: path.join(appConfig.dataDir, 'feedback.jsonl'),
    cooldownMs: env.cooldownMs,
    logger,
    articlesDir: appConfig.articlesDir,
    fetchAllowPrivate: appConfig.fetchAllowPrivate,
  });
  const { startHealthServer } = await import('./health.js');
  const health = env.health
    ? await startHealthServer(bot.client, env.health).catch((error: Error) => {
        logger.error({}, `HEALTH_PORT ${env.health!.port}: could not listen (${error.message})`);
        process.exit(1);
      })
    : undefined;
  if (health) logger.info({ port: health.port }, 'health endpoint: GET /health');
  const { exitOnSignal } = await import('../shutdown.js');
  exitOnSignal(
    async (signal) => {
      logger.info({ signal }, 'shutting down');
      await health?.close();
      await bot.stop();
      await service.close();
    },
    (error) => logger.error({ err: loggableError(error) }, 'error during shutdown'),
  );

  try {
    await bot.start();
  } catch (error) {
    const code = (error as { code?: string }).code;
    logger.error(
      { code },
      code === 'TokenInvalid'
        ? 'Discord rejected DISCORD_TOKEN; reset it in the Developer Portal and update .env'
        : `could not connect to Discord: ${maskSecrets(String((error as Error).message))}`,
    );
    await service.close().catch(() => undefined);
    process.exit(1);
  }
}
