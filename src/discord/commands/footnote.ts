/** `/footnote settings`: how Footnote behaves in this server, changed by members who may manage it. */
import type { ChatInputCommandInteraction } from 'discord.js';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { BotDeps } from '../deps.js';
import type { Reply } from '../reply.js';
import type { GuildSettings } from '../settings.js';

export const data = {
  type: ApplicationCommandType.ChatInput,
  name: 'footnote',
  description: "Footnote's settings for this server.",
  contexts: [InteractionContextType.Guild],
  default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'settings',
      description: 'Show the settings, or change the ones you give.',
      options: [
        {
          type: ApplicationCommandOptionType.Boolean,
          name: 'threads',
          description: 'Answer each mention in a new thread named after the question; mentions there are follow-ups.',
          required: false,
        },
      ],
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<Reply> {
  if (!interaction.inGuild()) return { content: 'Settings belong to a server: run this in one.', ephemeral: true };
  const threads = interaction.options.getBoolean('threads');
  const settings = threads === null ? deps.settings.get(interaction.guildId) : await deps.settings.update(interaction.guildId, { threads });
  deps.logger.info({ cmd: 'footnote settings', guild: interaction.guildId, changed: threads !== null, ...settings }, 'settings');
  return { content: settingsText(settings, threads !== null), ephemeral: true };
}

export function settingsText(settings: GuildSettings, changed: boolean): string {
  const threads = settings.threads
    ? '**Threads: on.** A mention gets its answer in a new thread named after the question; a mention or a reply to an answer inside it is a follow-up. Footnote needs the Create Public Threads permission in the channel (without it, it answers in the channel).'
    : '**Threads: off.** A mention gets its answer as a reply in the channel; a reply to an answer is a follow-up.';
  return `${changed ? 'Saved. ' : ''}${threads}`;
}
