/**
 * Interactions the stand-in has dispatched, and their first response (`POST /interactions/:id/:token/callback`)
 * with Discord's rules: one acknowledgement, within the response window, of a type that fits the interaction.
 */
import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type APIApplicationCommandOptionChoice,
  type APIMessage,
  type RESTPostAPIInteractionCallbackWithResponseResult,
} from 'discord-api-types/v10';
import { assertValid, invalidForm, RestError } from './errors.js';
import { LIMITS, validateMessageBody } from './message-rules.js';
import type { InteractionOrigin, MessageBody, MessageEdit, MessageStore } from './messages.js';
import type { Reply } from './reply.js';
import type { StandInUser } from './types.js';
import { field, items } from './wire.js';

export interface InteractionState extends InteractionOrigin {
  token: string;
  createdAt: number;
  channelId: string;
  /** Callback type sent, once acknowledged. */
  response?: InteractionResponseType;
  respondedAt?: number;
  /** Message id that `@original` refers to. */
  originalId?: string;
  /** For component interactions: the message the component was on. */
  sourceMessageId?: string;
  autocompleteChoices?: APIApplicationCommandOptionChoice[];
}

/** What a callback did: the response type it was, and the message it created or updated. */
interface Acknowledgement {
  type: InteractionResponseType;
  message?: APIMessage;
}

export class Interactions {
  private readonly byToken = new Map<string, InteractionState>();

  constructor(
    private readonly messages: MessageStore,
    private readonly bot: StandInUser,
    private readonly responseWindowMs: number,
  ) {}

  open(state: InteractionState): void {
    this.byToken.set(state.token, state);
  }

  get(token: string): InteractionState | undefined {
    return this.byToken.get(token);
  }

  /** The message `@original` points at now. */
  original(token: string): APIMessage | undefined {
    const id = this.byToken.get(token)?.originalId;
    return id ? this.messages.get(id) : undefined;
  }

  callback(id: string, token: string, query: Record<string, string>, body: unknown): Reply {
    const state = this.byToken.get(token);
    if (!state || state.id !== id) throw new RestError(404, 10062, 'Unknown interaction');
    if (state.response !== undefined) throw new RestError(400, 40060, 'Interaction has already been acknowledged.');
    if (Date.now() - state.createdAt > this.responseWindowMs) throw new RestError(404, 10062, 'Unknown interaction');
    const { type, message } = this.acknowledge(state, field(body, 'type'), field(body, 'data') ?? {});
    state.response = type;
    state.respondedAt = Date.now();
    if (query.with_response !== 'true') return { status: 204 };
    return { status: 200, body: this.callbackResult(state, type, message) };
  }

  private acknowledge(state: InteractionState, type: unknown, data: unknown): Acknowledgement {
    switch (type) {
      case InteractionResponseType.Pong:
        throw new RestError(400, 50035, 'Invalid Form Body');
      case InteractionResponseType.ChannelMessageWithSource:
        return { type, message: this.reply(state, data) };
      case InteractionResponseType.DeferredChannelMessageWithSource:
        return { type, message: this.deferReply(state, data) };
      case InteractionResponseType.DeferredMessageUpdate:
        this.updateSource(state);
        return { type };
      case InteractionResponseType.UpdateMessage:
        return { type, message: this.updateSource(state, data) };
      case InteractionResponseType.ApplicationCommandAutocompleteResult:
        this.autocompleteResult(state, data);
        return { type };
      default:
        return invalidForm([`type: unsupported interaction response type ${String(type)}`]);
    }
  }

  private reply(state: InteractionState, data: unknown): APIMessage {
    if (state.type === InteractionType.ApplicationCommandAutocomplete) invalidForm(['type: autocomplete needs type 8']);
    const problems = validateMessageBody(data);
    if (isEmptyMessage(data)) problems.push('data.content: Cannot send an empty message');
    assertValid(problems);
    // Checked above: from here on `data` has a message body's shape.
    const message = this.messages.create(state.channelId, this.bot, data as MessageBody, { interaction: state });
    state.originalId = message.id;
    return message;
  }

  /** The "thinking…" placeholder: an empty loading message, ephemeral when asked. */
  private deferReply(state: InteractionState, data: unknown): APIMessage {
    const flags = (Number(field(data, 'flags') ?? 0) & MessageFlags.Ephemeral) | MessageFlags.Loading;
    const message = this.messages.create(state.channelId, this.bot, { content: '', flags }, { interaction: state });
    state.originalId = message.id;
    return message;
  }

  /** Component interactions answer by updating the message the component is on (`data` given: at once). */
  private updateSource(state: InteractionState, data?: unknown): APIMessage | undefined {
    const isComponent = state.type === InteractionType.MessageComponent || state.type === InteractionType.ModalSubmit;
    if (!isComponent) invalidForm(['type: only component interactions can update a message']);
    state.originalId = state.sourceMessageId;
    if (data === undefined) return undefined;
    assertValid(validateMessageBody(data));
    return this.messages.edit(state.sourceMessageId!, data as MessageEdit);
  }

  private autocompleteResult(state: InteractionState, data: unknown): void {
    if (state.type !== InteractionType.ApplicationCommandAutocomplete) invalidForm(['type: not an autocomplete interaction']);
    const choices = items(field(data, 'choices'));
    if (choices.length > LIMITS.choices) invalidForm([`data.choices: Must be ${LIMITS.choices} or fewer in length.`]);
    choices.forEach((choice, i) => {
      const name = field(choice, 'name');
      const value = field(choice, 'value');
      if (typeof name !== 'string' || name.length < 1 || name.length > LIMITS.choiceName)
        invalidForm([`data.choices.${i}.name: Must be between 1 and ${LIMITS.choiceName} in length.`]);
      if (typeof value === 'string' && value.length > LIMITS.choiceValue) invalidForm([`data.choices.${i}.value: too long`]);
    });
    state.autocompleteChoices = choices as APIApplicationCommandOptionChoice[];
  }

  private callbackResult(
    state: InteractionState,
    type: InteractionResponseType,
    message: APIMessage | undefined,
  ): RESTPostAPIInteractionCallbackWithResponseResult {
    const original = state.originalId ? this.messages.get(state.originalId) : undefined;
    const flags = original?.flags ?? 0;
    return {
      interaction: {
        id: state.id,
        type: state.type,
        ...(original
          ? {
              response_message_id: original.id,
              response_message_loading: (flags & MessageFlags.Loading) !== 0,
              response_message_ephemeral: (flags & MessageFlags.Ephemeral) !== 0,
            }
          : {}),
      },
      resource: message ? { type, message } : { type },
    };
  }
}

function isEmptyMessage(data: unknown): boolean {
  return !field(data, 'content') && !items(field(data, 'embeds')).length && !items(field(data, 'components')).length;
}
