/**
 * The bench's child processes run what `npm start` runs: the build in dist/, under plain node. The child script
 * (bench/run-child.ts and the bench helpers it uses) is bundled once into bench/.tmp/, with every import of src/
 * pointed at its compiled counterpart in dist/ (kept external, so dist/ is loaded exactly as the app loads it).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { BENCH_DIR, ROOT } from './lib.js';

export async function buildBenchChild(): Promise<string> {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  const outDir = path.join(BENCH_DIR, '.tmp', 'child');
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, 'run-child.mjs');
  await build({
    entryPoints: [path.join(BENCH_DIR, 'run-child.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    plugins: [{
      name: 'src-to-dist',
      setup(b) {
        b.onResolve({ filter: /(^|\/)src\/.+\.js$/ }, (args) => {
          const source = path.resolve(args.resolveDir, args.path);
          const relative = path.relative(path.join(ROOT, 'src'), source);
          return { path: path.join(ROOT, 'dist', relative), external: true };
        });
      },
    }],
  });
  return outfile;
}
