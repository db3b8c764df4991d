/**
 * The module rules of docs/DESIGN.md, checked on the real import graph of src/, and the size limits for files and
 * functions. The lists below are the rules: adjust them here when a module moves.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/articles.js';
import {
  findRuleBreaks,
  lineCount,
  listFiles,
  longFunctions,
  readModuleFacts,
  type ModuleFacts,
  type ModuleRules,
} from '../support/module-graph.js';

/** The Discord stand-in: product code, allowed to speak Discord. */
const DISCORD_STAND_IN = ['src/stand-in/'];

/** The only modules that may read process.env: the config and env loaders. */
const ENV_READERS = ['src/config.ts', 'src/discord/env.ts', 'src/playground/env.ts'];

/** Adapters around the engine; the engine never reaches out to them. */
const ADAPTERS = ['src/discord/', 'src/cli/', 'src/playground/', ...DISCORD_STAND_IN, 'src/main.ts', 'src/qa-service.ts'];
const ENGINE = ['src/article/', 'src/embedding/', 'src/index/', 'src/retrieval/', 'src/answer/', 'src/types.ts', 'src/errors.ts'];

const RULES: ModuleRules = {
  imports: [
    { packages: ['discord.js', '@discordjs/'], allowedIn: ['src/discord/', ...DISCORD_STAND_IN] },
    { packages: ['hnswlib-node'], allowedIn: ['src/index/vector-index.ts'] },
    { packages: ['@huggingface/transformers'], allowedIn: ['src/embedding/'] },
    // The local PostgreSQL (PGlite) is a dev tool behind a URL; the store code must not know what serves it.
    { packages: ['@electric-sql/'], allowedIn: ['src/dev/local-postgres.ts'] },
  ],
  envReaders: ENV_READERS,
  layers: [{ from: ENGINE, mustNotImport: ADAPTERS }],
};

const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 80;
/** Files the limits apply to (data such as calibration.json or favicon.svg is not code). */
const CODE_EXTENSIONS = ['.ts', '.js', '.mjs', '.css', '.html'];
const SCRIPT_EXTENSIONS = ['.ts', '.js', '.mjs'];

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const srcModules = (): ModuleFacts[] => listFiles(ROOT, 'src', SCRIPT_EXTENSIONS).map((file) => readModuleFacts(file, read(file)));
const facts = (file: string, imports: string[], envReads: string[] = []): ModuleFacts => ({ file, imports, envReads });

describe('readModuleFacts', () => {
  it('finds static, type-only, re-exported, dynamic and require imports', () => {
    const text = [
      "import a from 'discord.js';",
      "import type { B } from '@discordjs/rest';",
      "import './side-effect.js';",
      "export { c } from '../index/vector-index.js';",
      "export * from 'hnswlib-node';",
      "const d = await import('@huggingface/transformers');",
      "const e = require('node:fs');",
      "import f = require('zod');",
      "const notAnImport = 'discord.js';",
    ].join('\n');
    expect(readModuleFacts('src/x.ts', text).imports).toEqual([
      'discord.js',
      '@discordjs/rest',
      './side-effect.js',
      '../index/vector-index.js',
      'hnswlib-node',
      '@huggingface/transformers',
      'node:fs',
      'zod',
    ]);
  });

  it('finds every way of reading process.env, and nothing else', () => {
    const text = [
      'const a = process.env.TOKEN;', // line 1
      "const b = process['env'];", // line 2
      'const { env } = process;', // line 3
      'function f(e = process.env) { return e; }', // line 4
      'const cwd = process.cwd();',
      'const env2 = { process: 1 }.process;',
      '// process.env in a comment',
      "const s = 'process.env in a string';",
    ].join('\n');
    expect(readModuleFacts('src/x.ts', text).envReads).toEqual(['line 1', 'line 2', 'line 3', 'line 4']);
    expect(readModuleFacts('src/y.ts', "import { env } from 'node:process';").envReads).toEqual(['imports node:process']);
  });
});

