/**
 * The thread behind `SessionPool`: one single-threaded onnxruntime session over the USE-lite graph; each message is
 * a batch of token ids, each reply its vectors (transferred) or the error's message. `stop` releases the session and
 * lets the thread end by itself: terminating a thread while onnxruntime is still loading in it aborts the process.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openUseLiteSession, runUseLiteBatch } from './session.js';
import type { SessionJob, SessionReply } from './session-pool.js';

const { modelFile } = workerData as { modelFile: string };
const ort = await import('onnxruntime-node');
const session = await openUseLiteSession(ort, modelFile, { intraOpNumThreads: 1 });
parentPort!.postMessage({ type: 'ready' } satisfies SessionReply);

let inHand: Promise<void> = Promise.resolve();

parentPort!.on('message', (job: SessionJob | 'stop') => {
  // Batches and the stop request are taken in the order sent: the session is never released under a running batch.
  inHand = inHand.then(() => (job === 'stop' ? stop() : embed(job)));
});

async function embed(job: SessionJob): Promise<void> {
  try {
    const vectors = await runUseLiteBatch(ort, session, job.ids);
    parentPort!.postMessage({ type: 'done', job: job.job, vectors } satisfies SessionReply, [vectors.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ type: 'failed', job: job.job, message: (error as Error).message } satisfies SessionReply);
  }
}

async function stop(): Promise<void> {
  await session.release();
  parentPort!.close();
}
