/** `npm run start:sharded`: the bot as discord.js shards under a ShardingManager, each a process running dist/main.js. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { config as loadDotenv } from 'dotenv';
import { runShards } from './discord/sharding.js';

loadDotenv({ quiet: true });
void runShards(path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.js'));
