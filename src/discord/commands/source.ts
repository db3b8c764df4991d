/** `/source`: a cited sentence shown in its paragraph; the id box suggests citations as the user types. */
import type { ApplicationCommandOptionChoiceData, AutocompleteInteraction, ChatInputCommandInteraction } from 'discord.js';
import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { passageRef } from '../../article/ref.js';
import type { Passage } from '../../types.js';
import type { BotDeps } from '../deps.js';
import { LIMITS } from '../limits.js';
import { articleLabel } from '../render/embed.js';
import { renderSource } from '../render/source.js';
import { neutraliseMentions, truncateAtWord } from '../render/text.js';
import type { Reply } from '../reply.js';
import { placeOf, scopeOf } from '../scope.js';

const ID_MAX_LENGTH = 100;

export const data = {
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
      max_length: ID_MAX_LENGTH,
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<Reply> {
  const ref = interaction.options.getString('id', true).trim();
  const scope = scopeOf(deps, placeOf(interaction));
  const view = deps.service.source(ref, scope);
  if (view) return renderSource(ref, view);
  const shown = neutraliseMentions(truncateAtWord(ref.replace(/[`\n]/g, "'"), 60));
  const matches = deps.service.matches(ref, scope);
  if (matches.length > 1) return { content: ambiguousRef(shown, matches, deps), ephemeral: true };
  return {
    content: `There is no sentence \`${shown}\` in the article. Citation ids look like \`11.1\` (paragraph.sentence); start typing in the id box to pick one.`,
    ephemeral: true,
  };
}

/** A bare id that several articles have: name them, and the refs that pick one. */
function ambiguousRef(shown: string, matches: Passage[], deps: BotDeps): string {
  const info = deps.articles();
  const lines = matches.slice(0, 10).map((p) => `• ${articleLabel(p.article, info, false)}: \`${passageRef(p)}\``);
  return [`\`${shown}\` is in ${matches.length} articles; which one? Pick it from the suggestions in the id box, or use:`, ...lines].join('\n');
}

/** Citations whose id or text matches what is typed; a ref too long to be sent back as the option's value is left out. */
export function autocomplete(interaction: AutocompleteInteraction, deps: BotDeps): ApplicationCommandOptionChoiceData[] {
  const focused = String(interaction.options.getFocused());
  return deps.service
    .suggest(focused, LIMITS.choices, scopeOf(deps, placeOf(interaction)))
    .slice(0, LIMITS.choices)
    .filter((s) => s.ref.length <= ID_MAX_LENGTH)
    .map((s) => ({ name: truncateAtWord(s.label.replace(/\s+/g, ' ').trim(), LIMITS.choiceName) || s.ref, value: s.ref }));
}
