/**
 * The gateway-packet boundary. discord.js builds its objects from a dispatch inside `WebSocketManager.handlePacket`,
 * which @discordjs/ws calls from a message handler nobody awaits: a packet discord.js cannot build from throws there,
 * becomes an unhandled rejection, and one malformed event would end the process for every user.
 *
 * Why wrapping `client.ws.handlePacket` rather than listening on `raw`: the `raw` event runs before handlePacket but
 * cannot stop it, and a listener cannot see the throw. handlePacket is the one call every dispatch goes through,
 * including the packets queued before READY, which discord.js replays through the same (instance) method. So:
 * - interaction packets (the ones users cause, and the ones another server got wrong) are checked first: a `null`
 *   where Discord omits the field is repaired, a packet discord.js could not build from is dropped with one log line;
 * - every packet then runs inside a try/catch, so a shape nobody foresaw costs that one packet, not the bot.
 */
import { GatewayDispatchEvents, InteractionType, ApplicationCommandType } from 'discord-api-types/v10';
import type { Client } from 'discord.js';
import { loggableError, type BotLogger } from './log.js';

type Packet = { t?: unknown; d?: unknown };
type HandlePacket = (packet?: Packet, shard?: unknown) => boolean;
type Obj = Record<string, unknown>;

const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown): boolean => typeof value === 'string' && value !== '';

export function guardGatewayPackets(client: Client, logger: BotLogger): void {
  const ws = client.ws as unknown as { handlePacket: HandlePacket };
  const handle = ws.handlePacket.bind(ws);
  ws.handlePacket = (packet, shard) => {
    const event = typeof packet?.t === 'string' ? packet.t : undefined;
    const problem = packet ? packetProblem(packet) : undefined;
    if (problem) {
      logger.warn({ event, id: idOf(packet), problem }, 'dropped a malformed gateway event');
      // An empty call still moves discord.js's pre-READY queue along, as the dropped packet would have.
      return handle(undefined, shard);
    }
    try {
      return handle(packet, shard);
    } catch (error) {
      logger.error({ event, id: idOf(packet), err: loggableError(error) }, 'could not handle a gateway event; dropped it');
      return true;
    }
  };
}

function idOf(packet: Packet | undefined): string | undefined {
  const id = isObject(packet?.d) ? packet.d.id : undefined;
  return typeof id === 'string' ? id.slice(0, 32) : undefined;
}

/** Why discord.js could not build from this packet (after repairing what can be), or undefined when it can. */
export function packetProblem(packet: Packet): string | undefined {
  if (packet.t !== GatewayDispatchEvents.InteractionCreate) return undefined;
  return interactionProblem(packet.d);
}

/** The fields discord.js reads unconditionally when it builds an interaction of each type. */
function interactionProblem(d: unknown): string | undefined {
  if (!isObject(d)) return 'no interaction object';
  for (const key of ['id', 'application_id', 'token'] as const) if (!isId(d[key])) return `no ${key}`;
  if (typeof d.type !== 'number') return 'no type';
  const user = isObject(d.user) ? d.user : isObject(d.member) ? d.member.user : undefined;
  if (!isObject(user) || !isId(user.id)) return 'no user or member.user';
  if (d.type === InteractionType.Ping) return undefined;
  if (!isObject(d.data)) return 'no data';
  switch (d.type) {
    case InteractionType.ApplicationCommand:
    case InteractionType.ApplicationCommandAutocomplete:
      return commandProblem(d.data);
    case InteractionType.MessageComponent:
      return componentProblem(d);
    default:
      return undefined;
  }
}

function commandProblem(data: Obj): string | undefined {
  if (!isId(data.id) || typeof data.name !== 'string') return 'no data.id or data.name';
  if (data.options !== undefined && !Array.isArray(data.options)) return 'data.options is not a list';
  if (data.type === ApplicationCommandType.Message || data.type === ApplicationCommandType.User) {
    const table = data.type === ApplicationCommandType.Message ? 'messages' : 'users';
    const resolved = data.resolved;
    if (!isObject(resolved) || !isObject(resolved[table]) || !isId(data.target_id)) return `no data.resolved.${table}`;
    const target = resolved[table][data.target_id as string];
    if (!isObject(target)) return `data.resolved.${table} lacks the target`;
    if (table === 'messages') return messageProblem(target, 'data.resolved.messages[target]');
  }
  return undefined;
}

function componentProblem(d: Obj): string | undefined {
  const data = d.data as Obj;
  if (typeof data.custom_id !== 'string' || typeof data.component_type !== 'number') return 'no data.custom_id or component_type';
  if (!isObject(d.message)) return 'no message';
  return messageProblem(d.message, 'message');
}

/** A message inside an interaction; `thread: null` (Discord omits the field) is repaired to "no thread". */
function messageProblem(message: Obj, where: string): string | undefined {
  if (message.thread === null) delete message.thread;
  if (!isId(message.id) || !isId(message.channel_id)) return `no ${where}.id or channel_id`;
  if (!isObject(message.author) || !isId(message.author.id)) return `no ${where}.author`;
  if ('thread' in message && (!isObject(message.thread) || !isId(message.thread.id))) return `${where}.thread is not a channel`;
  return undefined;
}
