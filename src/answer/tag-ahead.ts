/**
 * Tagging a generation's sentences for names on a worker thread while the bot waits for questions (`names-ahead.ts`
 * says why). One batch is out at a time, so stopping is quick and the main thread only ever takes in a batch's
 * spans between answers. Sentences another served generation has already tagged are copied, not tagged again: a
 * rebuild after one new article tags that article's sentences only.
 */
import type { Worker } from 'node:worker_threads';
import { spawnSiblingWorker } from '../spawn-worker.js';
import { NamesAhead, otherServedTables, serveNamesAhead } from './names-ahead.js';

export interface TagAheadOptions {
  /** Sentences a message; small enough that a batch's spans cost the main thread well under a millisecond. */
  batch?: number;
  /** Wait this long before starting, so that opening and the first answers keep both cores. */
  delayMs?: number;
}

export interface TagAhead {
  readonly table: NamesAhead;
  /** Settles when every sentence is in the table, or when tagging stopped (a failed worker leaves the rest to first touch). */
  readonly done: Promise<void>;
  /** Ends the worker and forgets the table (the generation is closing). */
  stop(): Promise<void>;
}

export function tagAhead(sentences: readonly string[], options: TagAheadOptions = {}): TagAhead {
  const { batch = 64, delayMs = 1000 } = options;
  const table = new NamesAhead();
  const forget = serveNamesAhead(table);
  const earlier = otherServedTables(table);
  const todo = [...new Set(sentences)].filter((sentence) => !earlier.some((other) => table.copyFrom(other, sentence)));
  let worker: Worker | undefined;
  let stopped = false;
  let finish = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  const end = async () => {
    stopped = true;
    clearTimeout(timer);
    const ending = worker?.terminate();
    worker = undefined;
    finish();
    await ending;
  };
  let next = 0;
  const send = () => {
    if (stopped || !worker) return;
    if (next >= todo.length) return void end();
    worker.postMessage(todo.slice(next, next + batch));
  };
  const start = () => {
    if (stopped || todo.length === 0) return void end();
    worker = spawnSiblingWorker(import.meta.url, 'names-ahead-worker', null);
    // A bot that is shutting down does not wait for names nobody will ask about.
    worker.unref();
    worker.on('message', (packed: Int32Array) => {
      const sent = todo.slice(next, next + batch);
      table.add(sent, packed);
      next += sent.length;
      send();
    });
    worker.on('error', () => void end());
    worker.on('exit', () => void end());
    send();
  };
  const timer = setTimeout(start, delayMs);
  timer.unref();
  return {
    table,
    done,
    async stop() {
      forget();
      await end();
    },
  };
}
