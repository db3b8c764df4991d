/**
 * Runs the playground as a process: `npm start` without DISCORD_TOKEN, or `npm run playground`.
 * Binds the web port first (a second instance stops at once), opens the engine (building the
 * index when missing, progress on stderr), starts the stand-in and the real bot, prints the URL,
 * and shuts everything down cleanly on Ctrl-C / SIGTERM.
 */
import { mkdirSync } from 'node:fs';
import { pino } from 'pino';
import { handleProcessFaults } from '../discord/process-faults.js';
import { exitOnSignal } from '../shutdown.js';
import type { QaService } from '../types.js';
import { loadPlaygroundEnv, PlaygroundEnvError, type PlaygroundEnv } from './env.js';
import { isLoopback, Playground, PortInUseError } from './server.js';

export interface RunPlaygroundOptions {
  /** Why the playground starts: shown once on stderr. */
  reason: 'no-token' | 'forced';
}

/** Progress on stderr: a bar on a terminal, a few plain lines otherwise. */
async function indexProgress(): Promise<{ update: (done: number, total: number) => void; stop: () => void }> {
  if (process.stderr.isTTY) {
    const { createProgress } = await import('../cli/progress.js');
    return createProgress('Building the index');
  }
  let lastShown = -1;
  return {
    update(done, total) {
      if (!total) return;
      const step = Math.floor((done / total) * 4);
      if (step > lastShown) {
        lastShown = step;
        process.stderr.write(`Building the index: ${done}/${total} sentences\n`);
      }
    },
    stop() {},
  };
}

export async function runPlayground(options: RunPlaygroundOptions): Promise<void> {
  const env = playgroundEnvOrExit();
  handleProcessFaults();
  announce(options.reason, env);
  const playground = await listenOrExit(env);
  const { loadConfig } = await import('../config.js');
  const appConfig = loadConfig();
  // The page is the interface here; keep the bot's log to warnings unless LOG_LEVEL asks for more.
  const logger = pino({ level: env.logLevel ?? 'warn', redact: { paths: ['token', '*.token'], censor: '[redacted]' } }, pino.destination(2));

  let service: QaService | undefined;
  const shutdown = exitOnSignal(
    async (signal) => {
      console.error(`\n${signal}: stopping the playground…`);
      await playground.close();
      await service?.close();
      console.error('Playground stopped.');
    },
    (error) => console.error(`Error while stopping: ${(error as Error).message}`),
  );

  try {
    const { createQaService } = await import('../qa-service.js');
    const progress = await indexProgress();
    // The engine's notice suggests `npm run ingest`; here the index is being built right now.
    const onNotice = (message: string) => console.error(message.replace(/;? *run `npm run ingest`\.?$/, '; building it now.'));
    service = await createQaService({ config: appConfig, onNotice, onProgress: progress.update, watch: true });
    progress.stop();
    if (shutdown.stopping) return;
    mkdirSync(appConfig.dataDir, { recursive: true });
    await playground.start({ service, dataDir: appConfig.dataDir, cooldownMs: env.cooldownMs, logger, articlesDir: appConfig.articlesDir, fetchAllowPrivate: appConfig.fetchAllowPrivate });
  } catch (error) {
    if (shutdown.stopping) return;
    console.error(`Could not start the playground: ${(error as Error).message}`);
    await playground.close().catch(() => undefined);
    await service?.close().catch(() => undefined);
    process.exit(1);
  }
  printBanner(env, playground);
}

function playgroundEnvOrExit(): PlaygroundEnv {
  try {
    return loadPlaygroundEnv();
  } catch (error) {
    if (error instanceof PlaygroundEnvError) {
      console.error(`${error.message} Set it in .env (see .env.example).`);
      process.exit(1);
    }
    throw error;
  }
}

function announce(reason: RunPlaygroundOptions['reason'], env: PlaygroundEnv): void {
  if (reason === 'no-token') console.error('No DISCORD_TOKEN set: starting the Footnote playground (a local Discord stand-in and a web page).');
  else console.error('Starting the Footnote playground (a local Discord stand-in and a web page).');
  if (!isLoopback(env.host)) {
    console.error(
      `Warning: PLAYGROUND_HOST=${env.host} is not a loopback address. Anyone who can reach this machine on port ${env.port} can use the playground; unset PLAYGROUND_HOST to keep it on 127.0.0.1.`,
    );
  }
}

/** Binds the web port before anything heavy loads, so a second instance stops at once. */
async function listenOrExit(env: PlaygroundEnv): Promise<Playground> {
  try {
    return await Playground.listen({ host: env.host, port: env.port });
  } catch (error) {
    console.error(error instanceof PortInUseError ? error.message : `Could not open ${env.host}:${env.port}: ${(error as Error).message}`);
    process.exit(1);
  }
}

function printBanner(env: PlaygroundEnv, playground: Playground): void {
  // One write, so whoever reads the URL line has the rest of the banner too.
  const everyInterface = env.host === '0.0.0.0' || env.host === '::';
  console.log(
    [
      `\nFootnote playground: ${playground.url}`,
      ...(everyInterface ? [`  (listening on every interface; on this machine open http://127.0.0.1:${playground.listeningPort})`] : []),
      '  Open it in a browser and ask the bot a question about the article.',
      '  To connect to real Discord instead, put DISCORD_TOKEN and CLIENT_ID in .env (see .env.example) and run npm start again.',
      '  Press Ctrl-C to stop.',
    ].join('\n'),
  );
}
