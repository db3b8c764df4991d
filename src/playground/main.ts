/** `npm run playground`: the playground even when DISCORD_TOKEN is set. */
import { config as loadDotenv } from 'dotenv';
import { runPlayground } from './run.js';

loadDotenv({ quiet: true });
void runPlayground({ reason: 'forced' });
