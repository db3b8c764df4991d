import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/build-once.ts'],
    // Integration tests load the real model and native index; give them room on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Many tests wait on child processes, gateway timers and 429 retries; two workers use both cores.
    maxWorkers: 2,
  },
});
