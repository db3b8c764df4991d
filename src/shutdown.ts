/** How long a clean stop may take before the process exits anyway. */
const FORCE_EXIT_MS = 10_000;

export interface Shutdown {
  /** True once a signal arrived: work still starting up should not go on. */
  readonly stopping: boolean;
}

/**
 * On the first SIGINT or SIGTERM runs `stop` once, then exits: 0 when it finished, 1 when it threw (after `onError`)
 * or did not finish within 10 s.
 */
export function exitOnSignal(stop: (signal: NodeJS.Signals) => Promise<void>, onError: (error: unknown) => void): Shutdown {
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), FORCE_EXIT_MS).unref();
    try {
      await stop(signal);
      process.exit(0);
    } catch (error) {
      onError(error);
      process.exit(1);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(signal));
  return {
    get stopping() {
      return stopping;
    },
  };
}
