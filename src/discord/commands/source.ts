import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';

export const sourceCommand = {
  type: ApplicationCommandType.ChatInput,
  name: 'source',
  description: 'Show a cited sentence in its paragraph, e.g. 11.1.',
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'id',
      description: 'Citation id such as 11.1 (paragraph.sentence); start typing to search',
      required: true,
      autocomplete: true,
      max_length: 100,
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
