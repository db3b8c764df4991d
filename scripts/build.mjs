/**
 * `npm run build` (and `prepare`, so `npm install` leaves a ready build): transpiles src/ file by file into dist/
 * with esbuild, keeping the folder layout so paths resolved from import.meta.url still find the project root.
 * esbuild does not type-check; `npm run typecheck` does. Measured against `tsc` emit: 0.7 s against 9 s (README, Performance).
 */
import { rmSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  // A production install without dev dependencies (npm ci --omit=dev) keeps the dist/ it was given.
  console.warn('build: esbuild is not installed (dev dependencies omitted); dist/ left as it is.');
  process.exit(0);
}

const sources = readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
  .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));

rmSync(path.join(root, 'dist'), { recursive: true, force: true });
await esbuild.build({
  entryPoints: sources,
  outdir: path.join(root, 'dist'),
  outbase: path.join(root, 'src'),
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
