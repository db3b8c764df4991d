import fs from 'node:fs';
import path from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { FootnoteError } from '../errors.js';
import type { Embedder } from './embedder.js';

export interface TransformersEmbedderOptions {
  /** A Hugging Face model id (downloaded and cached when online) or a local folder. */
  model: string;
  /** Where downloaded models are cached. */
  cacheDir?: string;
  batchSize?: number;
}

/**
 * Any transformers.js feature-extraction model, mean-pooled and normalised. A local folder is loaded with remote
 * models disabled so an offline machine fails fast instead of trying the hub.
 */
export async function createTransformersEmbedder(options: TransformersEmbedderOptions): Promise<Embedder> {
  const isLocal = options.model.startsWith('.') || path.isAbsolute(options.model) || fs.existsSync(options.model);
  if (options.cacheDir) env.cacheDir = options.cacheDir;
  let extractor: FeatureExtractionPipeline;
  try {
    if (isLocal) {
      const folder = path.resolve(options.model);
      env.localModelPath = path.dirname(folder);
      env.allowRemoteModels = false;
      extractor = await pipeline('feature-extraction', path.basename(folder), { dtype: 'fp32' });
    } else {
      extractor = await pipeline('feature-extraction', options.model, { dtype: 'fp32' });
    }
  } catch (error) {
    throw new FootnoteError('MODEL_LOAD_FAILED', { model: options.model, reason: (error as Error).message }, { cause: error });
  }
  const probe = (await extractor('dimension probe', { pooling: 'mean', normalize: true })).tolist() as number[][];
  const dimensions = probe[0]!.length;
  const batchSize = options.batchSize ?? 32;
  return {
    model: isLocal ? `local:${path.basename(path.resolve(options.model))}` : options.model,
    dimensions,
    async embed(texts) {
      if (texts.some((text) => text.trim() === '')) throw new FootnoteError('EMPTY_TEXT_TO_EMBED');
      const vectors: number[][] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        const output = await extractor(texts.slice(i, i + batchSize), { pooling: 'mean', normalize: true });
        vectors.push(...(output.tolist() as number[][]));
      }
      return vectors;
    },
    async close() {
      await extractor.dispose();
    },
  };
}
