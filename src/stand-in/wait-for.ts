import { StandInError } from './errors.js';

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Named in the timeout error. */
  what?: string;
}

/** Polls until `predicate` returns a truthy value, and returns it; a `StandInError` after `timeoutMs` (10 s). */
export async function waitFor<T>(predicate: () => T | undefined | null | false, opts: WaitOptions = {}): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new StandInError(`Timed out waiting for ${opts.what ?? 'condition'}`);
    await new Promise((resolve) => setTimeout(resolve, opts.intervalMs ?? 10));
  }
}
