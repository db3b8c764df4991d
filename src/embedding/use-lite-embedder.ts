/**
 * USE-lite (Universal Sentence Encoder Lite, 512-d): the graph converted to ONNX by `use-lite/convert.ts`, run by
 * onnxruntime-node directly, fed token ids from the exact re-implementation of the reference tokenizer
 * (`use-lite/tokenizer.ts`). transformers.js (which runs the same onnxruntime-node underneath) stays the loader for
 * every other model; for this one, skipping it starts faster in less memory with identical vectors (README, Performance).
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { InferenceSession } from 'onnxruntime-node';
import type { Embedder } from './embedder.js';
import { USE_LITE_DIMENSIONS } from './use-lite/constants.js';
import { USE_LITE_ONNX_FILE, USE_LITE_ONNX_Q8_FILE, USE_LITE_VOCAB_FILE, ensureUseLiteModel, type EnsureUseLiteOptions } from './use-lite/ensure-model.js';
import { embedInLengthBatches, truncateTokens } from './use-lite/length-batches.js';
import { openUseLiteSession, runUseLiteBatch } from './use-lite/session.js';
import { SessionPool, SessionPoolUnavailableError } from './use-lite/session-pool.js';
import { UseLiteTokenizer, type UseLiteVocabulary } from './use-lite/tokenizer.js';

/** Recorded in index manifests. Same weights as the TF.js runtime (vectors agree at cos ≥ 0.999), kept distinct from its id. */
export const USE_LITE_MODEL_ID = 'energetic-ai/use-lite-0.2.0/onnx';
/**
 * The int8 variant (`dtype: 'q8'`, onnx/model_quantized.onnx): the Transformer layers' products in int8, per-row
 * activations. Close to the float model (cosine ≥ 0.997 on XQuAD's sentences), not bit-compatible, so its own id
 * and its own answer calibration.
 */
export const USE_LITE_INT8_MODEL_ID = 'energetic-ai/use-lite-0.2.0/onnx-int8';
export const USE_LITE_BATCH_SIZE = 32;
/**
 * Fewer texts than this embed on the embedder's own session: starting the bulk threads costs more than a few
 * batches (an article of a few dozen sentences embeds in tens of milliseconds).
 */
export const BULK_MIN_TEXTS = 128;

export interface UseLiteEmbedderOptions extends EnsureUseLiteOptions {
  /** Sentences per onnxruntime call (default 32). */
  batchSize?: number;
  /**
   * onnxruntime intra-op threads of the embedder's own session (default: 1 when bulk threads embed ingests, else the
   * available CPUs, at most 4: 2 threads on 2 cores gave ~1.7× the throughput of one on batches, but a single short
   * question embeds faster on one).
   */
  intraOpNumThreads?: number;
  /**
   * onnxruntime graph optimisation level (default 'extended'; 'all' adds layout transforms that made this
   * small graph slower with 2 threads).
   */
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
  /** 'fp32' (default here: the faithful conversion, onnx/model.onnx) or 'q8' (onnx/model_quantized.onnx, int8). */
  dtype?: 'fp32' | 'q8';
  /**
   * Threads for bulk embedding (ingest), each with a single-threaded session (`use-lite/session-pool.ts`); default
   * the available CPUs, at most 4, none on one CPU. 0 embeds everything on the embedder's own session.
   */
  bulkThreads?: number;
}

export interface UseLiteEmbedder extends Embedder {
  /** The exact (reference-identical) tokenizer, before the 128-token cut. */
  readonly tokenizer: UseLiteTokenizer;
  /** Folder the model was loaded from. */
  readonly modelDir: string;
}

export async function createUseLiteEmbedder(options: UseLiteEmbedderOptions = {}): Promise<UseLiteEmbedder> {
  const modelDir = await ensureUseLiteModel(options);
  const vocabulary = JSON.parse(await readFile(path.join(modelDir, USE_LITE_VOCAB_FILE), 'utf8')) as UseLiteVocabulary;
  const tokenizer = new UseLiteTokenizer(vocabulary);

  const ort = await import('onnxruntime-node');
  const cpus = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const modelFile = path.join(modelDir, options.dtype === 'q8' ? USE_LITE_ONNX_Q8_FILE : USE_LITE_ONNX_FILE);
  const bulkThreads = options.bulkThreads ?? (cpus >= 2 ? Math.min(4, cpus) : 0);
  let session: InferenceSession | null = await openUseLiteSession(ort, modelFile, {
    graphOptimizationLevel: options.graphOptimizationLevel,
    // With bulk threads for ingest, this session mostly embeds one question at a time, which one thread does faster
    // than two (p50 1.14–1.20 against 1.32–1.38 ms, p90 1.5 against 2.2–2.4 ms, alternated in one process; README,
    // Performance); without them it embeds everything, and two threads nearly double that.
    intraOpNumThreads: options.intraOpNumThreads ?? (bulkThreads > 0 ? 1 : Math.max(1, Math.min(4, cpus))),
  });
  const batchSize = Math.max(1, options.batchSize ?? USE_LITE_BATCH_SIZE);
  const runBatch = (ids: number[][]) => runUseLiteBatch(ort, session!, ids);
  let pool: SessionPool | null = bulkThreads > 0 ? new SessionPool(modelFile, bulkThreads, runBatch) : null;

  async function embedIds(ids: number[][]): Promise<number[][]> {
    if (pool && ids.length >= BULK_MIN_TEXTS) {
      try {
        return await embedInLengthBatches(ids, batchSize, (batch) => pool!.run(batch), true);
      } catch (error) {
        if (!(error instanceof SessionPoolUnavailableError)) throw error;
        // Threads could not start (or all died): this session still embeds, at its own pace, from now on.
        process.stderr.write(`Footnote: ${error.message}; embedding on one session instead.\n`);
        pool = null;
      }
    }
    return embedInLengthBatches(ids, batchSize, runBatch);
  }

  return {
    model: options.dtype === 'q8' ? USE_LITE_INT8_MODEL_ID : USE_LITE_MODEL_ID,
    dimensions: USE_LITE_DIMENSIONS,
    tokenizer,
    modelDir,
    async embed(texts: string[]): Promise<number[][]> {
      if (!session) throw new Error('USE-lite embedder is closed');
      if (texts.length === 0) return [];
      const ids = texts.map((text, i) => {
        if (typeof text !== 'string' || text.length === 0)
          throw new Error(`USE-lite cannot embed an empty string (text #${i}); reject empty input before embedding`);
        const tokens = tokenizer.encode(text);
        if (tokens.length === 0) throw new Error(`USE-lite: text #${i} has no tokens`);
        return truncateTokens(tokens);
      });
      return embedIds(ids);
    },
    async close(): Promise<void> {
      const s = session;
      session = null;
      const p = pool;
      pool = null;
      await p?.close();
      await s?.release();
    },
  };
}
