/** The application's registered commands, global and for the guild, as bulk-overwrite (`PUT`) leaves them. */
import {
  ApplicationCommandType,
  type APIApplicationCommand,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { assertValid, StandInError } from './errors.js';
import { validateCommands } from './command-rules.js';
import { snowflake } from './snowflake.js';

export class CommandRegistry {
  readonly global: APIApplicationCommand[] = [];
  readonly guild: APIApplicationCommand[] = [];

  constructor(private readonly applicationId: string) {}

  /** Replaces the global list, or the guild's when `guildId` is given; a command keeps its id across overwrites. */
  overwrite(body: unknown, guildId?: string): APIApplicationCommand[] {
    assertValid(validateCommands(body));
    const target = guildId ? this.guild : this.global;
    // Checked above: from here on `body` is a list of command definitions.
    const stored = (body as RESTPutAPIApplicationCommandsJSONBody).map((definition): APIApplicationCommand => {
      const type = definition.type ?? ApplicationCommandType.ChatInput;
      const existing = target.find((c) => c.name === definition.name && c.type === type);
      return {
        ...definition,
        id: existing?.id ?? snowflake(),
        application_id: this.applicationId,
        type,
        description: 'description' in definition ? (definition.description ?? '') : '',
        version: snowflake(),
        default_member_permissions: definition.default_member_permissions ?? null,
        ...(guildId ? { guild_id: guildId } : {}),
      };
    });
    target.splice(0, target.length, ...stored);
    return stored;
  }

  /** A registered command by name and type, the guild's first (it shadows a global one, as in Discord's client). */
  find(name: string, type: ApplicationCommandType): APIApplicationCommand {
    const command =
      this.guild.find((c) => c.name === name && c.type === type) ?? this.global.find((c) => c.name === name && c.type === type);
    if (!command) throw new StandInError(`No ${ApplicationCommandType[type]} command "${name}" is registered`);
    return command;
  }
}
