/** The stand-in's public shapes: what the driver API takes and what it records. */
import type { IncomingHttpHeaders } from 'node:http';
import type { StandInAttachment } from './attachments.js';
import type {
  APIActionRowComponent,
  APIAllowedMentions,
  APIApplicationCommandOptionChoice,
  APIComponentInMessageActionRow,
  APIEmbed,
  APIInteraction,
  APIMessage,
  InteractionResponseType,
  Locale,
} from 'discord-api-types/v10';

export interface RecordedRequest {
  /** Monotonic index in `requests`. */
  index: number;
  method: string;
  /** Path after `/api/v10`, without the query string, e.g. `/channels/1/messages`. */
  path: string;
  /** Route template, e.g. `/interactions/:id/:token/callback`, or `unknown`. */
  route: string;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The parsed JSON, or the `payload_json` part of a multipart body; the raw text when it is not JSON. */
  payload: unknown;
  /** `payload` when it is a JSON object (a message, an edit or an interaction callback), for readers to pick fields from. */
  body: SentBody | undefined;
  /** Names of file parts of a multipart body. */
  files: string[];
  /** Status the stand-in answered with. */
  status: number;
  /** Set when the answer came from fault injection. */
  fault?: 'rate-limit' | 'server-error';
  at: number;
}

/**
 * The fields of a message, a message edit or an interaction callback that readers check. The stand-in itself reads
 * `payload` as `unknown` and validates every field before use; this shape is what a body that passed looks like.
 */
export interface SentBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  flags?: number;
  allowed_mentions?: APIAllowedMentions;
  message_reference?: { message_id?: string };
  /** Interaction callbacks: the response type and its message (or autocomplete choices). */
  type?: InteractionResponseType;
  data?: SentBody & { choices?: APIApplicationCommandOptionChoice[] };
  [field: string]: unknown;
}

export interface StandInUser {
  id: string;
  username: string;
  globalName?: string;
  bot?: boolean;
  /** Role ids in the guild. */
  roles?: string[];
}

export interface StandInUsers {
  alice: StandInUser;
  bob: StandInUser;
  mod: StandInUser;
}

export interface StandInOptions {
  host?: string;
  port?: number;
  /** Token the bot must present (`Authorization: Bot <token>` and in IDENTIFY). Any non-empty token when omitted. */
  token?: string;
  applicationId?: string;
  botUsername?: string;
  /** Heartbeat interval announced in HELLO. */
  heartbeatIntervalMs?: number;
  /** Discord gives 3 s for the first interaction response. */
  interactionResponseWindowMs?: number;
  /** Per-bucket REST limit (requests per window). Discord's common bucket is 5/5 s; generous by default. */
  rateLimit?: RateLimitRule;
  /** Whether the application has the privileged Message Content intent enabled in its settings. */
  messageContentIntentEnabled?: boolean;
  /** The shard count `GET /gateway/bot` recommends (1 by default). */
  recommendedShards?: number;
}

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

/** Values of a slash command's options, by option name. */
export type OptionValues = Record<string, string | number | boolean | StandInAttachment>;

export interface InvokeOptions {
  /** A user from `standIn.users` (by key) or a custom one. */
  user?: keyof StandInUsers | StandInUser;
  /** Override the member's computed permissions (bit field). */
  permissions?: bigint;
  channelId?: string;
  locale?: Locale;
  /** What goes on the wire instead of the well-formed payload (given a copy): a server that gets a shape wrong. */
  reshape?: (payload: APIInteraction) => unknown;
}

/** How a member posts a message: as whom, where, and as a reply to which message. */
export interface PostOptions extends Pick<InvokeOptions, 'user' | 'channelId'> {
  /** The id of the message this one replies to (in the same channel). */
  replyTo?: string;
  /** Whether the reply pings the replied-to author, as Discord's client does unless the member turns it off. */
  pingReplied?: boolean;
}

export interface FaultSpec {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /** Route template (`/interactions/:id/:token/callback`) or a predicate on the path. */
  route: string | ((path: string) => boolean);
  /** How many matching responses to fail. */
  count?: number;
  status: 429 | 500 | 502 | 503 | 404;
  /** The error body's message echoes the request (`404: PATCH /api/v10/webhooks/…`), as some servers' do. */
  echoRequest?: boolean;
  /** Seconds, for 429s (sent as header `retry-after` and body `retry_after`). */
  retryAfter?: number;
  /** A global rate limit (`x-ratelimit-global: true`, scope global). */
  global?: boolean;
}

export interface InteractionHandle {
  id: string;
  token: string;
  payload: APIInteraction;
}

/** One payload the bot sent on the gateway (IDENTIFY's token redacted). */
export interface GatewayLogEntry {
  op: number;
  at: number;
  d?: unknown;
}

/** Payload of the `typing` event: the bot called `POST /channels/:id/typing`. */
export interface StandInTyping {
  channelId: string;
  userId: string;
}

/** Payload of the `messageDelete` event. */
export interface StandInMessageDelete {
  id: string;
  channelId: string;
}

/**
 * Events the stand-in emits (Node `EventEmitter`), for tests and the playground:
 * - `message` (APIMessage): a message was created or edited (members' messages, bot messages,
 *   interaction replies and their edits, including ephemeral ones); an edit re-emits the same id.
 * - `messageDelete` (StandInMessageDelete), `typing` (StandInTyping)
 * - `request` (RecordedRequest): a REST request was answered; `gateway` (opcode): the bot sent a gateway payload.
 */
export interface StandInEvents {
  message: [APIMessage];
  messageDelete: [StandInMessageDelete];
  typing: [StandInTyping];
  request: [RecordedRequest];
  gateway: [number];
}
