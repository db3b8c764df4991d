/**
 * Why Discord (or a compatible server) refused the command list, in words: "0/options/0[additionalProperties]: must
 * NOT have additional properties" becomes which command and which field, looked up in the list that was sent.
 */
import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';

interface FieldProblem {
  path: string[];
  code: string;
  message: string;
}

/** A path such as `0.options.1.name` (Discord) or `0/options/1/name` (JSON-schema servers) as segments. */
const PROBLEM_LINE = /^([\w-]+(?:[./][\w-]+)*)\[([^\]]+)\]: (.+)$/;

export function refusalText(error: unknown, commands: readonly RESTPostAPIApplicationCommandsJSONBody[]): string | undefined {
  const problems = [...problemsFromTree((error as { rawError?: { errors?: unknown } }).rawError?.errors), ...problemsFromMessage(error)];
  const unique = [...new Map(problems.map((p) => [`${p.path.join('.')}|${p.message}`, p])).values()];
  if (!unique.length) return undefined;
  return unique.map((problem) => describe(problem, commands)).join('\n');
}

function problemsFromMessage(error: unknown): FieldProblem[] {
  const message = String((error as { message?: unknown })?.message ?? '');
  return message.split('\n').flatMap((line) => {
    const m = PROBLEM_LINE.exec(line.trim());
    return m ? [{ path: m[1]!.split(/[./]/), code: m[2]!, message: m[3]! }] : [];
  });
}

/** Discord's error tree: `{ "0": { "options": { "0": { "_errors": [{ code, message }] } } } }`, keys possibly dotted. */
function problemsFromTree(tree: unknown, path: string[] = []): FieldProblem[] {
  if (typeof tree !== 'object' || tree === null) return [];
  return Object.entries(tree).flatMap(([key, value]) => {
    if (key === '_errors' && Array.isArray(value))
      return value.map((e: { code?: unknown; message?: unknown }) => ({ path, code: String(e.code ?? ''), message: String(e.message ?? '') }));
    return problemsFromTree(value, [...path, ...key.split(/[./]/)]);
  });
}

function describe(problem: FieldProblem, commands: readonly RESTPostAPIApplicationCommandsJSONBody[]): string {
  const [first, ...rest] = problem.path;
  const command = /^\d+$/.test(first ?? '') ? commands[Number(first)] : undefined;
  const what = command ? `command "${command.name}"` : `the request (${problem.path.join('.')})`;
  const field = command ? fieldName(command, rest) : '';
  return `Discord refused ${what}${field ? `, field ${field}` : ''}: ${problem.message}${problem.code ? ` (${problem.code})` : ''}.`;
}

/** `options.0.name` read against the definition: `options[0] "question" → name`. */
function fieldName(definition: unknown, path: string[]): string {
  const parts: string[] = [];
  let node: unknown = definition;
  for (const segment of path) {
    node = (node as Record<string, unknown> | undefined)?.[segment];
    const name = (node as { name?: unknown } | undefined)?.name;
    if (/^\d+$/.test(segment)) parts[parts.length - 1] += `[${segment}]${typeof name === 'string' ? ` "${name}"` : ''}`;
    else parts.push(segment);
  }
  return parts.join(' → ');
}
