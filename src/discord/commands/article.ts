/**
 * `/article add | list | remove | use`: the articles a server answers from, managed in Discord by its moderators.
 * Added articles belong to the server that added them; `use` picks a channel's (or thread's) articles.
 */
import type { ApplicationCommandOptionChoiceData, AutocompleteInteraction, ChatInputCommandInteraction } from 'discord.js';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { addArticle } from '../article-add.js';
import { articleChoices, listArticles, removeArticle, useArticles } from '../article-manage.js';
import type { BotDeps } from '../deps.js';
import type { Reply } from '../reply.js';

export const data = {
  type: ApplicationCommandType.ChatInput,
  name: 'article',
  description: 'Add, list, remove or choose the articles Footnote answers from in this server.',
  contexts: [InteractionContextType.Guild],
  default_member_permissions: PermissionFlagsBits.ManageMessages.toString(),
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'add',
      description: 'Add an article from a .txt, .md or .html file, or from its web address.',
      options: [
        { type: ApplicationCommandOptionType.Attachment, name: 'file', description: 'The article as a .txt, .md or .html file', required: false },
        { type: ApplicationCommandOptionType.String, name: 'url', description: "The article's web address (https://…)", required: false, max_length: 2000 },
      ],
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'list', description: "This server's articles, and which ones this channel answers from." },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'remove',
      description: 'Remove an article this server added.',
      options: [{ type: ApplicationCommandOptionType.String, name: 'article', description: 'The article (start typing its title)', required: true, autocomplete: true, max_length: 100 }],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'use',
      description: 'Choose the articles this channel (or thread) answers from.',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'articles',
          description: 'Article ids separated by commas, or "all" for every article of this server',
          required: true,
          autocomplete: true,
          max_length: 1000,
        },
      ],
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<Reply> {
  if (!interaction.inGuild()) return { content: 'Articles belong to a server: run this in one.', ephemeral: true };
  // Discord hides the command from members without Manage Messages, but a server can grant it to others; check again.
  if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageMessages)) {
    return { content: 'Managing articles needs the Manage Messages permission.', ephemeral: true };
  }
  switch (interaction.options.getSubcommand()) {
    case 'add':
      return addArticle(interaction, deps);
    case 'list':
      return listArticles(interaction, deps);
    case 'remove':
      return removeArticle(interaction, deps);
    case 'use':
      return useArticles(interaction, deps);
    default:
      return { content: 'Unknown subcommand.', ephemeral: true };
  }
}

export function autocomplete(interaction: AutocompleteInteraction, deps: BotDeps): ApplicationCommandOptionChoiceData[] {
  return articleChoices(interaction, deps);
}

