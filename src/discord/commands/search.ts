import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';

export const searchCommand = {
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
