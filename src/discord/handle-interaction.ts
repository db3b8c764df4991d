/**
 * The one way in for interactions: find the handler, send what it returns the way the interaction still allows,
 * and turn a failure into a short ephemeral message (the user's own mistake as it is, ours as a vague apology).
 */
import { MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import { isUserError } from '../errors.js';
import type { ChatInputCommand, MessageCommand } from './commands/command.js';
import { chatInputCommands, messageCommands } from './commands/index.js';
import type { BotDeps } from './deps.js';
import { handleButton } from './handle-button.js';
import { loggableError, type BotLogger } from './log.js';
import { failureText, NO_MENTIONS, type Reply } from './reply.js';

const chatInputByName = new Map<string, ChatInputCommand>(chatInputCommands.map((command) => [command.data.name, command]));
const messageByName = new Map<string, MessageCommand>(messageCommands.map((command) => [command.data.name, command]));

export async function handleInteraction(interaction: Interaction, deps: BotDeps): Promise<void> {
  try {
    if (interaction.isAutocomplete()) {
      const command = chatInputByName.get(interaction.commandName);
      await interaction.respond(command?.autocomplete?.(interaction, deps) ?? []);
      return;
    }
    const reply = await route(interaction, deps);
    if (reply && interaction.isRepliable()) await send(interaction, reply);
  } catch (error) {
    if (interaction.isRepliable()) await fail(interaction, error, interaction.isCommand() ? interaction.commandName : 'component', deps.logger);
    else deps.logger.error({ err: loggableError(error), interactionId: interaction.id }, 'interaction failed');
  }
}

/** The handler's reply; undefined for an interaction the bot has nothing to say to. */
async function route(interaction: Interaction, deps: BotDeps): Promise<Reply | undefined> {
  if (interaction.isChatInputCommand()) {
    const command = chatInputByName.get(interaction.commandName);
    return command ? command.execute(interaction, deps) : { content: 'Unknown command.', ephemeral: true };
  }
  if (interaction.isMessageContextMenuCommand()) return messageByName.get(interaction.commandName)?.execute(interaction, deps);
  if (interaction.isButton()) return handleButton(interaction, deps);
  return undefined;
}

/** Edit the deferred reply, follow up an answered one, or reply for the first time. */
async function send(interaction: RepliableInteraction, reply: Reply): Promise<void> {
  const { ephemeral, ...body } = reply;
  const message = { ...body, allowedMentions: NO_MENTIONS };
  const flags = ephemeral ? { flags: MessageFlags.Ephemeral as const } : {};
  if (interaction.deferred) await interaction.editReply(message);
  else if (interaction.replied) await interaction.followUp({ ...message, ...flags });
  else await interaction.reply({ ...message, ...flags });
}

async function fail(interaction: RepliableInteraction, error: unknown, what: string, logger: BotLogger): Promise<void> {
  const interactionId = interaction.id;
  if (!isUserError(error)) logger.error({ err: loggableError(error), what, interactionId }, 'handler failed');
  const body = { content: failureText(error), embeds: [], components: [], allowedMentions: NO_MENTIONS };
  try {
    if (interaction.deferred || interaction.replied) await interaction.editReply(body);
    else await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
  } catch (replyError) {
    logger.error({ err: loggableError(replyError), what, interactionId }, 'could not report the failure to the user');
  }
}
