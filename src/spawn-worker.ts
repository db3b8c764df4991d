import { Worker } from 'node:worker_threads';

/**
 * Starts the worker module `name` (without extension) that sits beside the module at `fromUrl`. Under tsx or
 * vitest that module is TypeScript, and so is its worker, which then registers tsx's loader first (on Node 20 a
 * worker does not inherit it, and `--import tsx` in its execArgv is not applied); the build runs the `.js` directly.
 */
export function spawnSiblingWorker(fromUrl: string, name: string, workerData: unknown): Worker {
  const fromSource = fromUrl.endsWith('.ts');
  const url = new URL(`./${name}${fromSource ? '.ts' : '.js'}`, fromUrl);
  if (!fromSource) return new Worker(url, { workerData });
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}
