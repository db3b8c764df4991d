/** `/about`: what the bot has loaded. */
import type { ChatInputCommandInteraction } from 'discord.js';
import { ApplicationCommandType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { BotDeps } from '../deps.js';
import { renderAbout } from '../render/about.js';
import type { Reply } from '../reply.js';
import { placeOf, scopeOf } from '../scope.js';

export const data = {
  type: ApplicationCommandType.ChatInput,
  name: 'about',
  description: 'Which articles are loaded, how many sentences, which model, when the index was built.',
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<Reply> {
  return renderAbout(deps.service.about(scopeOf(deps, placeOf(interaction))));
}