describe('findRuleBreaks', () => {
  it('reports discord.js (and @discordjs/*) imported outside src/discord/ and the stand-in', () => {
    const modules = [
      facts('src/discord/bot.ts', ['discord.js']),
      facts('src/stand-in/gateway.ts', ['@discordjs/rest']),
      facts('src/stand-in/gateway.ts', ['discord.js']),
      facts('src/retrieval/retrieve.ts', ['discord.js/typings']),
      facts('src/qa-service.ts', ['@discordjs/builders']),
    ];
    expect(findRuleBreaks(modules, RULES)).toEqual([
      'src/retrieval/retrieve.ts imports discord.js/typings; only src/discord/, src/stand-in/ may',
      'src/qa-service.ts imports @discordjs/builders; only src/discord/, src/stand-in/ may',
    ]);
  });

  it('reports hnswlib-node anywhere but src/index/vector-index.ts', () => {
    const modules = [facts('src/index/vector-index.ts', ['hnswlib-node']), facts('src/index/store.ts', ['hnswlib-node'])];
    expect(findRuleBreaks(modules, RULES)).toEqual(['src/index/store.ts imports hnswlib-node; only src/index/vector-index.ts may']);
  });

  it('reports @huggingface/transformers outside src/embedding/', () => {
    const modules = [facts('src/embedding/use-lite/convert.ts', ['@huggingface/transformers']), facts('src/cli/eval.ts', ['@huggingface/transformers'])];
    expect(findRuleBreaks(modules, RULES)).toEqual(['src/cli/eval.ts imports @huggingface/transformers; only src/embedding/ may']);
  });

  it('reports PGlite (@electric-sql/*) anywhere but the local PostgreSQL starter', () => {
    const modules = [facts('src/dev/local-postgres.ts', ['@electric-sql/pglite']), facts('src/index/postgres/pg-store.ts', ['@electric-sql/pglite-socket'])];
    expect(findRuleBreaks(modules, RULES)).toEqual(['src/index/postgres/pg-store.ts imports @electric-sql/pglite-socket; only src/dev/local-postgres.ts may']);
  });

  it('reports process.env read outside the env loaders', () => {
    const modules = [facts('src/config.ts', [], ['line 30']), facts('src/playground/env.ts', [], ['line 3']), facts('src/playground/run.ts', [], ['line 74'])];
    expect(findRuleBreaks(modules, RULES)).toEqual([
      'src/playground/run.ts reads process.env (line 74); only src/config.ts, src/discord/env.ts, src/playground/env.ts may',
    ]);
  });

  it('reports the engine importing an adapter, resolving relative paths', () => {
    const modules = [
      facts('src/retrieval/retrieve.ts', ['./fuse.js', '../types.js', '../discord/render.js']),
      facts('src/index/ingest.ts', ['../qa-service.js']),
      facts('src/discord/bot.ts', ['../qa-service.js', '../retrieval/retrieve.js']),
    ];
    expect(findRuleBreaks(modules, RULES)).toEqual([
      expect.stringMatching(/^src\/retrieval\/retrieve\.ts imports \.\.\/discord\/render\.js; src\/article\/, .* must not import src\/discord\//),
      expect.stringMatching(/^src\/index\/ingest\.ts imports \.\.\/qa-service\.js; /),
    ]);
  });

  it('is empty when every rule holds', () => {
    expect(findRuleBreaks([facts('src/discord/bot.ts', ['discord.js', '../qa-service.js']), facts('src/config.ts', ['zod'], ['line 30'])], RULES)).toEqual([]);
  });
});

describe('longFunctions', () => {
  it('measures declarations, arrows and methods from their first to their last line, nested ones too', () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const text = [`function outer() {`, body(5), `  const inner = () => {`, body(3), `  };`, `}`, `class C {`, `  m() {`, body(1), `  }`, `}`].join('\n');
    expect(longFunctions('src/x.ts', text, 3)).toEqual([
      { file: 'src/x.ts', what: 'outer (line 1)', lines: 12 },
      { file: 'src/x.ts', what: 'inner (line 7)', lines: 5 },
    ]);
    expect(longFunctions('src/x.ts', text, 12)).toEqual([]); // m() is 3 lines: never reported
  });
});

describe('src/', () => {
  it('keeps the module rules of docs/DESIGN.md (who imports discord.js, hnswlib-node, transformers.js; who reads process.env)', () => {
    const modules = srcModules();
    expect(modules.length).toBeGreaterThan(40);
    expect(modules.find((m) => m.file === 'src/index/vector-index.ts')?.imports).toContain('hnswlib-node');
    expect(findRuleBreaks(modules, RULES)).toEqual([]);
  });

  it(`has no file over ${MAX_FILE_LINES} lines`, () => {
    const files = listFiles(ROOT, 'src', CODE_EXTENSIONS);
    const long = files.map((file) => ({ file, lines: lineCount(read(file)) })).filter((f) => f.lines > MAX_FILE_LINES);
    expect(long).toEqual([]);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines`, () => {
    const long = listFiles(ROOT, 'src', SCRIPT_EXTENSIONS).flatMap((file) => longFunctions(file, read(file), MAX_FUNCTION_LINES));
    expect(long).toEqual([]);
  });
});
