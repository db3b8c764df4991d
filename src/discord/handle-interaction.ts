/**
 * The one way in for interactions: find the handler, send what it returns the way the interaction still allows,
 * and turn a failure into a short ephemeral message (the user's own mistake as it is, ours as a vague apology).
 * Never silent: when the answer itself cannot be delivered, the asker is told why, privately, and the operator gets
 * one log line naming the missing permission (or what was gone).
 */
import { MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import { deliveryFailure } from './delivery-failure.js';
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
    if (!reply || !interaction.isRepliable()) return;
    await send(interaction, reply).catch((error: unknown) => undelivered(interaction, reply, error, deps.logger));
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
  const userError = isUserError(error);
  if (!userError) logger.error({ err: loggableError(error), what, interactionId }, 'handler failed');
  try {
    // The asker's own mistake answers the question where it was asked; a failure of ours is told to them alone.
    if (userError && (interaction.deferred || interaction.replied)) await interaction.editReply({ content: failureText(error), embeds: [], components: [], allowedMentions: NO_MENTIONS });
    else await tellPrivately(interaction, failureText(error));
  } catch (replyError) {
    logger.error({ err: loggableError(replyError), what, interactionId }, 'could not report the failure to the user');
  }
}

/** The answer was ready but Discord refused it: one line for the operator, the reason for the asker alone. */
async function undelivered(interaction: RepliableInteraction, reply: Reply, error: unknown, logger: BotLogger): Promise<void> {
  const failure = deliveryFailure(error, reply);
  const interactionId = interaction.id;
  const what = interaction.isCommand() ? interaction.commandName : 'component';
  const missing = failure?.permission ? `missing permission: ${failure.permission}` : (failure?.reason ?? 'Discord refused it');
  logger.warn(
    { interactionId, what, ...(failure?.permission ? { permission: failure.permission } : {}), ...(failure ? {} : { err: loggableError(error) }) },
    `could not deliver the answer (${missing}); telling the asker privately`,
  );
  const reason = failure?.reason ?? 'Discord did not accept it; please try again in a moment';
  try {
    await tellPrivately(interaction, `I couldn't post the answer here: ${reason}.`, { retry: true });
  } catch (replyError) {
    logger.error({ err: loggableError(replyError), what, interactionId }, 'could not report the failure to the user');
  }
}

/**
 * `content` where only the asker sees it. A public "thinking…" placeholder cannot turn ephemeral, so the reason goes
 * in an ephemeral follow-up and the placeholder is removed; an ephemeral one is edited, unless that edit is what
 * failed (`retry`), when a follow-up is the other way left.
 */
async function tellPrivately(interaction: RepliableInteraction, content: string, options: { retry?: boolean } = {}): Promise<void> {
  const body = { content, embeds: [], components: [], allowedMentions: NO_MENTIONS };
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
    return;
  }
  if (interaction.ephemeral && !options.retry) {
    await interaction.editReply(body);
    return;
  }
  await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
  // The public placeholder would stay "thinking…" in the channel (already gone when its deletion is what failed).
  if (interaction.deferred && !interaction.ephemeral && interaction.isCommand()) await interaction.deleteReply().catch(() => undefined);
}
