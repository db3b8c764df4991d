import type { Embedder } from './embedder.js';

/**
 * `use-lite` (default): USE-lite converted to ONNX, run by transformers.js. `use-lite-tfjs`: the same weights on
 * their original TF.js runtime (the test reference; a dev dependency). Anything else: a transformers.js model id or
 * local folder. Imports are lazy so a process only loads the runtime it uses.
 */
export async function createEmbedder(model: string, options: { modelsDir?: string } = {}): Promise<Embedder> {
  if (model === 'use-lite') {
    const { createUseLiteEmbedder } = await import('./use-lite-embedder.js');
    return createUseLiteEmbedder();
  }
  if (model === 'use-lite-tfjs') {
    const { createUseLiteTfjsEmbedder } = await import('./use-lite-tfjs-embedder.js');
    return createUseLiteTfjsEmbedder();
  }
  const { createTransformersEmbedder } = await import('./transformers-embedder.js');
  return createTransformersEmbedder({ model, cacheDir: options.modelsDir });
}
