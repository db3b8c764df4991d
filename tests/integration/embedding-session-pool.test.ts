/**
 * Bulk embedding on worker threads (`SessionPool`): the same vectors as the embedder's own session, bit for bit, in
 * input order; threads that cannot start leave the embedder working on its own session; idle threads stop and come
 * back on the next bulk call.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SEED_PATH } from '../support/articles.js';
import { readFileSync } from 'node:fs';
import { BULK_MIN_TEXTS, createUseLiteEmbedder, type UseLiteEmbedder } from '../../src/embedding/use-lite-embedder.js';
import { USE_LITE_ONNX_Q8_FILE } from '../../src/embedding/use-lite/ensure-model.js';
import { SessionPool, SessionPoolUnavailableError } from '../../src/embedding/use-lite/session-pool.js';

/** Distinct texts of varied length: the seed article's sentences, each also cut after every second word. */
function bulkTexts(): string[] {
  const sentences = readFileSync(SEED_PATH, 'utf8').split(/(?<=[.!?])\s+/).map((s) => s.trim()).filter((s) => s.length > 0);
  const out: string[] = [];
  for (const s of sentences) {
    const words = s.split(/\s+/);
    for (let n = words.length; n > 0; n -= 2) out.push(`${out.length}: ${words.slice(0, n).join(' ')}`);
  }
  return out.slice(0, 3 * BULK_MIN_TEXTS);
}

let pooled: UseLiteEmbedder;
let single: UseLiteEmbedder;

beforeAll(async () => {
  pooled = await createUseLiteEmbedder({ dtype: 'q8', bulkThreads: 2 });
  single = await createUseLiteEmbedder({ dtype: 'q8', bulkThreads: 0 });
}, 120_000);
afterAll(async () => {
  await pooled?.close();
  await single?.close();
});

describe('bulk embedding on worker threads', () => {
  it('gives the same vectors, in input order, as one session', async () => {
    const texts = bulkTexts();
    expect(texts.length).toBeGreaterThanOrEqual(BULK_MIN_TEXTS);
    const [a, b] = [await pooled.embed(texts), await single.embed(texts)];
    expect(a).toHaveLength(texts.length);
    expect(a).toEqual(b);
    // The order against single calls (a mix-up of rows would pass the comparison above if both paths mixed alike);
    // a batch of one pads differently, so equal to float rounding only.
    for (const i of [0, 7, texts.length - 1]) {
      const [alone] = await single.embed([texts[i]!]);
      a[i]!.forEach((x, j) => expect(x).toBeCloseTo(alone![j]!, 5));
    }
  }, 120_000);

  it('threads that cannot start are reported, and the embedder falls back to its own session', async () => {
    const pool = new SessionPool(path.join(pooled.modelDir, 'missing.onnx'), 2);
    await expect(pool.run([[10, 11, 12]])).rejects.toBeInstanceOf(SessionPoolUnavailableError);
    expect(pool.runningThreads).toBe(0);
    await pool.close();
  }, 60_000);

  it('idle threads stop and start again on the next batch; a closed pool refuses work', async () => {
    const pool = new SessionPool(path.join(pooled.modelDir, USE_LITE_ONNX_Q8_FILE), 2, undefined, 200);
    const first = await pool.run([[10, 11, 12], [13, 14]]);
    expect(first).toHaveLength(2 * 512);
    expect(pool.runningThreads).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(pool.runningThreads).toBe(0);
    expect(await pool.run([[10, 11, 12], [13, 14]])).toEqual(first);
    await pool.close();
    await expect(pool.run([[10]])).rejects.toBeInstanceOf(SessionPoolUnavailableError);
  }, 60_000);

  it('a process that embeds in bulk and closes the embedder then ends by itself, as the CLI does', async () => {
    // Under vitest something else always keeps the event loop alive; a plain node process shows whether the pool does.
    const built = pathToFileURL(path.join(ROOT, 'dist', 'embedding', 'use-lite-embedder.js')).href;
    const script = `
      const { createUseLiteEmbedder } = await import(${JSON.stringify(built)});
      const e = await createUseLiteEmbedder({ dtype: 'q8', bulkThreads: 2 });
      const vectors = await e.embed(Array.from({ length: 200 }, (_, i) => 'Sentence ' + i + ' about the tram line.'));
      await e.close();
      console.log('embedded', vectors.length);`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { timeout: 60_000 });
    expect(stdout.trim()).toBe('embedded 200');
  }, 90_000);

  it('closing while the threads still load the model waits for them instead of aborting the process', async () => {
    const pool = new SessionPool(path.join(pooled.modelDir, USE_LITE_ONNX_Q8_FILE), 2);
    const refused = expect(pool.run([[10, 11, 12]])).rejects.toBeInstanceOf(SessionPoolUnavailableError);
    await pool.close();
    await refused;
    expect(pool.runningThreads).toBe(0);
  }, 60_000);
});
