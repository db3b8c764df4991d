/**
 * `npm run deploy-commands`: registers the command definitions over REST (no gateway, no engine).
 * To GUILD_ID when set (instant, for development), otherwise globally.
 */
import { pathToFileURL } from 'node:url';
import { REST } from 'discord.js';
import { Routes, type RESTPostAPIApplicationCommandsJSONBody, type RESTPutAPIApplicationCommandsResult } from 'discord-api-types/v10';
import { refusalText } from './deploy-refusal.js';
import { commands } from './commands/index.js';

export async function deployCommands(options: {
  token: string;
  clientId: string;
  guildId?: string;
  apiBase?: string;
  /** What to register; the bot's own commands unless given. */
  definitions?: readonly RESTPostAPIApplicationCommandsJSONBody[];
}): Promise<{ scope: 'guild' | 'global'; registered: RESTPutAPIApplicationCommandsResult }> {
  const rest = new REST(options.apiBase ? { api: options.apiBase } : {}).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.clientId, options.guildId)
    : Routes.applicationCommands(options.clientId);
  const registered = (await rest.put(route, { body: options.definitions ?? commands })) as RESTPutAPIApplicationCommandsResult;
  return { scope: options.guildId ? 'guild' : 'global', registered };
}

async function main() {
  const { config } = await import('dotenv');
  config({ quiet: true });
  const { loadDiscordEnvOrExit } = await import('./env.js');
  const env = loadDiscordEnvOrExit();
  try {
    const { scope, registered } = await deployCommands(env);
    console.log(
      `Registered ${registered.length} command(s) ${scope === 'guild' ? `to guild ${env.guildId} (available now)` : 'globally (may take up to an hour to appear)'}: ${registered.map((c) => c.name).join(', ')}`,
    );
  } catch (error) {
    console.error(deployFailureText(error));
    process.exit(1);
  }
}

/** What `npm run deploy-commands` prints when the registration failed: the cause and what to do. */
export function deployFailureText(error: unknown, definitions: readonly RESTPostAPIApplicationCommandsJSONBody[] = commands): string {
  const status = (error as { status?: number }).status;
  if (status === 401) return 'Discord rejected DISCORD_TOKEN (401). Reset the token in the Developer Portal and update .env.';
  if (status === 403) return 'Discord refused (403): check CLIENT_ID, and that the bot was invited to GUILD_ID with the applications.commands scope.';
  const refused = refusalText(error, definitions);
  return refused ? `Could not register commands:\n${refused}` : `Could not register commands: ${(error as Error).message}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
