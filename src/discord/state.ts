/**
 * Small on-disk state the bot keeps so buttons keep working after a restart, plus the feedback log.
 *
 * - `AnswerStore`: button custom_ids carry only a short key (`fn:ctx:<key>`); the key maps to the
 *   question and the citation refs shown. Records are appended as JSONL and reloaded on start,
 *   bounded to the most recent `maxEntries` in memory.
 * - `ThreadQuestions`: the latest question answered in each thread Footnote opened, appended as JSONL, so a
 *   follow-up there after a restart (when discord.js holds none of the thread's messages) still has its context.
 * - `FeedbackLog`: 👍/👎 votes appended as JSONL and fsync'd; the user is stored only as a sha256. The file is a
 *   log: a later line by the same user on the same answer replaces the earlier vote (`latestVotes` reads it so).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';

export interface StoredAnswer {
  key: string;
  question: string;
  answered: boolean;
  citations: Array<{ n: number; article: string; id: string; score: number }>;
  at: string;
}

export interface FeedbackRecord {
  at: string;
  key: string;
  question: string;
  answered: boolean;
  citations: Array<{ n: number; article: string; id: string }>;
  vote: 'up' | 'down';
  /** sha256 of the Discord user id (never the id itself). */
  user: string;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function answerKey(question: string, refs: string[]): string {
  return createHash('sha256').update(`${question}\n${refs.join(',')}`).digest('base64url').slice(0, 16);
}

/** Serialised appends with fsync: each line is on disk before the promise resolves. */
class JsonlAppender {
  private queue: Promise<unknown> = Promise.resolve();
  constructor(readonly file: string) {}

  append(record: unknown): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    const write = this.queue.then(async () => {
      mkdirSync(path.dirname(this.file), { recursive: true });
      const handle = await open(this.file, 'a');
      try {
        const { size } = await handle.stat();
        const data = Buffer.from(line);
        try {
          // A write can be short on a nearly full disk: loop so the shortfall surfaces as an error (ENOSPC).
          for (let offset = 0; offset < data.length; ) offset += (await handle.write(data, offset, data.length - offset)).bytesWritten;
          await handle.sync();
        } catch (error) {
          // Never leave half a line for the next record to be glued onto.
          await handle.truncate(size).catch(() => undefined);
          throw error;
        }
      } finally {
        await handle.close();
      }
    });
    this.queue = write.catch(() => undefined);
    return write;
  }

  flush(): Promise<unknown> {
    return this.queue;
  }
}

function readJsonl<T>(file: string): T[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: T[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // A torn last line after a crash: skip it.
    }
  }
  return out;
}

export class AnswerStore {
  private readonly map = new Map<string, StoredAnswer>();
  private readonly appender: JsonlAppender;

  constructor(
    readonly file: string,
    private readonly maxEntries = 10_000,
  ) {
    this.appender = new JsonlAppender(file);
    for (const record of readJsonl<StoredAnswer>(file)) this.remember(record);
  }

  private remember(record: StoredAnswer) {
    this.map.delete(record.key);
    this.map.set(record.key, record);
    while (this.map.size > this.maxEntries) this.map.delete(this.map.keys().next().value!);
  }

  get(key: string): StoredAnswer | undefined {
    return this.map.get(key);
  }

  async put(record: StoredAnswer): Promise<void> {
    const known = this.map.has(record.key);
    this.remember(record);
    if (!known) await this.appender.append(record);
  }

  flush(): Promise<unknown> {
    return this.appender.flush();
  }
}

interface ThreadQuestion {
  thread: string;
  question: string;
  at: string;
}

export class ThreadQuestions {
  private readonly map = new Map<string, string>();
  private readonly appender: JsonlAppender;

  constructor(
    readonly file: string,
    private readonly maxEntries = 10_000,
  ) {
    this.appender = new JsonlAppender(file);
    for (const record of readJsonl<ThreadQuestion>(file)) this.remember(record.thread, record.question);
  }

  private remember(thread: string, question: string) {
    this.map.delete(thread);
    this.map.set(thread, question);
    while (this.map.size > this.maxEntries) this.map.delete(this.map.keys().next().value!);
  }

  /** The latest question answered in `thread`; undefined for a thread Footnote has not answered in. */
  get(thread: string): string | undefined {
    return this.map.get(thread);
  }

  async put(thread: string, question: string): Promise<void> {
    if (this.map.get(thread) === question) return;
    this.remember(thread, question);
    await this.appender.append({ thread, question, at: new Date().toISOString() } satisfies ThreadQuestion);
  }

  flush(): Promise<unknown> {
    return this.appender.flush();
  }
}

/** What a vote did: the user's first on this answer, a change of mind, or the same vote again (not written twice). */
export type VoteOutcome = 'new' | 'changed' | 'same';

const voteKey = (record: Pick<FeedbackRecord, 'key' | 'user'>) => `${record.key}\n${record.user}`;

export class FeedbackLog {
  private readonly appender: JsonlAppender;
  /** Each user's current vote per answer, as on disk. */
  private readonly current = new Map<string, FeedbackRecord['vote']>();

  constructor(readonly file: string) {
    this.appender = new JsonlAppender(file);
    for (const record of readJsonl<FeedbackRecord>(file)) this.current.set(voteKey(record), record.vote);
  }

  async record(record: FeedbackRecord): Promise<VoteOutcome> {
    const previous = this.current.get(voteKey(record));
    if (previous === record.vote) return 'same';
    await this.appender.append(record);
    this.current.set(voteKey(record), record.vote);
    return previous ? 'changed' : 'new';
  }

  flush(): Promise<unknown> {
    return this.appender.flush();
  }
}

/** Every line of the feedback log, in order (changed votes included). */
export function readFeedback(file: string): FeedbackRecord[] {
  return readJsonl<FeedbackRecord>(file);
}

/** The votes that count: each user's latest on each answer, in the order the users first voted. */
export function latestVotes(records: readonly FeedbackRecord[]): FeedbackRecord[] {
  const latest = new Map<string, FeedbackRecord>();
  for (const record of records) latest.set(voteKey(record), record);
  return [...latest.values()];
}

/** 👍 and 👎 per answer key, counting each user once (their latest vote). */
export function tallyVotes(records: readonly FeedbackRecord[]): Map<string, { up: number; down: number }> {
  const tally = new Map<string, { up: number; down: number }>();
  for (const { key, vote } of latestVotes(records)) {
    const counts = tally.get(key) ?? { up: 0, down: 0 };
    counts[vote] += 1;
    tally.set(key, counts);
  }
  return tally;
}

/** Per-user cooldown: `take` returns 0 and starts the cooldown, or the ms left to wait. */
export class Cooldown {
  private readonly last = new Map<string, number>();
  constructor(
    private readonly ms: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(userId: string): number {
    if (this.ms <= 0) return 0;
    const t = this.now();
    const previous = this.last.get(userId);
    if (previous !== undefined && t - previous < this.ms) return this.ms - (t - previous);
    this.last.set(userId, t);
    if (this.last.size > 5_000) {
      for (const [id, at] of this.last) if (t - at >= this.ms) this.last.delete(id);
    }
    return 0;
  }
}
