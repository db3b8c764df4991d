/** Every command the bot has, by kind. To add one: write its module (data + execute) and list it here. */
import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import * as about from './about.js';
import * as article from './article.js';
import * as ask from './ask.js';
import * as check from './check.js';
import * as checkClaim from './check-claim.js';
import * as footnote from './footnote.js';
import type { ChatInputCommand, MessageCommand } from './command.js';
import * as search from './search.js';
import * as source from './source.js';

export const chatInputCommands = [ask, search, source, about, check, footnote, article] as const satisfies readonly ChatInputCommand[];
export const messageCommands = [checkClaim] as const satisfies readonly MessageCommand[];

/** The definitions alone, in the order deploy-commands registers them. */
export const commands = [...chatInputCommands, ...messageCommands].map((command) => command.data) satisfies RESTPostAPIApplicationCommandsJSONBody[];

export const askCommand = ask.data;
export const searchCommand = search.data;
export const sourceCommand = source.data;
export const aboutCommand = about.data;
export const checkClaimCommand = checkClaim.data;
export const checkCommand = check.data;
export const articleCommand = article.data;
