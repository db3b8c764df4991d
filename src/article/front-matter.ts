import { parse as parseYaml } from 'yaml';

export interface FrontMatter {
  title?: string;
  url?: string;
  published?: string;
}

export interface SplitFrontMatter {
  meta: FrontMatter;
  /** Where the body starts in the file text. */
  bodyStart: number;
  /** Set when a front-matter block was present but unusable; the body is then the whole text. */
  problem?: string;
}

const BLOCK = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Reads an optional leading `---` YAML block with title, url and published; other keys are ignored. */
export function splitFrontMatter(text: string): SplitFrontMatter {
  if (!text.startsWith('---')) return { meta: {}, bodyStart: 0 };
  const match = BLOCK.exec(text);
  if (!match) return { meta: {}, bodyStart: 0, problem: 'front matter starts with --- but never closes; read as plain text' };
  let data: unknown;
  try {
    data = plainFrontMatter(match[1]!) ?? parseYaml(match[1]!);
  } catch (error) {
    return { meta: {}, bodyStart: match[0].length, problem: `front matter is not valid YAML (${firstLine(error)}); ignored` };
  }
  if (data !== null && (typeof data !== 'object' || Array.isArray(data))) {
    return { meta: {}, bodyStart: match[0].length, problem: 'front matter is not a key: value block; ignored' };
  }
  const record = (data ?? {}) as Record<string, unknown>;
  const meta: FrontMatter = {};
  for (const key of ['title', 'url', 'published'] as const) {
    const value = record[key];
    if (value instanceof Date) meta[key] = value.toISOString().slice(0, 10);
    else if (typeof value === 'string' || typeof value === 'number') meta[key] = String(value).trim();
  }
  if (meta.url && !/^https?:\/\/\S+$/.test(meta.url)) delete meta.url;
  return { meta, bodyStart: match[0].length };
}

/** A line `key: value` whose value YAML reads as a string: quoted without escapes, or plain. */
const SIMPLE_LINE = /^([A-Za-z_][\w-]*): (?:"([^"\\]*)"|'([^']*)'|([^\s\-?:,[\]{}#&*!|>'"%@`](?:[^#]*?)))$/;
/** Plain values the YAML 1.2 core schema reads as null, a boolean or a number rather than a string. */
const TYPED_PLAIN = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/**
 * The block as YAML reads it, when every line is a simple `key: value` with a string value; else undefined and
 * the YAML library reads it. A start reads every article's front matter, thousands at scale, and the library
 * took most of that time (README, Performance); `tests/unit/front-matter.test.ts` holds this to the library.
 */
export function plainFrontMatter(block: string): Record<string, string> | undefined {
  const record: Record<string, string> = {};
  for (const line of block.split('\n')) {
    if (/[\u0000-\u001f\u007f-\u009f\ufeff\u2028\u2029]/.test(line)) return undefined;
    const match = SIMPLE_LINE.exec(line);
    if (!match) return undefined;
    const [, key, doubleQuoted, singleQuoted, plain] = match;
    // YAML rejects a repeated key, and reads `null:` or `true:` as a typed key.
    if (Object.hasOwn(record, key!) || TYPED_PLAIN.test(key!)) return undefined;
    if (plain !== undefined && (TYPED_PLAIN.test(plain) || plain.includes(': ') || plain.endsWith(':') || plain !== plain.trimEnd())) return undefined;
    record[key!] = doubleQuoted ?? singleQuoted ?? plain!;
  }
  return record;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
