/**
 * `npm run load` — the bot under load, through the local Discord stand-in (loopback only):
 *
 *   one real bot process (`tsx src/main.ts`, discord.js) connected to a `DiscordStandIn` in this process;
 *   pass 1: 200 concurrent `/ask` interactions and 100 mentions, all sent at once;
 *   pass 2: the same with the stand-in answering 429 (retry-after 1 s) to every 10th bot request.
 *
 * Checks that every interaction is deferred (callback type 5) within 3 s and edited with an answer exactly once,
 * that every mention gets exactly one reply, and that nothing is lost; prints defer / final-answer latency
 * distributions. Bounded: each pass waits at most 90 s, the whole run at most 5 minutes; it stops the bot and the
 * stand-in by itself. Writes bench/results/load.json.
 *
 *   npx tsx bench/load.ts [--asks 200] [--mentions 100] [--rate-limit-share 0.1] [--stand-in-limit 50]
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { deployCommands } from '../src/discord/deploy-commands.js';
import { DiscordStandIn, snowflake, type RecordedRequest, type StandInUser } from '../src/stand-in/index.js';
import { RESULTS_DIR, ROOT, SEEDS_DIR, TSX_BIN, distribution, loadAverage, machine, questionsFor, round, table, waitForQuiet, type Distribution } from './lib.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const ASKS = Number(opt('asks', '200'));
const MENTIONS = Number(opt('mentions', '100'));
const SHARE = Number(opt('rate-limit-share', '0.1'));
/** Per-bucket REST limit of the stand-in (requests/s); its default is 50. A diagnosis knob, see README-snippet. */
const STAND_IN_LIMIT = Number(opt('stand-in-limit', '0'));
const PASS_TIMEOUT_MS = 90_000;
const DEFER_LIMIT_MS = 3_000;
/** Shaped like a real token; only the stand-in accepts it. */
const TOKEN = 'MTAxMjM0NTY3ODkwMTIzNDU2.Gf00tn.stand-in-token-not-real_0123456789';
const log = (s: string) => process.stderr.write(`${s}\n`);

// Hard stop, whatever happens.
let bot: ChildProcess | undefined;
const hardStop = setTimeout(() => {
  log('load test: overall time limit reached; stopping');
  bot?.kill('SIGKILL');
  process.exit(1);
}, 5 * 60_000);
hardStop.unref();

interface Tracked {
  kind: 'ask' | 'mention';
  key: string; // interaction token or mention message id
  sentAt: number;
  deferAt?: number;
  deferType?: number;
  callbacks: number;
  finalAt?: number;
  finals: number;
  followups: number;
  errorReply: boolean;
  /** Injected 429s on this interaction's requests (callback or edit). */
  injected429: number;
}

interface PassResult {
  name: string;
  loadAverage: number[];
  asks: number;
  mentions: number;
  asksDeferred: number;
  asksDeferredWithin3s: number;
  deferTypes: Record<string, number>;
  asksAnsweredOnce: number;
  mentionsAnsweredOnce: number;
  lost: number;
  /** For each lost /ask: how many injected 429s its requests got (a 429 on the callback delays it by retry-after). */
  lostInjected429s: number[];
  duplicates: number;
  errorReplies: number;
  injected429: number;
  otherErrors: Array<{ route: string; status: number; code?: number; message?: string }>;
  deferMs: Distribution;
  askFinalMs: Distribution;
  mentionReplyMs: Distribution;
  wallMs: number;
  botRssMB?: number;
}

function botRssMB(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    // `tsx` runs the script in a child node process: sum the tree (tsx CLI + node).
    const lines = execFileSync('ps', ['-eo', 'pid=,ppid=,rss='], { encoding: 'utf8' }).trim().split('\n');
    const rows = lines.map((l) => l.trim().split(/\s+/).map(Number)) as Array<[number, number, number]>;
    const tree = new Set([pid]);
    for (let changed = true; changed; ) {
      changed = false;
      for (const [p, pp] of rows) if (tree.has(pp) && !tree.has(p)) (tree.add(p), (changed = true));
    }
    const leaf = rows.filter(([p]) => tree.has(p)).sort((a, b) => b[2] - a[2])[0];
    return leaf ? round(leaf[2] / 1024, 0) : undefined;
  } catch {
    return undefined;
  }
}

