import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { FootnoteError } from '../errors.js';
import type { Embedder } from './embedder.js';

export interface TransformersEmbedderOptions {
  /** A Hugging Face model id (downloaded and cached when online) or a local folder. */
  model: string;
  /** Recorded in index manifests (default: the hub id, or `local:<folder name>`). */
  id?: string;
  /** Where hub downloads are cached (transformers.js's own cache layout). */
  cacheDir?: string;
  /** What the model's authors specify: mean of token states, or the [CLS] state. */
  pooling?: 'mean' | 'cls';
  dtype?: 'fp32' | 'q8';
  batchSize?: number;
  /** onnxruntime intra-op threads (default: available CPUs, at most 4), as for USE-lite. */
  intraOpNumThreads?: number;
}

export function isLocalModel(model: string): boolean {
  return model.startsWith('.') || path.isAbsolute(model) || fs.existsSync(model);
}

/**
 * Any transformers.js feature-extraction model, pooled as its authors specify and L2-normalised. A local folder is
 * loaded with remote models disabled (restored afterwards) so an offline machine fails fast instead of trying the hub.
 */
export async function createTransformersEmbedder(options: TransformersEmbedderOptions): Promise<Embedder> {
  const isLocal = isLocalModel(options.model);
  const cpus = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const settings = {
    dtype: options.dtype ?? 'fp32',
    device: 'cpu' as const,
    session_options: { intraOpNumThreads: options.intraOpNumThreads ?? Math.max(1, Math.min(4, cpus)), interOpNumThreads: 1 },
  };
  const previous = { allowRemoteModels: env.allowRemoteModels, localModelPath: env.localModelPath, cacheDir: env.cacheDir };
  let extractor: FeatureExtractionPipeline;
  try {
    if (isLocal) {
      const folder = path.resolve(options.model);
      env.localModelPath = path.dirname(folder);
      env.allowRemoteModels = false;
      extractor = await pipeline('feature-extraction', path.basename(folder), { ...settings, local_files_only: true });
    } else {
      if (options.cacheDir) env.cacheDir = options.cacheDir;
      extractor = await pipeline('feature-extraction', options.model, settings);
    }
  } catch (error) {
    throw new FootnoteError('MODEL_LOAD_FAILED', { model: options.model, reason: (error as Error).message }, { cause: error });
  } finally {
    Object.assign(env, previous);
  }
  const pooling = options.pooling ?? 'mean';
  const batchSize = Math.max(1, options.batchSize ?? 32);
  const run = async (texts: string[]) =>
    (await extractor(texts, { pooling, normalize: true })).tolist() as number[][];
  const dimensions = (await run(['dimension probe']))[0]!.length;
  return {
    model: options.id ?? (isLocal ? `local:${path.basename(path.resolve(options.model))}` : options.model),
    dimensions,
    async embed(texts) {
      if (texts.some((text) => text.trim() === '')) throw new FootnoteError('EMPTY_TEXT_TO_EMBED');
      const vectors: number[][] = [];
      // Sorting by length keeps padding low inside a batch; results go back in input order.
      const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
      const sorted: number[][] = [];
      for (let i = 0; i < order.length; i += batchSize) sorted.push(...(await run(order.slice(i, i + batchSize).map((k) => texts[k]!))));
      order.forEach((original, position) => (vectors[original] = sorted[position]!));
      return vectors;
    },
    async close() {
      await extractor.dispose();
    },
  };
}
