/** `/footnote settings`: how Footnote behaves in this server, changed by members who may manage it. */
import type { ChatInputCommandInteraction } from 'discord.js';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
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
        {
          type: ApplicationCommandOptionType.Boolean,
          name: 'answer_here',
          description: 'Make this channel one where every message is a question, no mention needed (or stop that).',
          required: false,
        },
        {
          type: ApplicationCommandOptionType.Channel,
          name: 'channel',
          description: 'The channel or forum answer_here is for (default: this one). In a forum, every new post is a question.',
          channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum],
          required: false,
        },
      ],
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<Reply> {
  if (!interaction.inGuild()) return { content: 'Settings belong to a server: run this in one.', ephemeral: true };
  const threads = interaction.options.getBoolean('threads');
  const answerHere = interaction.options.getBoolean('answer_here');
  const current = deps.settings.get(interaction.guildId);
  const change: Partial<GuildSettings> = {};
  if (threads !== null) change.threads = threads;
  // A forum cannot be run in (only its posts can), so it is named with `channel`.
  const named = interaction.options.getChannel('channel')?.id;
  const target = named ?? interaction.channelId;
  if (answerHere !== null) {
    const others = current.answerChannels.filter((id) => id !== target);
    change.answerChannels = answerHere ? [...others, target] : others;
  }
  const changed = Object.keys(change).length > 0;
  const settings = changed ? await deps.settings.update(interaction.guildId, change) : current;
  deps.logger.info({ cmd: 'footnote settings', guild: interaction.guildId, changed, ...settings }, 'settings');
  const text = settingsText(settings, { changed, channelId: interaction.channelId, messageContent: deps.access.messageContent });
  // `channel` only says which channel `answer_here` is for: alone it changes nothing, and the member should know.
  const unused = named && answerHere === null ? `\n\`channel: <#${named}>\` changed nothing: add \`answer_here: true\` to answer every message there, or \`answer_here: false\` to stop.` : '';
  return { content: `${text}${unused}`, ephemeral: true };
}

export function settingsText(settings: GuildSettings, at: { changed: boolean; channelId: string; messageContent: boolean }): string {
  const threads = settings.threads
    ? '**Threads: on.** A mention gets its answer in a new thread named after the question; a mention or a reply to an answer inside it is a follow-up. Footnote needs the Create Public Threads permission in the channel (without it, it answers in the channel).'
    : '**Threads: off.** A mention gets its answer as a reply in the channel; a reply to an answer is a follow-up.';
  const channels = settings.answerChannels.length
    ? `**Answer channels:** ${settings.answerChannels.map((id) => `<#${id}>`).join(', ')}. Every new message there (in a forum, every new post) is a question.`
    : '**Answer channels: none.** `answer_here: true` makes this channel one (add `channel:` for another channel or a forum).';
  // Without the intent Discord sends no message text except to mentions: say so where it matters.
  const intent =
    settings.answerChannels.length && !at.messageContent
      ? '\n⚠️ Answer channels need the **Message Content** intent (Developer Portal → Bot → Privileged Gateway Intents), which this bot was not granted: until it is, and the bot restarted, only mentions are answered there.'
      : '';
  return `${at.changed ? 'Saved. ' : ''}${threads}\n${channels}${intent}`;
}
