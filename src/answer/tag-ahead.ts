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
  /** Told once the table is complete: a large collection keeps a core busy for minutes, and an operator should see why. */
  onNotice?: (message: string) => void;
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
  return new TagAheadRun(sentences, options);
}

class TagAheadRun implements TagAhead {
  readonly table = new NamesAhead();
  readonly done: Promise<void>;
  tagged = 0;
  private readonly forget: () => void;
  private unique: string[] = [];
  private todo: string[] = [];
  private next = 0;
  private worker: Worker | undefined;
  private stopped = false;
  private rewrite = false;
  private finish = () => {};
  private started = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    sentences: readonly string[],
    private readonly options: TagAheadOptions,
  ) {
    this.forget = serveNamesAhead(this.table);
    // Copied now: the earlier generation may close, and forget its table, before this one starts. With none (a
    // start), the sentences are gathered when tagging starts: making 200k of them distinct took 0.1 s of the
    // start-up to ready.
    const earlier = otherServedTables(this.table);
    if (earlier.length > 0) this.gather(sentences, earlier);
    this.done = new Promise<void>((resolve) => (this.finish = resolve));
    this.timer = setTimeout(() => {
      if (earlier.length === 0) this.gather(sentences, []);
      void this.start();
    }, options.delayMs ?? 1000);
    this.timer.unref();
  }

  /** The distinct sentences, and those left to tag once the earlier tables' are copied. */
  private gather(sentences: readonly string[], earlier: readonly NamesAhead[]): void {
    this.unique = [...new Set(sentences)];
    this.todo = this.unique.filter((sentence) => !earlier.some((other) => this.table.copyFrom(other, sentence)));
  }

  async stop(): Promise<void> {
    this.forget();
    await this.end();
  }

  private async start(): Promise<void> {
    this.started = performance.now();
    if (this.options.file) await this.readBack(this.options.file);
    if (this.stopped) return;
    if (this.todo.length === 0) return void this.complete();
    const worker = (this.worker = spawnSiblingWorker(import.meta.url, 'names-ahead-worker', null));
    // A bot that is shutting down does not wait for names nobody will ask about.
    worker.unref();
    worker.on('message', (packed: Int32Array) => {
      const sent = this.batchAt(this.next);
      this.table.add(sent, packed);
      this.next += sent.length;
      this.tagged += sent.length;
      this.send();
    });
    worker.on('error', () => void this.end());
    worker.on('exit', () => void this.end());
    this.send();
  }

  /** Takes what the file holds; it is rewritten unless it holds exactly the served sentences. */
  private async readBack(file: string): Promise<void> {
    const saved = await readNamesFile(file);
    let found = 0;
    for (let i = 0; i < this.unique.length && !this.stopped; i++) {
      const run = saved?.get(sentenceKey(this.unique[i]!));
      if (run) {
        found++;
        this.table.add([this.unique[i]!], run);
      }
      if (i % LOOKUPS_PER_TURN === LOOKUPS_PER_TURN - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    this.todo = this.todo.filter((sentence) => !this.table.has(sentence));
    this.rewrite = !saved || found !== this.unique.length || saved.size !== this.unique.length;
  }

  private batchAt(at: number): string[] {
    return this.todo.slice(at, at + (this.options.batch ?? 64));
  }

  private send(): void {
    if (this.stopped || !this.worker) return;
    if (this.next >= this.todo.length) return void this.complete();
    this.worker.postMessage(this.batchAt(this.next));
  }

  private async complete(): Promise<void> {
    const { file, onNotice } = this.options;
    // An index folder that cannot be written to costs the next start a tagging run, nothing more.
    if (file && this.rewrite && !this.stopped) await writeNamesFile(file, this.table).catch(() => {});
    if (!this.stopped) {
      const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
      onNotice?.(`Names tagged ahead for ${this.table.size.toLocaleString('en-US')} sentences in ${seconds} s (${this.tagged.toLocaleString('en-US')} tagged, the rest kept from before).`);
    }
    await this.end();
  }

  private async end(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const ending = this.worker?.terminate();
    this.worker = undefined;
    this.finish();
    await ending;
  }
}