async function runPass(
  standIn: DiscordStandIn,
  name: string,
  questions: string[],
  users: StandInUser[],
  faultShare: number,
  counts = { asks: ASKS, mentions: MENTIONS },
): Promise<PassResult> {
  const { asks: ASKS, mentions: MENTIONS } = counts;
  const load = name === 'warm-up' ? loadAverage() : await waitForQuiet(1.5, 60_000);
  log(`${name}: ${ASKS} /ask + ${MENTIONS} mentions at once${faultShare ? `, 429 on every ${Math.round(1 / faultShare)}th bot request` : ''} (load ${load.join(' ')})`);
  const tracked = new Map<string, Tracked>();
  const otherErrors: PassResult['otherErrors'] = [];
  let injected = 0;
  const firstIndex = standIn.requests.length;

  const onRequest = (r: RecordedRequest) => {
    const now = performance.now();
    if (r.index < firstIndex) return;
    if (r.fault === 'rate-limit') {
      injected += 1;
      const t = r.params.token ? tracked.get(r.params.token) : undefined;
      if (t) t.injected429 += 1;
      return;
    }
    if (r.status >= 400) {
      otherErrors.push({ route: `${r.method} ${r.route}`, status: r.status });
      return;
    }
    if (r.route === '/interactions/:id/:token/callback') {
      const t = tracked.get(r.params.token!);
      if (!t) return;
      t.callbacks += 1;
      t.deferAt ??= now;
      t.deferType ??= r.body?.type;
    } else if (r.route === '/webhooks/:app/:token/messages/:message' && r.method === 'PATCH') {
      const t = tracked.get(r.params.token!);
      if (!t) return;
      t.finals += 1;
      t.finalAt ??= now;
      if (!r.body?.embeds?.length) t.errorReply = true;
    } else if (r.route === '/webhooks/:app/:token' && r.method === 'POST') {
      const t = tracked.get(r.params.token!);
      if (t) t.followups += 1;
    } else if (r.route === '/channels/:channel/messages' && r.method === 'POST') {
      const ref = r.body?.message_reference?.message_id as string | undefined;
      const t = ref ? tracked.get(ref) : undefined;
      if (!t) return;
      t.finals += 1;
      t.finalAt ??= now;
      if (!r.body?.embeds?.length) t.errorReply = true;
    }
  };
  standIn.on('request', onRequest);

  let counter = 0;
  const every = faultShare > 0 ? Math.max(1, Math.round(1 / faultShare)) : 0;
  if (every) standIn.failNext({ route: () => every > 0 && ++counter % every === 0, count: Number.POSITIVE_INFINITY, status: 429, retryAfter: 1 });

  const start = performance.now();
  // Interleave: two /ask, one mention, … all sent in one synchronous burst.
  let a = 0;
  let m = 0;
  while (a < ASKS || m < MENTIONS) {
    for (let k = 0; k < 2 && a < ASKS; k++, a++) {
      const handle = standIn.sendSlashCommand('ask', { question: questions[a % questions.length]! }, { user: users[a % users.length]! });
      tracked.set(handle.token, { kind: 'ask', key: handle.token, sentAt: performance.now(), callbacks: 0, finals: 0, followups: 0, errorReply: false, injected429: 0 });
    }
    if (m < MENTIONS) {
      const q = questions[(ASKS + m) % questions.length]!;
      const user = users[(ASKS + m) % users.length]!;
      const sentAt = performance.now();
      const message = standIn.sendMessage(`${standIn.mention()} ${q}`, { user });
      tracked.set(message.id, { kind: 'mention', key: message.id, sentAt, callbacks: 0, finals: 0, followups: 0, errorReply: false, injected429: 0 });
      m++;
    }
  }
  const all = [...tracked.values()];
  const done = () => all.every((t) => t.finals >= 1);
  const deadline = start + PASS_TIMEOUT_MS;
  while (!done() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const wallMs = performance.now() - start;
  await new Promise((r) => setTimeout(r, 2_000)); // catch late duplicates
  standIn.off('request', onRequest);
  standIn.clearFaults();

  const asks = all.filter((t) => t.kind === 'ask');
  const mentions = all.filter((t) => t.kind === 'mention');
  const deferMs = asks.filter((t) => t.deferAt !== undefined).map((t) => t.deferAt! - t.sentAt);
  const deferTypes: Record<string, number> = {};
  for (const t of asks) deferTypes[String(t.deferType ?? 'none')] = (deferTypes[String(t.deferType ?? 'none')] ?? 0) + 1;
  return {
    name,
    loadAverage: load,
    asks: asks.length,
    mentions: mentions.length,
    asksDeferred: asks.filter((t) => t.deferAt !== undefined).length,
    asksDeferredWithin3s: asks.filter((t) => t.deferAt !== undefined && t.deferAt - t.sentAt <= DEFER_LIMIT_MS && t.deferType === 5).length,
    deferTypes,
    asksAnsweredOnce: asks.filter((t) => t.callbacks === 1 && t.finals === 1 && t.followups === 0).length,
    mentionsAnsweredOnce: mentions.filter((t) => t.finals === 1).length,
    lost: all.filter((t) => t.finals === 0).length,
    lostInjected429s: all.filter((t) => t.finals === 0).map((t) => t.injected429),
    duplicates: all.filter((t) => t.finals > 1 || t.callbacks > 1 || t.followups > 0).length,
    errorReplies: all.filter((t) => t.errorReply).length,
    injected429: injected,
    otherErrors,
    deferMs: distribution(deferMs),
    askFinalMs: distribution(asks.filter((t) => t.finalAt !== undefined).map((t) => t.finalAt! - t.sentAt)),
    mentionReplyMs: distribution(mentions.filter((t) => t.finalAt !== undefined).map((t) => t.finalAt! - t.sentAt)),
    wallMs: round(wallMs, 0),
    botRssMB: botRssMB(bot?.pid),
  };
}

async function main() {
  const info = machine();
  log(`load test — ${info.cpus} CPUs, node ${info.node}, load ${loadAverage().join(' ')}`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'footnote-load-'));
  const standIn = await DiscordStandIn.start({ token: TOKEN, ...(STAND_IN_LIMIT > 0 ? { rateLimit: { limit: STAND_IN_LIMIT, windowMs: 1_000 } } : {}) });
  let exitCode = 0;
  try {
    await deployCommands({ token: TOKEN, clientId: standIn.applicationId, guildId: standIn.guildId, apiBase: standIn.apiBase });
    const articles = path.join(tmp, 'articles');
    cpSync(SEEDS_DIR, articles, { recursive: true });
    mkdirSync(path.join(tmp, 'data'));

    // One real bot process, exactly as `npm start` runs it, pointed at the stand-in.
    const botLog: string[] = [];
    const t0 = performance.now();
    bot = spawn(TSX_BIN, [path.join(ROOT, 'src', 'main.ts')], {
      cwd: tmp, // no .env here: only the variables below
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DISCORD_TOKEN: TOKEN,
        CLIENT_ID: standIn.applicationId,
        GUILD_ID: standIn.guildId,
        DISCORD_API_BASE: standIn.apiBase,
        ASK_COOLDOWN_SECONDS: '0',
        ARTICLES_DIR: articles,
        INDEX_DIR: path.join(tmp, 'index'),
        DATA_DIR: path.join(tmp, 'data'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() && botLog.length < 200) botLog.push(line);
    };
    bot.stdout!.on('data', keep);
    bot.stderr!.on('data', keep);
    const exited = new Promise<number | null>((resolve) => bot!.on('exit', (code) => resolve(code)));
    const readyBy = performance.now() + 90_000;
    while (!standIn.connected && performance.now() < readyBy && bot.exitCode === null) await new Promise((r) => setTimeout(r, 50));
    if (!standIn.connected) throw new Error(`the bot did not connect to the stand-in:\n${botLog.join('\n')}`);
    await new Promise((r) => setTimeout(r, 500)); // READY + GUILD_CREATE processed
    const startupMs = performance.now() - t0;
    log(`bot connected after ${round(startupMs, 0)} ms (first start builds the seed index); RSS ${botRssMB(bot.pid) ?? '?'} MB`);

    const text = readFileSync(path.join(articles, '000_ce70d124781ea012.txt'), 'utf8');
    const questions = questionsFor(text, ASKS + MENTIONS, 2024);
    const users: StandInUser[] = Array.from({ length: ASKS + MENTIONS }, (_, i) => ({ id: snowflake(), username: `loaduser${i}` }));

    // Warm-up (not counted): the first answers of a fresh process pay for JIT compilation and new connections.
    const warm = await runPass(standIn, 'warm-up', questions.slice(-10), users.slice(-10), 0, { asks: 6, mentions: 3 });
    log(`warm-up: ${warm.asksAnsweredOnce}/6 asks, ${warm.mentionsAnsweredOnce}/3 mentions, /ask final max ${round(warm.askFinalMs.max, 0)} ms`);
    const passes: PassResult[] = [];
    passes.push(await runPass(standIn, 'pass 1 (no faults)', questions, users, 0));
    passes.push(await runPass(standIn, `pass 2 (429 on ${Math.round(SHARE * 100)}% of bot requests)`, questions.slice().reverse(), users, SHARE));

    const d = (x: Distribution) => `${x.p50.toFixed(0)} / ${x.p95.toFixed(0)} / ${x.p99.toFixed(0)} / ${x.max.toFixed(0)}`;
    console.log(`\nload test: one bot process, ${ASKS} /ask + ${MENTIONS} mentions per pass, ${info.cpus} CPUs, stand-in bucket limit ${STAND_IN_LIMIT || 50}/s`);
    console.log(
      table([
        ['pass', 'deferred ≤3s', 'asks once', 'mentions once', 'lost', 'dup', 'error replies', '429s', 'defer ms p50/p95/p99/max', '/ask final ms p50/p95/p99/max', 'mention ms p50/p95/p99/max', 'load'],
        ...passes.map((p) => [
          p.name,
          `${p.asksDeferredWithin3s}/${p.asks}`,
          `${p.asksAnsweredOnce}/${p.asks}`,
          `${p.mentionsAnsweredOnce}/${p.mentions}`,
          String(p.lost),
          String(p.duplicates),
          String(p.errorReplies),
          String(p.injected429),
          d(p.deferMs),
          d(p.askFinalMs),
          d(p.mentionReplyMs),
          p.loadAverage.join('/'),
        ]),
      ]),
    );
    for (const p of passes) if (p.lost) console.log(`${p.name}: lost interactions had ${p.lostInjected429s.join(', ')} injected 429s each`);
    for (const p of passes) if (p.otherErrors.length) console.log(`${p.name}: ${p.otherErrors.length} other error responses, e.g. ${JSON.stringify(p.otherErrors.slice(0, 3))}`);
    const ok = passes.every((p) => p.asksDeferredWithin3s === p.asks && p.asksAnsweredOnce === p.asks && p.mentionsAnsweredOnce === p.mentions && p.lost === 0 && p.duplicates === 0);
    console.log(ok ? 'all answered exactly once, all deferred within 3 s' : 'FAILED: see the table');
    if (!ok) exitCode = 1;

    bot.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000))]);
    if (code === 'timeout') bot.kill('SIGKILL');
    const warnings = botLog.filter((l) => /"level":(40|50|60)/.test(l));
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(
      path.join(RESULTS_DIR, STAND_IN_LIMIT > 0 ? `load-limit-${STAND_IN_LIMIT}.json` : 'load.json'),
      `${JSON.stringify({ date: new Date().toISOString(), machine: info, standInBucketLimitPerSec: STAND_IN_LIMIT || 50, botStartupMs: round(startupMs, 0), warmUp: warm, passes, botExit: code, botWarnings: warnings.slice(0, 20), ok }, null, 2)}\n`,
    );
    console.log(`bot exit ${String(code)}; ${warnings.length} warn/error log lines from the bot; wrote ${path.relative(ROOT, path.join(RESULTS_DIR, STAND_IN_LIMIT > 0 ? `load-limit-${STAND_IN_LIMIT}.json` : 'load.json'))}`);
  } finally {
    if (bot && bot.exitCode === null) bot.kill('SIGKILL');
    await standIn.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  process.exitCode = exitCode;
}

await main();
