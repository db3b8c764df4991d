import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedbackLog, latestVotes, readFeedback, sha256, tallyVotes, type FeedbackRecord } from '../../src/discord/state.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'footnote-votes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const vote = (key: string, user: string, v: 'up' | 'down', at: string): FeedbackRecord => ({
  at,
  key,
  question: 'q',
  answered: true,
  citations: [],
  vote: v,
  user: sha256(user),
});

describe('FeedbackLog votes', () => {
  it('👍, 👎, 👍 by one user on one answer counts once, as 👍; another user and another answer count apart', async () => {
    const file = path.join(dir, 'feedback.jsonl');
    const log = new FeedbackLog(file);
    expect(await log.record(vote('a', 'u1', 'up', 't1'))).toBe('new');
    expect(await log.record(vote('a', 'u1', 'down', 't2'))).toBe('changed');
    expect(await log.record(vote('a', 'u1', 'up', 't3'))).toBe('changed');
    expect(await log.record(vote('a', 'u2', 'down', 't4'))).toBe('new');
    expect(await log.record(vote('b', 'u1', 'down', 't5'))).toBe('new');
    expect(Object.fromEntries(tallyVotes(readFeedback(file)))).toEqual({ a: { up: 1, down: 1 }, b: { up: 0, down: 1 } });
    expect(latestVotes(readFeedback(file)).map((r) => r.at)).toEqual(['t3', 't4', 't5']);
  });

  it('the same vote again is not written twice, also after a restart (the log is read back)', async () => {
    const file = path.join(dir, 'again.jsonl');
    expect(await new FeedbackLog(file).record(vote('a', 'u1', 'up', 't1'))).toBe('new');
    const reopened = new FeedbackLog(file);
    expect(await reopened.record(vote('a', 'u1', 'up', 't2'))).toBe('same');
    expect(await reopened.record(vote('a', 'u1', 'down', 't3'))).toBe('changed');
    expect(readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line).at)).toEqual(['t1', 't3']);
  });
});
