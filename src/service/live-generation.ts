/**
 * The generation a service answers from, and the swap to the next one. A reload builds the next generation in the
 * background while every call keeps reading the current one; the swap is one assignment, so a question is answered
 * wholly from one generation. A retired generation is closed once the calls that started on it are done.
 */
import type { ReloadReport } from '../types.js';

export interface Generation {
  /** Article id → content hash, to tell what a swap added, changed and removed. */
  readonly hashes: ReadonlyMap<string, string>;
  close(): Promise<void>;
}

/** The next generation, or why there is none: `unchanged` when the source still matches the current one. */
export type NextGeneration<G> =
  | { generation: G; embedded: number; problems: ReloadReport['problems'] }
  | { unchanged: true; problems: ReloadReport['problems'] }
  /** The source could not be read consistently now (another writer holds the index); try again shortly. */
  | { retry: string };

export interface LiveGenerationOptions<G extends Generation> {
  initial: G;
  /** Builds the generation after `current`, reusing what it can. */
  next(current: G): Promise<NextGeneration<G>>;
  onNotice?: (message: string) => void;
  /** Wait before another try when the source asked for one; default 500 ms. */
  retryMs?: number;
  /** Tries before giving up on a source that keeps asking to retry; default 60. */
  maxRetries?: number;
}

export class LiveGeneration<G extends Generation> {
  private currentGeneration: G;
  /** Calls running on each generation; a retired one closes when its count reaches 0. */
  private readonly users = new Map<G, number>();
  private readonly retired = new Set<G>();
  private readonly listeners = new Set<(report: ReloadReport) => void>();
  private running?: Promise<ReloadReport>;
  private queued?: Promise<ReloadReport>;
  private closed = false;

  constructor(private readonly options: LiveGenerationOptions<G>) {
    this.currentGeneration = options.initial;
    this.users.set(options.initial, 0);
  }

  current(): G {
    return this.currentGeneration;
  }

  /** Runs `fn` on the current generation; that generation is not closed while `fn` runs. */
  async use<T>(fn: (generation: G) => Promise<T> | T): Promise<T> {
    const generation = this.currentGeneration;
    this.users.set(generation, (this.users.get(generation) ?? 0) + 1);
    try {
      return await fn(generation);
    } finally {
      this.release(generation);
    }
  }

  reload(): Promise<ReloadReport> {
    if (!this.running) {
      this.running = this.pass().finally(() => (this.running = undefined));
      return this.running;
    }
    // A change seen while a pass runs may have come after that pass read the folder: one more pass, shared.
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.reload();
      });
    return this.queued;
  }

  onReload(listener: (report: ReloadReport) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.running?.catch(() => undefined);
    await this.queued?.catch(() => undefined);
    this.retire(this.currentGeneration);
  }

  private async pass(): Promise<ReloadReport> {
    const started = performance.now();
    for (let attempt = 0; ; attempt++) {
      let next: NextGeneration<G>;
      try {
        next = await this.options.next(this.currentGeneration);
      } catch (error) {
        const message = error instanceof Error ? error.message.replace(/^Footnote: /, '') : String(error);
        this.options.onNotice?.(`The articles changed but the new index could not be built (${message}); still serving the previous one.`);
        return report('failed', started, { error: message });
      }
      if ('retry' in next) {
        if (this.closed || attempt >= (this.options.maxRetries ?? 60)) return report('failed', started, { error: next.retry });
        await new Promise((resolve) => setTimeout(resolve, this.options.retryMs ?? 500));
        continue;
      }
      if ('unchanged' in next) return report('unchanged', started, { problems: next.problems });
      if (this.closed) {
        await next.generation.close();
        return report('unchanged', started, { problems: next.problems });
      }
      return this.swap(next.generation, report('swapped', started, { problems: next.problems, embedded: next.embedded }));
    }
  }

  private swap(generation: G, done: ReloadReport): ReloadReport {
    const previous = this.currentGeneration;
    this.currentGeneration = generation;
    this.users.set(generation, 0);
    this.retire(previous);
    const swapped = { ...done, ...diff(previous.hashes, generation.hashes) };
    for (const listener of this.listeners) listener(swapped);
    return swapped;
  }

  private retire(generation: G): void {
    this.retired.add(generation);
    this.users.set(generation, (this.users.get(generation) ?? 0) + 1);
    this.release(generation);
  }

  private release(generation: G): void {
    const left = (this.users.get(generation) ?? 1) - 1;
    this.users.set(generation, left);
    if (left > 0 || !this.retired.has(generation)) return;
    this.retired.delete(generation);
    this.users.delete(generation);
    void generation.close().catch((error) => this.options.onNotice?.(`Closing a retired index generation failed: ${(error as Error).message}`));
  }
}

function diff(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>) {
  return {
    added: [...after.keys()].filter((id) => !before.has(id)),
    changed: [...after].filter(([id, hash]) => before.has(id) && before.get(id) !== hash).map(([id]) => id),
    removed: [...before.keys()].filter((id) => !after.has(id)),
  };
}

function report(status: ReloadReport['status'], started: number, parts: Partial<ReloadReport>): ReloadReport {
  return { status, added: [], changed: [], removed: [], problems: [], embedded: 0, ...parts, ms: Math.round(performance.now() - started) };
}
