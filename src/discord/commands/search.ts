/** `/search`: the sentences that best match some words, with their scores. */
import type { ChatInputCommandInteraction } from 'discord.js';
import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { BotDeps } from '../deps.js';
import { renderSearch } from '../render/search.js';
import type { Reply } from '../reply.js';
import { placeOf, scopeOf } from '../scope.js';

const RESULTS = 5;

export const data = {
  type: ApplicationCommandType.ChatInput,
  name: 'search',
  description: 'Show the article sentences that best match some words, with their scores.',
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'query',
      description: 'Words or a phrase to look for',
      required: true,
      min_length: 1,
      max_length: 300,
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<Reply> {
  const query = interaction.options.getString('query', true);
  await interaction.deferReply();
  const results = await deps.service.search(query, RESULTS, scopeOf(deps, placeOf(interaction)));
  return renderSearch(query, results, deps.articles());
}
