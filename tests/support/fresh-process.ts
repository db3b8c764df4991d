import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Which of `packages` a fresh process (the test's own has loaded everything already) has loaded after running `body`,
 * an ES-module script run from the project root under tsx, and then a short wait.
 */
export function loadedAfter<P extends string>(body: string, packages: readonly P[]): Record<P, boolean> {
  const script = `
    import { createRequire } from 'node:module';
    const cache = createRequire(import.meta.url).cache;
    const loaded = (name) => Object.keys(cache).some((file) => file.includes('/node_modules/' + name + '/'));
    ${body}
    await new Promise((resolve) => setTimeout(resolve, 300));
    console.log(JSON.stringify(Object.fromEntries(${JSON.stringify(packages)}.map((name) => [name, loaded(name)]))));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}
