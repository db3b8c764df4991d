/**
 * What a guild member does in Discord's client, for tests and the playground: run a slash command, type into an
 * autocompleted option, use a message context menu, click a button, post a message. Each one is refused with a
 * `StandInError` where Discord's client would not let the member do it.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  PermissionFlagsBits,
  type APIApplicationCommand,
  type APIAttachment,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataSubcommandOption,
  type APIApplicationCommandOptionChoice,
  type APIButtonComponentWithCustomId,
  type APIInteraction,
  type APIInteractionDataResolvedChannel,
  type APIMessage,
  type APIPublicThreadChannel,
} from 'discord-api-types/v10';
import { isStandInAttachment, type AttachmentStore, type StandInAttachment } from './attachments.js';
import type { CommandRegistry } from './commands.js';
import { StandInError } from './errors.js';
import type { Gateway } from './gateway.js';
import type { GuildFixture } from './guild.js';
import { newInteraction, type GuildInteractionBase } from './interaction-payloads.js';
import type { InteractionState, Interactions } from './interactions.js';
import type { MessageBody, MessageStore } from './messages.js';
import { snowflake } from './snowflake.js';
import type { InteractionHandle, InvokeOptions, OptionValues, PostOptions } from './types.js';
import { waitFor } from './wait-for.js';

type BuildPayload = (base: GuildInteractionBase) => APIInteraction;

interface OpenedInteraction {
  payload: APIInteraction;
  state: InteractionState;
}

export interface MemberWorld {
  guild: GuildFixture;
  commands: CommandRegistry;
  messages: MessageStore;
  interactions: Interactions;
  gateway: Gateway;
  responseWindowMs: number;
  attachments: AttachmentStore;
}

export class MemberActions {
  constructor(private readonly world: MemberWorld) {}

  /** Invoke a registered slash command as a guild member would; `footnote settings` names a subcommand. */
  sendSlashCommand(name: string, options: OptionValues = {}, opts: InvokeOptions = {}): InteractionHandle {
    const { guild, commands } = this.world;
    const [commandName, subcommand] = name.split(' ');
    const command = commands.find(commandName!, ApplicationCommandType.ChatInput);
    checkPermissions(command, opts.permissions ?? guild.permissionsOf(guild.resolveUser(opts.user)));
    // Attached files are uploaded first, as Discord's client does, and arrive as ids with `resolved.attachments`.
    const resolved: Record<string, APIAttachment> = {};
    const upload = (file: StandInAttachment) => {
      const attachment = this.world.attachments.add(file);
      resolved[attachment.id] = attachment;
      return attachment.id;
    };
    // A channel option arrives as an id, with the channel in `resolved.channels`, as the client's picker sends it.
    const channels: Record<string, APIInteractionDataResolvedChannel> = {};
    const pick = (id: string, allowed: readonly ChannelType[] | undefined) => {
      const channel = guild.hasChannel(id) && !guild.dmChannels.has(id) ? (guild.isForum(id) ? guild.forum() : guild.channel(id)) : undefined;
      if (!channel) throw new StandInError(`Unknown channel ${id}`);
      if (allowed && !allowed.includes(channel.type)) throw new StandInError(`Channel ${id} (type ${channel.type}) is not one the option offers`);
      channels[id] = resolvedChannel(channel);
      return id;
    };
    const built = subcommand ? [subcommandOption(command, subcommand, options, upload, undefined, pick)] : commandOptions(command, options, undefined, upload, pick);
    const resolvedData = { ...(Object.keys(resolved).length ? { attachments: resolved } : {}), ...(Object.keys(channels).length ? { channels } : {}) };
    return this.dispatch(InteractionType.ApplicationCommand, opts, (base) => ({
      ...base,
      type: InteractionType.ApplicationCommand,
      data: {
        id: command.id,
        name: command.name,
        type: ApplicationCommandType.ChatInput,
        ...(command.guild_id ? { guild_id: command.guild_id } : {}),
        options: built,
        ...(Object.keys(resolvedData).length ? { resolved: resolvedData } : {}),
      },
    }));
  }

  /** Send an autocomplete request for `focused` while the user types; resolves with the choices returned. */
  async sendAutocomplete(
    name: string,
    focused: string,
    value: string,
    others: OptionValues = {},
    opts: InvokeOptions & { timeoutMs?: number } = {},
  ): Promise<APIApplicationCommandOptionChoice[]> {
    const [commandName, subcommand] = name.split(' ');
    const command = this.world.commands.find(commandName!, ApplicationCommandType.ChatInput);
    const sub = subcommand ? command.options?.find((o) => o.type === ApplicationCommandOptionType.Subcommand && o.name === subcommand) : undefined;
    const defs = sub && sub.type === ApplicationCommandOptionType.Subcommand ? (sub.options ?? []) : (command.options ?? []);
    const def = defs.find((o) => o.name === focused);
    if (!def || !('autocomplete' in def) || !def.autocomplete)
      throw new StandInError(`Option "${focused}" of /${name} has no autocomplete`);
    const values = { ...others, [focused]: value };
    const { state } = this.open(InteractionType.ApplicationCommandAutocomplete, opts, (base) => ({
      ...base,
      type: InteractionType.ApplicationCommandAutocomplete,
      data: {
        id: command.id,
        name: command.name,
        type: ApplicationCommandType.ChatInput,
        options: subcommand ? [subcommandOption(command, subcommand, values, undefined, focused)] : commandOptions(command, values, focused),
      },
    }));
    const timeoutMs = opts.timeoutMs ?? this.world.responseWindowMs;
    return waitFor(() => state.autocompleteChoices, { timeoutMs, what: `autocomplete choices for /${name}` });
  }

  /** Use a message context-menu command on a stored message. */
  sendMessageContextMenu(name: string, messageId: string, opts: InvokeOptions = {}): InteractionHandle {
    const { guild, commands } = this.world;
    const command = commands.find(name, ApplicationCommandType.Message);
    checkPermissions(command, opts.permissions ?? guild.permissionsOf(guild.resolveUser(opts.user)));
    if (command.contexts && !command.contexts.includes(InteractionContextType.Guild))
      throw new StandInError(`"${name}" is not available in servers`);
    const target = this.message(messageId);
    return this.dispatch(InteractionType.ApplicationCommand, { ...opts, channelId: target.channel_id }, (base) => ({
      ...base,
      type: InteractionType.ApplicationCommand,
      data: {
        id: command.id,
        name: command.name,
        type: ApplicationCommandType.Message,
        target_id: target.id,
        // Interactions carry the target's content even without the Message Content intent.
        resolved: { messages: { [target.id]: target } },
      },
    }));
  }

  /** The buttons on a stored message that send the bot an interaction (link and premium buttons do not). */
  buttonsOf(messageId: string): APIButtonComponentWithCustomId[] {
    return (this.message(messageId).components ?? []).flatMap((row) =>
      row.type === ComponentType.ActionRow
        ? row.components.filter((c): c is APIButtonComponentWithCustomId => c.type === ComponentType.Button && 'custom_id' in c)
        : [],
    );
  }

  /** Click a button on a stored message, by custom_id or by (partial) label. */
  clickButton(messageId: string, customIdOrLabel: string, opts: InvokeOptions = {}): InteractionHandle {
    const message = this.message(messageId);
    const buttons = this.buttonsOf(messageId);
    const button = buttons.find((b) => b.custom_id === customIdOrLabel) ?? buttons.find((b) => b.label?.includes(customIdOrLabel));
    if (!button) throw new StandInError(`Message ${messageId} has no button "${customIdOrLabel}"`);
    if (button.disabled) throw new StandInError(`Button "${customIdOrLabel}" is disabled`);
    const build = (base: GuildInteractionBase): APIInteraction => ({
      ...base,
      type: InteractionType.MessageComponent,
      data: { custom_id: button.custom_id, component_type: ComponentType.Button },
      message,
    });
    return this.dispatch(InteractionType.MessageComponent, { ...opts, channelId: message.channel_id }, build, message.id);
  }

  /** A member posts a message; `<@id>` in the text mentions; a reply pings the replied-to author unless told not to. */
  sendMessage(content: string, opts: PostOptions = {}): APIMessage {
    const { guild, messages, gateway } = this.world;
    const user = guild.resolveUser(opts.user);
    const channelId = opts.channelId ?? guild.channelId;
    if (!guild.hasChannel(channelId)) throw new StandInError(`Unknown channel ${channelId}: the guild has #news and its thread`);
    if (guild.isForum(channelId)) throw new StandInError('A forum takes posts, not messages: use createForumPost');
    const reference = opts.replyTo === undefined ? undefined : this.message(opts.replyTo);
    if (reference && reference.channel_id !== channelId) throw new StandInError(`Message ${reference.id} is in another channel: a reply stays in its channel`);
    const body = reference
      ? { content, message_reference: { message_id: reference.id }, allowed_mentions: { parse: ['users', 'roles', 'everyone'] as const, replied_user: opts.pingReplied ?? true } }
      : { content };
    const message = messages.create(channelId, user, body as MessageBody, { reference });
    gateway.dispatchMessageCreate(message, user);
    return message;
  }

  /**
   * A member posts in the forum: Discord creates the thread and its starter message (same id) together, and sends
   * THREAD_CREATE, then MESSAGE_CREATE for the starter in the new thread.
   */
  createForumPost(title: string, content: string, opts: Pick<PostOptions, 'user'> = {}): { thread: APIPublicThreadChannel; message: APIMessage } {
    const { guild, messages, gateway } = this.world;
    const user = guild.resolveUser(opts.user);
    if (!title.trim() || title.length > 100) throw new StandInError('A post title is 1 to 100 characters');
    if (!content.trim()) throw new StandInError('A forum post needs a message');
    const id = snowflake();
    const thread = guild.startForumPost(id, title, user);
    gateway.dispatchRaw('THREAD_CREATE', { ...thread, newly_created: true });
    const message = messages.create(id, user, { content }, { id });
    gateway.dispatchMessageCreate(message, user);
    return { thread, message };
  }

  private message(id: string): APIMessage {
    const message = this.world.messages.get(id);
    if (!message) throw new StandInError(`Unknown message ${id}`);
    return message;
  }

  /**
   * Registers a new interaction and sends it to the bot; `build` adds the type-specific part to the shared base.
   * A component interaction names the message its component is on.
   */
  private open(type: InteractionType, opts: InvokeOptions, build: BuildPayload, sourceMessageId?: string): OpenedInteraction {
    const { base, state } = newInteraction(this.world.guild, type, opts);
    const payload = build(base);
    if (sourceMessageId) state.sourceMessageId = sourceMessageId;
    this.world.interactions.open(state);
    if (opts.reshape) this.world.gateway.dispatchRaw('INTERACTION_CREATE', opts.reshape(structuredClone(payload)));
    else this.world.gateway.dispatchInteractionCreate(payload);
    return { payload, state };
  }

  private dispatch(type: InteractionType, opts: InvokeOptions, build: BuildPayload, sourceMessageId?: string): InteractionHandle {
    const { payload, state } = this.open(type, opts, build, sourceMessageId);
    return { id: state.id, token: state.token, payload };
  }
}

