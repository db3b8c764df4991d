/**
 * Bulk embedding on several single-threaded onnxruntime sessions, one per worker thread, instead of one session
 * whose two intra-op threads share each batch. This graph's batches are small (32 sentences of ~30 tokens), and
 * splitting one across threads left much of the second core idle: on 2 cores two single-threaded sessions embed
 * about 2,070 sentences/s together against 1,430/s for one two-threaded session (int8, 3,000 generated sentences;
 * README, Performance). Questions keep the embedder's own session: one batch at a time, latency first.
 *
 * Threads start on the first bulk call (a few hundred milliseconds; meanwhile the caller's own session takes the
 * batches) and end after a while without work, so an answering bot holds no extra sessions between ingests.
 */
import type { Worker } from 'node:worker_threads';
import { spawnSiblingWorker } from '../../spawn-worker.js';

export type SessionJob = { job: number; ids: number[][] };
export type SessionReply =
  | { type: 'ready' }
  | { type: 'done'; job: number; vectors: Float32Array }
  | { type: 'failed'; job: number; message: string };

/** Every thread of the pool failed to start or died: the caller should embed on its own session instead. */
export class SessionPoolUnavailableError extends Error {}

/** Threads with nothing to do end after this long, releasing their sessions. */
export const SESSION_POOL_IDLE_MS = 10_000;

interface Pending {
  job: number;
  ids: number[][];
  resolve: (vectors: Float32Array) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  busy: Pending | null;
}

export class SessionPool {
  private slots: Slot[] = [];
  private queue: Pending[] = [];
  private nextJob = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private localBusy = false;

  /**
   * `local` runs a batch on the caller's own session; it is used only while the threads are still starting, since
   * beside them it would oversubscribe the cores.
   */
  constructor(
    private readonly modelFile: string,
    readonly threads: number,
    private readonly local?: (ids: number[][]) => Promise<Float32Array>,
    private readonly idleMs = SESSION_POOL_IDLE_MS,
  ) {}

  /** Threads started and not yet stopped (0 before the first batch and after an idle spell). */
  get runningThreads(): number {
    return this.slots.length;
  }

  /** The vectors of one batch of token ids (flat, row-major), from whichever thread is free first. */
  run(ids: number[][]): Promise<Float32Array> {
    if (this.closed) return Promise.reject(new SessionPoolUnavailableError('the session pool is closed'));
    if (this.slots.length === 0) this.spawn();
    return new Promise((resolve, reject) => {
      this.queue.push({ job: this.nextJob++, ids, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.stopThreads(new SessionPoolUnavailableError('the session pool is closed'));
  }

  private spawn(): void {
    for (let i = 0; i < this.threads; i++) {
      const slot: Slot = { worker: spawnSiblingWorker(import.meta.url, 'session-worker', { modelFile: this.modelFile }), ready: false, busy: null };
      slot.worker.on('message', (reply: SessionReply) => this.onReply(slot, reply));
      slot.worker.on('error', (error) => this.onDeath(slot, error));
      slot.worker.on('exit', (code) => this.onDeath(slot, new Error(`an embedding thread exited (code ${code})`)));
      this.slots.push(slot);
    }
  }

  private onReply(slot: Slot, reply: SessionReply): void {
    if (reply.type === 'ready') slot.ready = true;
    else {
      const done = slot.busy;
      slot.busy = null;
      if (done && reply.type === 'done') done.resolve(reply.vectors);
      else if (done && reply.type === 'failed') done.reject(new Error(reply.message));
    }
    this.pump();
  }

  private onDeath(slot: Slot, error: Error): void {
    if (!this.slots.includes(slot)) return; // already stopped on purpose
    this.slots = this.slots.filter((s) => s !== slot);
    if (slot.busy) this.queue.unshift(slot.busy); // another thread takes it over
    slot.busy = null;
    if (this.slots.length === 0) {
      const unavailable = new SessionPoolUnavailableError(`bulk embedding threads are unavailable: ${error.message}`);
      for (const pending of this.queue.splice(0)) pending.reject(unavailable);
    }
    this.pump();
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.busy || this.queue.length === 0) continue;
      const next = this.queue.shift()!;
      slot.busy = next;
      slot.worker.postMessage({ job: next.job, ids: next.ids } satisfies SessionJob);
    }
    if (this.local && !this.localBusy && this.queue.length > 0 && this.slots.some((s) => !s.ready)) this.runLocally(this.queue.shift()!);
    const working = this.queue.length > 0 || this.localBusy || this.slots.some((s) => s.busy);
    // A thread with work keeps the process alive until the caller has its vectors; an idle one must not.
    for (const slot of this.slots) (working ? slot.worker.ref() : slot.worker.unref());
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (!working && this.slots.length > 0) {
      this.idleTimer = setTimeout(() => void this.stopThreads(), this.idleMs);
      this.idleTimer.unref();
    }
  }

  private runLocally(pending: Pending): void {
    this.localBusy = true;
    // setImmediate: the threads' "ready" messages are read between local batches, not after the whole queue.
    setImmediate(() =>
      this.local!(pending.ids)
        .then(pending.resolve, pending.reject)
        .finally(() => {
          this.localBusy = false;
          this.pump();
        }),
    );
  }

  private async stopThreads(reason?: Error): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const slots = this.slots;
    this.slots = [];
    if (reason) for (const pending of this.queue.splice(0)) pending.reject(reason);
    for (const slot of slots) if (slot.busy && reason) slot.busy.reject(reason);
    await Promise.all(slots.map((slot) => stopThread(slot.worker)));
  }
}

/**
 * Asks a thread to release its session and end (it reads the request after its start-up and any batch in hand);
 * `terminate` only for one that does not end within `graceMs`.
 */
async function stopThread(worker: Worker, graceMs = 5_000): Promise<void> {
  const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.postMessage('stop');
  worker.ref(); // a caller awaiting close() must not see the process end first

  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), graceMs);
    timer.unref();
  });
  if ((await Promise.race([ended, late])) === 'late') await worker.terminate();
  clearTimeout(timer);
}
