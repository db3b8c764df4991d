/**
 * Diagnostic only (used by `bench/run.ts --diagnose`): the same USE-lite ONNX graph and exact tokenizer as
 * `src/embedding/use-lite-embedder.ts`, but run by onnxruntime-node directly instead of through transformers.js.
 * It exists to measure what the transformers.js layer costs at start-up (import time, RSS); it is a proposal, not
 * something the app uses.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Embedder } from '../src/embedding/embedder.js';
import { USE_LITE_DIMENSIONS } from '../src/embedding/use-lite/constants.js';
import { USE_LITE_ONNX_FILE, USE_LITE_VOCAB_FILE, ensureUseLiteModel } from '../src/embedding/use-lite/ensure-model.js';
import { embedInLengthBatches, truncateTokens } from '../src/embedding/use-lite/length-batches.js';
import { runUseLiteBatch } from '../src/embedding/use-lite/session.js';
import { UseLiteTokenizer, type UseLiteVocabulary } from '../src/embedding/use-lite/tokenizer.js';

/** Same id as `USE_LITE_MODEL_ID` (not imported: that module imports transformers.js, which is what we avoid). */
const USE_LITE_MODEL_ID = 'energetic-ai/use-lite-0.2.0/onnx';

export interface OrtDirectOptions {
  modelsDir?: string;
  batchSize?: number;
  /** onnxruntime's CPU memory arena (default true, as onnxruntime's own default). */
  enableCpuMemArena?: boolean;
  enableMemPattern?: boolean;
  intraOpNumThreads?: number;
}

export async function createOrtDirectEmbedder(options: OrtDirectOptions = {}): Promise<Embedder> {
  const ort = await import('onnxruntime-node');
  const modelDir = await ensureUseLiteModel(options.modelsDir ? { modelsDir: options.modelsDir } : {});
  const vocabulary = JSON.parse(await readFile(path.join(modelDir, USE_LITE_VOCAB_FILE), 'utf8')) as UseLiteVocabulary;
  const tokenizer = new UseLiteTokenizer(vocabulary);
  const cpus = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  let session: import('onnxruntime-node').InferenceSession | null = await ort.InferenceSession.create(
    path.join(modelDir, USE_LITE_ONNX_FILE),
    {
      graphOptimizationLevel: 'extended',
      intraOpNumThreads: options.intraOpNumThreads ?? Math.max(1, Math.min(4, cpus)),
      interOpNumThreads: 1,
      enableCpuMemArena: options.enableCpuMemArena ?? true,
      enableMemPattern: options.enableMemPattern ?? true,
    },
  );
  const batchSize = options.batchSize ?? 32;

  const runBatch = (ids: number[][]) => runUseLiteBatch(ort, session!, ids);

  return {
    model: USE_LITE_MODEL_ID,
    dimensions: USE_LITE_DIMENSIONS,
    async embed(texts: string[]): Promise<number[][]> {
      if (!session) throw new Error('closed');
      const ids = texts.map((text) => truncateTokens(tokenizer.encode(text)));
      return embedInLengthBatches(ids, batchSize, runBatch);
    },
    async close() {
      const s = session;
      session = null;
      await s?.release();
    },
  };
}