/** Discord's client hides a command from a member without its default permissions (Administrator sees all). */
function checkPermissions(command: APIApplicationCommand, permissions: bigint): void {
  const required = command.default_member_permissions;
  if (required === null || required === undefined) return;
  const needed = BigInt(required);
  if (permissions & PermissionFlagsBits.Administrator) return;
  if ((permissions & needed) !== needed)
    throw new StandInError(`"${command.name}" needs permissions ${required}: Discord would not show it to this member`);
}

/** A subcommand as the client sends it: its name, with its own options inside. */
function subcommandOption(
  command: APIApplicationCommand,
  name: string,
  values: OptionValues,
  upload?: (file: StandInAttachment) => string,
  focused?: string,
  pick?: PickChannel,
): APIApplicationCommandInteractionDataSubcommandOption {
  const def = command.options?.find((o) => o.type === ApplicationCommandOptionType.Subcommand && o.name === name);
  if (!def || def.type !== ApplicationCommandOptionType.Subcommand) throw new StandInError(`/${command.name} has no subcommand "${name}"`);
  const options = commandOptions({ ...command, name: `${command.name} ${name}`, options: def.options ?? [] }, values, focused, upload, pick);
  return { name, type: ApplicationCommandOptionType.Subcommand, options };
}

/** The options payload the client sends for `values`, refusing what its form would not allow. */
function commandOptions(
  command: APIApplicationCommand,
  values: OptionValues,
  focused?: string,
  upload?: (file: StandInAttachment) => string,
  pick?: PickChannel,
): APIApplicationCommandInteractionDataBasicOption[] {
  const defs = command.options ?? [];
  for (const def of defs) {
    if (values[def.name] === undefined && 'required' in def && def.required && def.name !== focused)
      throw new StandInError(`Option "${def.name}" of /${command.name} is required`);
  }
  for (const name of Object.keys(values)) {
    if (!defs.some((d) => d.name === name)) throw new StandInError(`/${command.name} has no option "${name}"`);
  }
  const out: APIApplicationCommandInteractionDataBasicOption[] = [];
  for (const def of defs) {
    const value = values[def.name];
    if (value === undefined) continue;
    const isFocused = def.name === focused;
    if (def.type === ApplicationCommandOptionType.Attachment) {
      if (!isStandInAttachment(value) || !upload) throw new StandInError(`Option "${def.name}" must be a file ({ name, content })`);
      out.push({ name: def.name, type: def.type, value: upload(value) });
      continue;
    }
    if (isStandInAttachment(value)) throw new StandInError(`Option "${def.name}" is not a file option`);
    if (def.type === ApplicationCommandOptionType.Channel) {
      if (typeof value !== 'string' || !pick) throw new StandInError(`Option "${def.name}" must be a channel id`);
      out.push({ name: def.name, type: def.type, value: pick(value, def.channel_types) });
      continue;
    }
    const expected = expectedType(def.type);
    // While typing, the focused option is sent as the text so far, whatever its type.
    if (typeof value !== expected && !(isFocused && typeof value === 'string'))
      throw new StandInError(`Option "${def.name}" must be a ${expected}`);
    if (expected === 'string' && 'max_length' in def && def.max_length && String(value).length > def.max_length)
      throw new StandInError(`Option "${def.name}" is too long: at most ${def.max_length.toLocaleString('en-US')} characters (the Discord client would refuse it)`);
    // The value's JavaScript type was checked against the option's type just above.
    const option = { name: def.name, type: def.type, value, ...(isFocused ? { focused: true } : {}) };
    out.push(option as APIApplicationCommandInteractionDataBasicOption);
  }
  return out;
}

type PickChannel = (id: string, allowed: readonly ChannelType[] | undefined) => string;

/** A channel as `resolved.channels` carries it: its id, name and type, the member's permissions, a thread's parent. */
function resolvedChannel(channel: { id: string; name?: string | null; type: ChannelType; parent_id?: string | null; thread_metadata?: unknown }): APIInteractionDataResolvedChannel {
  return {
    id: channel.id,
    name: channel.name ?? '',
    type: channel.type,
    permissions: '0',
    ...(channel.thread_metadata ? { parent_id: channel.parent_id, thread_metadata: channel.thread_metadata } : {}),
  } as APIInteractionDataResolvedChannel;
}

function expectedType(type: ApplicationCommandOptionType): 'boolean' | 'string' | 'number' {
  if (type === ApplicationCommandOptionType.Boolean) return 'boolean';
  return type === ApplicationCommandOptionType.String ? 'string' : 'number';
}
