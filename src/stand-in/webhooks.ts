/**
 * The application's webhook for an interaction (`/webhooks/:app/:token`): followups, and reading, editing or
 * deleting `@original` or a followup. Usable for 15 minutes after the interaction, once it was acknowledged.
 */
import { RestError, assertValid } from './errors.js';
import type { InteractionState, Interactions } from './interactions.js';
import { validateMessageBody } from './message-rules.js';
import type { MessageBody, MessageEdit, MessageStore } from './messages.js';
import type { Reply } from './reply.js';
import type { StandInUser } from './types.js';

const WEBHOOK_LIFETIME_MS = 15 * 60_000;

export class Webhooks {
  constructor(
    private readonly interactions: Interactions,
    private readonly messages: MessageStore,
    private readonly bot: StandInUser,
  ) {}

  followup(app: string, token: string, body: unknown): Reply {
    const state = this.interaction(app, token);
    if (!state.response) throw new RestError(404, 10015, 'Unknown Webhook');
    assertValid(validateMessageBody(body));
    // Checked above: from here on `body` has a message body's shape.
    return { status: 200, body: this.messages.create(state.channelId, this.bot, body as MessageBody, { webhook: true }) };
  }

  message(method: string, app: string, token: string, messageRef: string, body: unknown): Reply {
    const state = this.interaction(app, token);
    const id = messageRef === '@original' ? state.originalId : messageRef;
    const message = id ? this.messages.get(id) : undefined;
    if (!message) throw new RestError(404, 10008, 'Unknown Message');
    if (method === 'GET') return { status: 200, body: message };
    if (method === 'DELETE') {
      this.messages.delete(message);
      return { status: 204 };
    }
    assertValid(validateMessageBody(body));
    return { status: 200, body: this.messages.edit(message.id, body as MessageEdit) };
  }

  private interaction(app: string, token: string): InteractionState {
    if (app !== this.bot.id) throw new RestError(404, 10015, 'Unknown Webhook');
    const state = this.interactions.get(token);
    if (!state || Date.now() - state.createdAt > WEBHOOK_LIFETIME_MS) throw new RestError(404, 10015, 'Unknown Webhook');
    return state;
  }
}
