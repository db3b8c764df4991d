/**
 * One onnxruntime session over the converted USE-lite graph, and one padded batch of token ids through it. Shared by
 * the embedder's own session and the ingest threads' (`session-pool.ts`), so both run the graph the same way.
 */
import type { InferenceSession } from 'onnxruntime-node';
import { USE_LITE_OUTPUT } from './constants.js';

type Ort = typeof import('onnxruntime-node');

export interface UseLiteSessionOptions {
  intraOpNumThreads: number;
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
}

export async function openUseLiteSession(ort: Ort, file: string, options: UseLiteSessionOptions): Promise<InferenceSession> {
  return ort.InferenceSession.create(file, {
    graphOptimizationLevel: options.graphOptimizationLevel ?? 'extended',
    intraOpNumThreads: options.intraOpNumThreads,
    interOpNumThreads: 1,
    // onnxruntime's pool threads busy-wait for the next call by default. Between questions that spinning took a
    // core from the rest of the answer: on 2 shared cores compromise tagged the question 3× slower right after an
    // embedding than alone (README, Performance). Sleeping instead changes no vector.
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  });
}

/** The batch's vectors as one flat row-major array (rows padded to the longest; the mask hides the padding). */
export async function runUseLiteBatch(ort: Ort, session: InferenceSession, ids: readonly (readonly number[])[]): Promise<Float32Array> {
  const seq = Math.max(...ids.map((x) => x.length));
  const inputIds = new BigInt64Array(ids.length * seq);
  const mask = new BigInt64Array(ids.length * seq);
  ids.forEach((row, i) => {
    for (let j = 0; j < row.length; j++) {
      inputIds[i * seq + j] = BigInt(row[j]!);
      mask[i * seq + j] = 1n;
    }
  });
  const out = await session.run({
    input_ids: new ort.Tensor('int64', inputIds, [ids.length, seq]),
    attention_mask: new ort.Tensor('int64', mask, [ids.length, seq]),
  });
  const tensor = out[USE_LITE_OUTPUT];
  if (!tensor) throw new Error(`USE-lite model returned no ${USE_LITE_OUTPUT}`);
  const result = new Float32Array(tensor.data as Float32Array); // copy before the tensor is released
  tensor.dispose();
  return result;
}
