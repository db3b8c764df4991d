/**
 * SIGKILL, for real: the bot process killed between 👍/👎 votes (every acknowledged vote is on disk and the file
 * parses), and `npm run ingest` killed mid-way (the last good index is intact and serves; the stale lock is taken over).
 *
 * Children run as a single `node --import tsx/loader` process (not the `tsx` wrapper, which forks), so the pid we kill
 * is the process doing the work.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFeedback, sha256 } from '../../src/discord/state.js';
import { createEmbedder } from '../../src/embedding/create-embedder.js';
import { DEFAULT_MODEL } from '../../src/config.js';
import { ingestArticles } from '../../src/index/ingest.js';
import { MANIFEST_FILE, readIndex } from '../../src/index/store.js';
import { createQaService } from '../../src/qa-service.js';
import { botEnv, freshUser, startStandIn } from '../support/discord-harness.js';
import { spawnScript, stopScripts, type ScriptRun } from '../support/spawn-script.js';
import { removeTempDirs, seedCorpus, tempDir, writeVariants } from './support.js';

afterAll(() => {
  stopScripts();
  removeTempDirs();
});

describe('the bot process killed between votes', () => {
  it('crash: SIGKILL between 👍/👎 votes and restart → every acknowledged vote is in the file, which parses', async () => {
    const standIn = await startStandIn();
    try {
      const dataDir = tempDir('data');
      const env = {
        ...botEnv(standIn),
        ARTICLES_DIR: seedCorpus(),
        INDEX_DIR: path.join(dataDir, 'index'),
        DATA_DIR: dataDir,
        ASK_COOLDOWN_SECONDS: '0',
      };
      const startBot = async () => {
        const identified = standIn.gatewayLog.filter((e) => e.op === 2).length;
        const bot = spawnScript('src/main.ts', { env });
        await standIn.waitFor(() => standIn.gatewayLog.filter((e) => e.op === 2).length > identified && standIn.connected && bot.output().includes('connected to Discord'), {
          timeoutMs: 40_000,
          what: 'the bot to connect',
        });
        return bot;
      };
      const kill = async (bot: ScriptRun) => {
        bot.child.kill('SIGKILL');
        expect((await bot.exited).signal).toBe('SIGKILL');
      };
      const voters: string[] = [];
      const vote = async (messageId: string, index: 2 | 3, user: ReturnType<typeof freshUser>) => {
        voters.push(user.id);
        const handle = standIn.clickButton(messageId, standIn.buttonsOf(messageId)[index]!.custom_id, { user });
        expect((await standIn.waitForReply(handle)).content).toMatch(/is recorded/);
        return { vote: index === 2 ? 'up' : 'down', user: sha256(user.id) };
      };

      let bot = await startBot();
      const asked = standIn.sendSlashCommand('ask', { question: 'Who leads the Russian delegation?' }, { user: freshUser(standIn) });
      const answer = await standIn.waitForReply(asked);
      const acknowledged = [await vote(answer.id, 2, freshUser(standIn)), await vote(answer.id, 3, freshUser(standIn))];
      await kill(bot);

      bot = await startBot(); // buttons keep working across the crash (answer state is on disk too)
      acknowledged.push(await vote(answer.id, 3, freshUser(standIn)));
      const unacknowledged = freshUser(standIn);
      standIn.clickButton(answer.id, standIn.buttonsOf(answer.id)[2]!.custom_id, { user: unacknowledged });
      await kill(bot); // possibly mid-vote: it may or may not be recorded, but it must not tear the file

      const file = path.join(dataDir, 'feedback.jsonl');
      const text = fs.readFileSync(file, 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      const lines = text.trimEnd().split('\n');
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
      const records = readFeedback(file);
      expect(records).toHaveLength(lines.length);
      for (const v of acknowledged) expect(records.filter((r) => r.user === v.user && r.vote === v.vote)).toHaveLength(1);
      expect(records.filter((r) => r.user === sha256(unacknowledged.id)).length).toBeLessThanOrEqual(1);
      expect(records.length - acknowledged.length).toBeLessThanOrEqual(1);
      for (const r of records) expect(r).toMatchObject({ question: 'Who leads the Russian delegation?', user: expect.stringMatching(/^[0-9a-f]{64}$/) });
      // Only hashes: no raw Discord user id anywhere in the file.
      for (const id of [...voters, unacknowledged.id]) expect(text).not.toContain(id);
    } finally {
      await standIn.stop();
    }
  });
});

describe('ingest killed mid-way', () => {
  it('crash: SIGKILL during `npm run ingest` → old manifest intact and serving; the stale lock is taken over', async () => {
    const embedder = await createEmbedder(DEFAULT_MODEL);
    try {
      const articlesDir = seedCorpus('good');
      const indexDir = tempDir('index');
      await ingestArticles({ articlesDir, indexDir, embedder });
      const manifestBefore = fs.readFileSync(path.join(indexDir, MANIFEST_FILE), 'utf8');

      const larger = seedCorpus('larger');
      writeVariants(larger, 300); // ~5,000 sentences: ~8 s of embedding, so a kill 1 s in lands mid-way
      const ingest = spawnScript('src/cli/main.ts', { args: ['ingest'], env: { ARTICLES_DIR: larger, INDEX_DIR: indexDir } });
      const lock = path.join(indexDir, '.ingest.lock');
      await waitUntil(() => fs.existsSync(lock) && fs.readFileSync(lock, 'utf8') === String(ingest.child.pid), 40_000);
      await new Promise((r) => setTimeout(r, 1_000));
      ingest.child.kill('SIGKILL');
      expect((await ingest.exited).signal).toBe('SIGKILL');
      expect(ingest.output()).not.toMatch(/Index (built|updated)/);

      // The last good index is untouched and readable; the dead ingest's lock is still there.
      expect(fs.readFileSync(path.join(indexDir, MANIFEST_FILE), 'utf8')).toBe(manifestBefore);
      expect(() => readIndex(indexDir)).not.toThrow();
      expect(fs.readFileSync(lock, 'utf8')).toBe(String(ingest.child.pid));
      // A crash during a write (not this one) can leave a half-written generation; simulate its leftovers too.
      fs.writeFileSync(path.join(indexDir, 'vectors-zzcrash-1.f32'), Buffer.alloc(1000));
      fs.writeFileSync(path.join(indexDir, 'hnsw-zzcrash-1.bin'), Buffer.alloc(10));
      fs.writeFileSync(path.join(indexDir, `${MANIFEST_FILE}.zzcrash-1.tmp`), '{"version":1,"trunc');

      // Restart: the service opens the last good index without rebuilding and answers from it.
      const notices: string[] = [];
      const service = await createQaService({ articlesDir, indexDir, embedder, onNotice: (m) => notices.push(m) });
      expect(notices).toEqual([]);
      const answer = await service.ask('Who leads the Russian delegation?');
      expect(answer.answered).toBe(true);
      expect(answer.citations.map((c) => c.id)).toContain('11.1');
      await service.close();

      // The next ingest takes the dead process's lock over, and a successful write sweeps the leftovers.
      writeVariants(articlesDir, 1);
      const report = await ingestArticles({ articlesDir, indexDir, embedder });
      expect(report).toMatchObject({ status: 'updated', reused: 17 });
      expect(fs.existsSync(lock)).toBe(false);
      expect(fs.readdirSync(indexDir).filter((n) => n.includes('zzcrash'))).toEqual([]);
    } finally {
      await embedder.close();
    }
  });
});

async function waitUntil(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
