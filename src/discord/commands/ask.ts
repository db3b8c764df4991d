/** `/ask`: a question answered with verbatim quotes and numbered citations, and the buttons under it. */
import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { MAX_QUESTION_LENGTH } from '../../question.js';
import { answerQuestion } from '../answer-question.js';
import type { BotDeps } from '../deps.js';
import { cooldownText, type Reply } from '../reply.js';
import { placeOf, scopeOf } from '../scope.js';

/** How much Discord's box lets a user type: the engine's own limit, so /ask, mentions and the CLI agree. */
export const ASK_OPTION_MAX_LENGTH = MAX_QUESTION_LENGTH;

export const data = {
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
      max_length: ASK_OPTION_MAX_LENGTH,
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      name: 'private',
      description: 'Only you see the answer (default: everyone in the channel sees it).',
      required: false,
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<Reply> {
  const question = interaction.options.getString('question', true);
  const isPrivate = interaction.options.getBoolean('private') ?? false;
  const wait = deps.cooldown.take(interaction.user.id);
  if (wait > 0) return { content: cooldownText(wait), ephemeral: true };
  await interaction.deferReply(isPrivate ? { flags: MessageFlags.Ephemeral } : {});
  const { answer, message } = await answerQuestion(question, deps, scopeOf(deps, placeOf(interaction)));
  deps.logger.info({ cmd: 'ask', answered: answer.answered, citations: answer.citations.length, private: isPrivate }, 'answered');
  return message;
}
