import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';

export const MAX_QUESTION_LENGTH = 500;

export const askCommand = {
  type: ApplicationCommandType.ChatInput,
  name: 'ask',
  description: 'Ask a question about the article; the answer quotes it verbatim with numbered citations.',
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'question',
      description: 'Your question, e.g. "Who leads the Russian delegation?"',
      required: true,
      min_length: 2,
      max_length: MAX_QUESTION_LENGTH,
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      name: 'private',
      description: 'Only you see the answer (default: everyone in the channel sees it).',
      required: false,
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
