/**
 * `npm start`: Footnote on Discord when a DISCORD_TOKEN is set; without one (or with `--playground`) the local
 * playground, the same bot against the embedded Discord stand-in with a web page. Each loads only what it runs.
 */
import { config as loadDotenv } from 'dotenv';
import { hasDiscordToken } from './discord/env.js';

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const forced = process.argv.slice(2).includes('--playground');
  if (forced || !hasDiscordToken()) {
    const { runPlayground } = await import('./playground/run.js');
    await runPlayground({ reason: forced ? 'forced' : 'no-token' });
    return;
  }
  const { runBot } = await import('./discord/run.js');
  await runBot();
}

void main();
