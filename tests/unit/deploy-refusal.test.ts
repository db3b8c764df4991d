import { DiscordAPIError } from 'discord.js';
import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/discord/commands/index.js';
import { deployCommands, deployFailureText } from '../../src/discord/deploy-commands.js';
import type { DiscordStandIn } from '../../src/stand-in/index.js';
import { FAKE_TOKEN, startStandIn } from '../support/discord-harness.js';

const apiError = (rawError: ConstructorParameters<typeof DiscordAPIError>[0]) =>
  new DiscordAPIError(rawError, 50035, 400, 'PUT', 'http://127.0.0.1/api/v10/applications/1/commands', { body: commands });

describe('deployFailureText', () => {
  it('names the command and field of a JSON-schema style refusal ("0/options/0[additionalProperties]: …")', () => {
    const askIndex = commands.findIndex((c) => c.name === 'ask');
    const error = apiError({ message: `${askIndex}/options/0[additionalProperties]: must NOT have additional properties`, code: 0 });
    expect(deployFailureText(error)).toBe('Could not register commands:\nDiscord refused command "ask", field options[0] "question": must NOT have additional properties (additionalProperties).');
  });

  it('names the command and field of Discord\'s own error tree', () => {
    const error = apiError({ message: 'Invalid Form Body', code: 50035, errors: { '1': { options: { '0': { max_length: { _errors: [{ code: 'NUMBER_TYPE_MAX', message: 'int value should be less than or equal to 6000.' }] } } } } } });
    expect(deployFailureText(error)).toBe(
      `Could not register commands:\nDiscord refused command "${commands[1]!.name}", field options[0] "${(commands[1] as unknown as { options: Array<{ name: string }> }).options[0]!.name}" → max_length: int value should be less than or equal to 6000. (NUMBER_TYPE_MAX).`,
    );
  });

  it('keeps the plain message when the refusal names no field', () => {
    expect(deployFailureText(apiError({ message: 'Something odd', code: 0 }))).toBe('Could not register commands: Something odd');
  });
});

describe('deployCommands against the stand-in', () => {
  let standIn: DiscordStandIn;
  beforeAll(async () => {
    standIn = await startStandIn();
  });
  afterAll(async () => standIn?.stop());

  it('a refused definition is reported by command and field name', async () => {
    const definitions: RESTPostAPIApplicationCommandsJSONBody[] = structuredClone(commands);
    const ask = definitions.find((c) => c.name === 'ask') as { options: Array<{ description: string }> };
    ask.options[0]!.description = 'x'.repeat(101);
    const refusal = await deployCommands({ token: FAKE_TOKEN, clientId: standIn.applicationId, guildId: standIn.guildId, apiBase: standIn.apiBase, definitions }).then(
      () => undefined,
      (error: unknown) => deployFailureText(error, definitions),
    );
    expect(refusal).toBe('Could not register commands:\nDiscord refused command "ask", field options[0] "question" → description: bad length (BASE_TYPE_INVALID).');
  });
});
