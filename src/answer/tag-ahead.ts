/**
 * Tagging a generation's sentences for names on a worker thread while the bot waits for questions (`names-ahead.ts`
 * says why). One batch is out at a time, so stopping is quick and the main thread only ever takes in a batch's
 * spans between answers. Sentences another served generation has already tagged are copied, not tagged again: a
 * rebuild after one new article tags that article's sentences only. With a file, what an earlier run kept there is
 * read back first, and the table is written there once complete, so a restart tags nothing it has tagged before.
 */
import type { Worker } from 'node:worker_threads';
import { spawnSiblingWorker } from '../spawn-worker.js';
import { NamesAhead, otherServedTables, serveNamesAhead } from './names-ahead.js';
import { readNamesFile, sentenceKey, writeNamesFile } from './names-file.js';

export interface TagAheadOptions {
  /** Sentences a message; small enough that a batch's spans cost the main thread well under a millisecond. */
  batch?: number;
  /** Wait this long before starting, so that opening and the first answers keep both cores. */
  delayMs?: number;
  /** Where the names are kept between runs (`names-file.ts`): read first, written when the table is complete. */
  file?: string;
}

export interface TagAhead {
  readonly table: NamesAhead;
  /** Settles when every sentence is in the table, or when tagging stopped (a failed worker leaves the rest to first touch). */
  readonly done: Promise<void>;
  /** How many sentences the worker tagged (the rest were copied or read back). */
  readonly tagged: number;
  /** Ends the worker and forgets the table (the generation is closing). */
  stop(): Promise<void>;
}

/** Sentences looked up in a names file per turn of the event loop: a few milliseconds, so answers are not held up. */
const LOOKUPS_PER_TURN = 5_000;

export function tagAhead(sentences: readonly string[], options: TagAheadOptions = {}): TagAhead {
  const { batch = 64, delayMs = 1000, file } = options;
  const table = new NamesAhead();
  const forget = serveNamesAhead(table);
  const unique = [...new Set(sentences)];
  // Copied now: the earlier generation may close, and forget its table, before this one starts.
  const earlier = otherServedTables(table);
  let todo = unique.filter((sentence) => !earlier.some((other) => table.copyFrom(other, sentence)));
  let worker: Worker | undefined;
  let stopped = false;
  let tagged = 0;
  let rewrite = false;
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
  const complete = async () => {
    // An index folder that cannot be written to costs the next start a tagging run, nothing more.
    if (file && rewrite && !stopped) await writeNamesFile(file, table).catch(() => {});
    await end();
  };
  /** Takes what the file holds; it is rewritten unless it holds exactly the served sentences. */
  const readBack = async (from: string) => {
    const saved = await readNamesFile(from);
    let found = 0;
    const left: string[] = [];
    for (let i = 0; i < unique.length && !stopped; i++) {
      const run = saved?.get(sentenceKey(unique[i]!));
      if (run) {
        found++;
        table.add([unique[i]!], run);
      }
      if (i % LOOKUPS_PER_TURN === LOOKUPS_PER_TURN - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    for (const sentence of todo) if (!table.has(sentence)) left.push(sentence);
    todo = left;
    rewrite = !saved || found !== unique.length || saved.size !== unique.length;
  };
  let next = 0;
  const send = () => {
    if (stopped || !worker) return;
    if (next >= todo.length) return void complete();
    worker.postMessage(todo.slice(next, next + batch));
  };
  const start = async () => {
    if (file) await readBack(file);
    if (stopped) return;
    if (todo.length === 0) return void complete();
    worker = spawnSiblingWorker(import.meta.url, 'names-ahead-worker', null);
    // A bot that is shutting down does not wait for names nobody will ask about.
    worker.unref();
    worker.on('message', (packed: Int32Array) => {
      const sent = todo.slice(next, next + batch);
      table.add(sent, packed);
      next += sent.length;
      tagged += sent.length;
      send();
    });
    worker.on('error', () => void end());
    worker.on('exit', () => void end());
    send();
  };
  const timer = setTimeout(() => void start(), delayMs);
  timer.unref();
  return {
    table,
    done,
    get tagged() {
      return tagged;
    },
    async stop() {
      forget();
      await end();
    },
  };
}
