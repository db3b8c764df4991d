/** Discord's rules for registering application commands (names, descriptions, option order). Pure. */
import { ApplicationCommandType } from 'discord-api-types/v10';
import { field, items } from './wire.js';

const CHAT_INPUT_NAME = /^[-_\p{L}\p{N}]{1,32}$/u;
const MAX_COMMANDS = 100;
const MAX_OPTIONS = 25;

/** Returns a list of `path: problem` strings; empty when the command list is acceptable. */
export function validateCommands(body: unknown): string[] {
  if (!Array.isArray(body)) return ['body: must be an array of commands'];
  const problems: string[] = [];
  if (body.length > MAX_COMMANDS) problems.push(`commands: at most ${MAX_COMMANDS}`);
  body.forEach((command: unknown, i) => {
    const type = field(command, 'type') ?? ApplicationCommandType.ChatInput;
    if (type === ApplicationCommandType.ChatInput) problems.push(...chatInputProblems(command, i));
    else problems.push(...contextMenuProblems(command, i));
  });
  return problems;
}

function chatInputProblems(command: unknown, i: number): string[] {
  const problems: string[] = [];
  const name = field(command, 'name');
  if (!CHAT_INPUT_NAME.test(String(name ?? '')) || name !== String(name).toLowerCase()) problems.push(`${i}.name: invalid`);
  if (!isDescription(field(command, 'description'))) problems.push(`${i}.description: Must be between 1 and 100 in length.`);
  const options = items(field(command, 'options'));
  if (options.length > MAX_OPTIONS) problems.push(`${i}.options: at most ${MAX_OPTIONS}`);
  let seenOptional = false;
  options.forEach((option, j) => {
    if (!field(option, 'required')) seenOptional = true;
    else if (seenOptional) problems.push(`${i}.options.${j}: required options must come first`);
    if (!isDescription(field(option, 'description'))) problems.push(`${i}.options.${j}.description: bad length`);
  });
  return problems;
}

function contextMenuProblems(command: unknown, i: number): string[] {
  const problems: string[] = [];
  const name = field(command, 'name');
  if (typeof name !== 'string' || name.length < 1 || name.length > 32) problems.push(`${i}.name: invalid`);
  if (field(command, 'description')) problems.push(`${i}.description: context menu commands take no description`);
  return problems;
}

function isDescription(value: unknown): boolean {
  return typeof value === 'string' && value.length >= 1 && value.length <= 100;
}
