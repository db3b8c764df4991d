/**
 * Reads what each source file imports and whether it reads `process.env`, with the TypeScript parser (no type
 * checking, so it is fast and sees exactly what is written), and checks those facts against rules.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface ModuleFacts {
  /** Project-relative, with forward slashes: `src/discord/bot.ts`. */
  file: string;
  /** Every module specifier as written: static imports, `export … from`, `import()`, `require()`, `import x = require()`. */
  imports: string[];
  /** Where the file touches `process.env` (or imports `node:process`), as "line N". */
  envReads: string[];
}

/**
 * A path pattern: `src/discord/` (a folder and everything below it) or `src/config.ts` (one file; the extension is
 * ignored so `../config.js` in an import matches too).
 */
export type PathPattern = string;

export interface ImportRule {
  /** Package names; one ending in `/` is a scope (`@discordjs/`). */
  packages: string[];
  /** The only files that may import them. */
  allowedIn: PathPattern[];
}

export interface LayerRule {
  /** Files that must not import… */
  from: PathPattern[];
  /** …any of these project files. */
  mustNotImport: PathPattern[];
}

export interface ModuleRules {
  imports: ImportRule[];
  envReaders: PathPattern[];
  layers: LayerRule[];
}

const withoutExtension = (p: string) => p.replace(/\.(d\.ts|ts|tsx|js|mjs|cjs)$/, '');

export function matchesPath(file: string, patterns: PathPattern[]): boolean {
  return patterns.some((pattern) => (pattern.endsWith('/') ? file.startsWith(pattern) : withoutExtension(file) === withoutExtension(pattern)));
}

/** `discord.js/x` → `discord.js`, `@scope/name/x` → `@scope/name`; undefined for a relative or absolute path. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function matchesPackage(name: string, packages: string[]): boolean {
  return packages.some((p) => (p.endsWith('/') ? name.startsWith(p) : name === p));
}

export function readModuleFacts(file: string, text: string): ModuleFacts {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  const imports: string[] = [];
  const envReads: string[] = [];
  const lineOf = (node: ts.Node) => `line ${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
  const isProcess = (node: ts.Node) => ts.isIdentifier(node) && node.text === 'process';
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      imports.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      imports.push(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      const [first] = node.arguments;
      if (first && ts.isStringLiteralLike(first)) imports.push(first.text);
    } else if (ts.isPropertyAccessExpression(node) && isProcess(node.expression) && node.name.text === 'env') {
      envReads.push(lineOf(node));
    } else if (ts.isElementAccessExpression(node) && isProcess(node.expression) && ts.isStringLiteralLike(node.argumentExpression) && node.argumentExpression.text === 'env') {
      envReads.push(lineOf(node));
    } else if (ts.isVariableDeclaration(node) && node.initializer && isProcess(node.initializer) && ts.isObjectBindingPattern(node.name)) {
      // const { env } = process
      if (node.name.elements.some((e) => (e.propertyName ?? e.name).getText(source) === 'env')) envReads.push(lineOf(node));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const specifier of imports) if (specifier === 'process' || specifier === 'node:process') envReads.push(`imports ${specifier}`);
  return { file, imports, envReads };
}

/** Every rule broken, one human-readable line each; empty when all hold. */
export function findRuleBreaks(modules: ModuleFacts[], rules: ModuleRules): string[] {
  const breaks: string[] = [];
  for (const m of modules) {
    for (const specifier of m.imports) {
      const name = packageOf(specifier);
      if (name) {
        for (const rule of rules.imports) {
          if (matchesPackage(name, rule.packages) && !matchesPath(m.file, rule.allowedIn)) {
            breaks.push(`${m.file} imports ${specifier}; only ${rule.allowedIn.join(', ')} may`);
          }
        }
      } else if (specifier.startsWith('.')) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(m.file), specifier));
        for (const layer of rules.layers) {
          if (matchesPath(m.file, layer.from) && matchesPath(target, layer.mustNotImport)) {
            breaks.push(`${m.file} imports ${specifier}; ${layer.from.join(', ')} must not import ${layer.mustNotImport.join(', ')}`);
          }
        }
      }
    }
    if (m.envReads.length > 0 && !matchesPath(m.file, rules.envReaders)) {
      breaks.push(`${m.file} reads process.env (${m.envReads.join(', ')}); only ${rules.envReaders.join(', ')} may`);
    }
  }
  return breaks;
}

export interface SizeBreak {
  file: string;
  /** A function's name (or `<anonymous>`) and first line, when the break is a function's length. */
  what?: string;
  lines: number;
}

/** Functions (declarations, methods, arrows, function expressions, accessors) longer than `maxLines`, outermost first. */
export function longFunctions(file: string, text: string, maxLines: number): SizeBreak[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  const found: SizeBreak[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = last - first + 1;
      if (lines > maxLines) found.push({ file, what: `${functionName(node, source)} (line ${first + 1})`, lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function functionName(node: ts.Node, source: ts.SourceFile): string {
  const named = node as { name?: ts.Node };
  if (named.name) return named.name.getText(source);
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))) return parent.name.getText(source);
  return '<anonymous>';
}

/** Text files under `dir` (project-relative, forward slashes) whose name ends with one of `extensions`. */
export function listFiles(root: string, dir: string, extensions: string[]): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && extensions.some((ext) => entry.name.endsWith(ext)))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

export function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}
