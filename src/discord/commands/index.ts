/** Command definitions as plain data (no handlers): imported by the bot and by deploy-commands. */
import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { aboutCommand } from './about.js';
import { askCommand } from './ask.js';
import { checkClaimCommand } from './check-claim.js';
import { searchCommand } from './search.js';
import { sourceCommand } from './source.js';

export { aboutCommand, askCommand, checkClaimCommand, searchCommand, sourceCommand };
export { MAX_QUESTION_LENGTH } from './ask.js';

export const commands = [askCommand, searchCommand, sourceCommand, aboutCommand, checkClaimCommand] satisfies RESTPostAPIApplicationCommandsJSONBody[];
