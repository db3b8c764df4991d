/**
 * The Discord stand-in: a local Discord (REST, gateway, one guild) that the playground, `npm start` without a
 * token, the load benchmark and the tests drive. Start one with `DiscordStandIn.start()`.
 */
export { DiscordStandIn } from './discord-stand-in.js';
export { StandInError } from './errors.js';
export { LIMITS, validateMessageBody } from './message-rules.js';
export { snowflake } from './snowflake.js';
export { shardOfGuild } from './gateway.js';
export type { StandInAttachment } from './attachments.js';
export type {
  FaultSpec,
  GatewayLogEntry,
  InteractionHandle,
  InvokeOptions,
  OptionValues,
  PostOptions,
  RateLimitRule,
  RecordedRequest,
  SentBody,
  StandInEvents,
  StandInMessageDelete,
  StandInOptions,
  StandInTyping,
  StandInUser,
  StandInUsers,
} from './types.js';
export type { WaitOptions } from './wait-for.js';
