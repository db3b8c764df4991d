/**
 * The shape of a command module: `data`, its definition as plain API JSON (what deploy-commands registers), and
 * `execute`, which returns the reply for the router to send. A handler that may take over 3 s defers first.
 */
import type {
  ApplicationCommandOptionChoiceData,
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
} from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody, RESTPostAPIContextMenuApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { BotDeps } from '../deps.js';
import type { Reply } from '../reply.js';

export interface ChatInputCommand {
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<Reply>;
  /** Choices for the option being typed, for commands with an `autocomplete` option. */
  autocomplete?(interaction: AutocompleteInteraction, deps: BotDeps): ApplicationCommandOptionChoiceData[];
}

/** A message context-menu command (right-click a message → Apps). */
export interface MessageCommand {
  readonly data: RESTPostAPIContextMenuApplicationCommandsJSONBody;
  execute(interaction: MessageContextMenuCommandInteraction, deps: BotDeps): Promise<Reply>;
}
