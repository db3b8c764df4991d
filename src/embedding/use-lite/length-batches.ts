import { USE_LITE_DIMENSIONS } from './constants.js';
import { USE_LITE_MAX_TOKENS } from './tokenizer.js';

/** The graph reads only the first 128 tokens; cutting here keeps padded batches small and results identical. */
export function truncateTokens(tokens: number[]): number[] {
  return tokens.length > USE_LITE_MAX_TOKENS ? tokens.slice(0, USE_LITE_MAX_TOKENS) : tokens;
}

/**
 * Runs token-id lists through `runBatch` in batches of similar length (less padding work) and returns one vector per
 * input, in input order. `runBatch` returns the batch's vectors as one flat row-major array. With `concurrent`, every
 * batch is handed over at once (a pool of sessions queues them); otherwise one at a time.
 */
export async function embedInLengthBatches(
  ids: number[][],
  batchSize: number,
  runBatch: (batch: number[][]) => Promise<Float32Array>,
  concurrent = false,
): Promise<number[][]> {
  const order = ids.map((_, i) => i).sort((a, b) => ids[a]!.length - ids[b]!.length || a - b);
  const vectors: number[][] = new Array(ids.length);
  const place = (chunk: number[], data: Float32Array) =>
    chunk.forEach((original, row) => {
      vectors[original] = Array.from(data.subarray(row * USE_LITE_DIMENSIONS, (row + 1) * USE_LITE_DIMENSIONS));
    });
  const chunks: number[][] = [];
  for (let start = 0; start < order.length; start += batchSize) chunks.push(order.slice(start, start + batchSize));
  if (concurrent) {
    await Promise.all(chunks.map(async (chunk) => place(chunk, await runBatch(chunk.map((i) => ids[i]!)))));
  } else {
    for (const chunk of chunks) place(chunk, await runBatch(chunk.map((i) => ids[i]!)));
  }
  return vectors;
}
