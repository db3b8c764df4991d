/** `/check claim:<text>`: the same verdict as "Check against article", for a claim typed in. Private to the caller. */
import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { BotDeps } from '../deps.js';
import { renderClaimCheck } from '../render/claim-check.js';
import { cooldownText, type Reply } from '../reply.js';
import { placeOf, scopeOf } from '../scope.js';
import { ASK_OPTION_MAX_LENGTH } from './ask.js';

export const data = {
  type: ApplicationCommandType.ChatInput,
  name: 'check',
  description: 'Check a claim against the article: supported, contradicted or not mentioned, with the quote.',
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'claim',
      description: 'The claim, e.g. "About 500 journalists were outside the palace"',
      required: true,
      min_length: 2,
      max_length: ASK_OPTION_MAX_LENGTH,
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<Reply> {
  const claim = interaction.options.getString('claim', true);
  const wait = deps.cooldown.take(interaction.user.id);
  if (wait > 0) return { content: cooldownText(wait), ephemeral: true };
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const check = await deps.service.check(claim, scopeOf(deps, placeOf(interaction)));
  deps.logger.info({ cmd: 'check', verdict: check.verdict, parts: check.parts.length }, 'checked');
  return renderClaimCheck(check, deps.articles());
}
