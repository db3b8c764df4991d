import { ApplicationCommandType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';

export const aboutCommand = {
  type: ApplicationCommandType.ChatInput,
  name: 'about',
  description: 'Which articles are loaded, how many sentences, which model, when the index was built.',
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
