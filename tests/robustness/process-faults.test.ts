/**
 * The process-wide fault policy, in a real child process: an unhandled rejection is one log line and the process
 * keeps serving; an uncaught exception is one log line and exit 1 (the supervisor restarts it). Tokens are masked.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnScript, stopScripts } from '../support/spawn-script.js';

afterAll(stopScripts);

describe('handleProcessFaults', () => {
  it('process: unhandled rejection → one JSON line, still serving; uncaught exception → one JSON line, exit 1; no token in either', async () => {
    const run = spawnScript('tests/robustness/fixtures/process-faults-child.ts');
    const exit = await run.exited;
    expect(exit.code).toBe(1);
    expect(run.stdout()).toBe('still serving\n');
    const lines = run.stderr().trim().split('\n');
    expect(lines).toHaveLength(2);
    const [rejection, exception] = lines.map((line) => JSON.parse(line));
    expect(rejection).toMatchObject({ level: 'error', fault: 'unhandledRejection', err: { message: expect.stringContaining('/webhooks/1012345678901234567/[token]/messages') } });
    expect(exception).toMatchObject({ level: 'fatal', fault: 'uncaughtException', err: { message: 'thrown with Bot [token]' } });
    expect(run.stderr()).not.toMatch(/aW50ZXJhY3Rpb246|stand-in-token-not-real|secret/);
  });
});
