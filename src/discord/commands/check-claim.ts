/** "Check against article" (right-click a message → Apps): whether the article backs the message's claims. Moderators only. */
import { MessageFlags, type MessageContextMenuCommandInteraction } from 'discord.js';
import { ApplicationCommandType, InteractionContextType, PermissionFlagsBits, type RESTPostAPIContextMenuApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { MAX_QUESTION_LENGTH } from '../../question.js';
import type { BotDeps } from '../deps.js';
import { renderClaimCheck } from '../render/claim-check.js';
import { truncateAtWord } from '../render/text.js';
import type { Reply } from '../reply.js';
import { placeOf, scopeOf } from '../scope.js';

/** Servers only: in DMs there are no permissions, so anyone could run it. */
export const data = {
  type: ApplicationCommandType.Message,
  name: 'Check against article',
  default_member_permissions: PermissionFlagsBits.ManageMessages.toString(),
  contexts: [InteractionContextType.Guild],
} satisfies RESTPostAPIContextMenuApplicationCommandsJSONBody;

export async function execute(interaction: MessageContextMenuCommandInteraction, deps: BotDeps): Promise<Reply> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const claim = interaction.targetMessage.content.trim();
  if (!claim) return { content: 'That message has no text I can check against the article.' };
  // A long message is checked on its opening words rather than refused with an error the moderator cannot fix.
  const check = await deps.service.check(truncateAtWord(claim, MAX_QUESTION_LENGTH).replace(/…$/, ''), scopeOf(deps, placeOf(interaction)));
  deps.logger.info({ cmd: 'check-claim', verdict: check.verdict, parts: check.parts.length }, 'checked');
  return renderClaimCheck(check, deps.articles());
}
