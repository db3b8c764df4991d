/**
 * Builds an index generation's HNSW graph on a worker thread while the caller embeds: the points arrive in steps
 * (stored vectors at once, fresh ones as each embedding step ends) and the caller receives the written file.
 * onnxruntime's two threads leave about a third of a core idle between and inside runs (1.7 cores busy embedding
 * with int8), and inserting into HNSW was a fifth of an ingest's time; overlapped, most of it disappears (README,
 * Performance).
 */
import type { Worker } from 'node:worker_threads';
import { spawnSiblingWorker } from '../spawn-worker.js';

export type GraphBuildMessage = { type: 'add'; labels: Int32Array; rows: Float32Array } | { type: 'write'; file: string };

export class BackgroundGraphBuild {
  private failure: Error | null = null;
  private added = 0;

  private constructor(
    private readonly worker: Worker,
    readonly dimensions: number,
  ) {
    worker.on('error', (error) => (this.failure = error));
  }

  static start(dimensions: number, capacity: number): BackgroundGraphBuild {
    return new BackgroundGraphBuild(spawnSiblingWorker(import.meta.url, 'graph-build-worker', { dimensions, capacity }), dimensions);
  }

  /** Queues `rows` under `labels` (same length); returns at once. */
  add(rows: ReadonlyArray<readonly number[]>, labels: readonly number[]): void {
    if (rows.length === 0) return;
    const flat = new Float32Array(rows.length * this.dimensions);
    rows.forEach((row, i) => flat.set(row, i * this.dimensions));
    const ids = Int32Array.from(labels);
    const message: GraphBuildMessage = { type: 'add', labels: ids, rows: flat };
    this.worker.postMessage(message, [ids.buffer as ArrayBuffer, flat.buffer as ArrayBuffer]);
    this.added += rows.length;
  }

  /** Waits until every queued point is in the graph, writes it to `file` and returns its size; the worker then ends. */
  async writeTo(file: string): Promise<number> {
    if (this.failure) throw this.failure;
    const size = await new Promise<number>((resolve, reject) => {
      this.worker.once('message', (reply: { size: number }) => resolve(reply.size));
      this.worker.once('error', reject);
      this.worker.once('exit', (code) => reject(new Error(`the graph build thread exited (code ${code}) before writing`)));
      this.worker.postMessage({ type: 'write', file } satisfies GraphBuildMessage);
    });
    if (size !== this.added) throw new Error(`the graph holds ${size} of ${this.added} points`);
    await this.stop();
    return size;
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
