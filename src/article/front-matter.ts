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
    data = parseYaml(match[1]!);
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

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
