/**
 * Log scan: `npm start` reading a .env, against a stand-in whose REST errors echo the request path (interaction token
 * included) in their bodies, as some servers' do. Every log line is searched for the bot token, every interaction
 * token and the .env secret; the echoed errors must still be logged, masked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { botEnv, freshUser, startStandIn } from '../support/discord-harness.js';
import { spawnScript, stopScripts } from '../support/spawn-script.js';
import { removeTempDirs, seedCorpus, tempDir } from './support.js';

const TOKEN = 'MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs-LOGSCANMARK';
const DOTENV_SECRET = 'sk-live-DOTENV-ONLY-SECRET-77';
const CALLBACK = '/interactions/:id/:token/callback';
const EDIT = '/webhooks/:app/:token/messages/:message';

afterAll(() => {
  stopScripts();
  removeTempDirs();
});

describe('log scan', () => {
  it('security: REST errors whose bodies echo the request path → logged, and no log line holds an interaction token, the bot token or a .env value', async () => {
    const standIn = await startStandIn({ token: TOKEN });
    const cwd = tempDir('logscan');
    const dataDir = tempDir('data');
    fs.writeFileSync(
      path.join(cwd, '.env'),
      [
        ...Object.entries(botEnv(standIn, TOKEN)).map(([name, value]) => `${name}=${value}`),
        `ARTICLES_DIR=${seedCorpus()}`,
        `INDEX_DIR=${path.join(dataDir, 'index')}`,
        `DATA_DIR=${dataDir}`,
        'ASK_COOLDOWN_SECONDS=0',
        'LOG_LEVEL=trace',
        `UNRELATED_API_KEY=${DOTENV_SECRET}`,
      ].join('\n'),
    );
    const p = spawnScript('src/main.ts', { cwd });
    try {
      await standIn.waitFor(() => standIn.connected && p.output().includes('connected to Discord'), { timeoutMs: 40_000, what: 'the bot to connect' });
      const tokens: string[] = [];
      const ask = (question: string) => {
        const handle = standIn.sendSlashCommand('ask', { question }, { user: freshUser(standIn) });
        tokens.push(handle.token);
        return handle;
      };
      standIn.failNext({ method: 'POST', route: CALLBACK, status: 404, echoRequest: true, count: 1 });
      const refusedCallback = ask('Who leads the Russian delegation?');
      await standIn.waitFor(() => p.output().includes(refusedCallback.id), { timeoutMs: 15_000, what: 'the callback failure log' });
      standIn.failNext({ method: 'PATCH', route: EDIT, status: 404, echoRequest: true, count: 1 });
      const refusedEdit = ask('Where are the talks held?');
      // The refused edit is logged once, with what Discord answered, and the asker is told privately instead.
      await standIn.waitFor(() => p.output().includes('could not deliver the answer') && p.output().includes(refusedEdit.id), { timeoutMs: 15_000, what: 'the edit failure log' });
      expect((await standIn.waitForReply(ask('Where did Zelenskyy land?'))).embeds[0]?.description).toMatch(/Ankara/);
      p.child.kill('SIGTERM');
      expect((await p.exited).code).toBe(0);

      const output = p.output();
      // The echoed bodies did reach the log, with the token masked where it stood.
      expect(output).toContain(`404: POST /api/v10/interactions/${refusedCallback.id}/[token]/callback`);
      expect(output).toContain(`404: PATCH /api/v10/webhooks/${standIn.applicationId}/[token]/messages/%40original`);
      expect(output).toContain(refusedEdit.id);
      const lines = output.split('\n').filter((line) => line.trim() !== '');
      for (const secret of [TOKEN, ...TOKEN.split('.'), DOTENV_SECRET, ...tokens, ...tokens.map((t) => t.split(':')[1]!)]) {
        expect(lines.filter((line) => line.includes(secret))).toEqual([]);
      }
    } finally {
      if (p.child.exitCode === null) p.child.kill('SIGKILL');
      await standIn.stop();
    }
  });
});
