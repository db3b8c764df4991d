/**
 * USE-lite encoder benchmark: transformers.js/onnxruntime (float32 and int8) vs the reference TF.js runtime.
 *
 *   npx tsx bench/encoder.ts [--quick]
 *
 * Each runtime runs in its own child process (so RSS is its own). Measures throughput (sentences/s through
 * `embed()` with batches of 32, best of 3 runs) on the seed article's sentences and on short questions, single-query latency
 * (p50/p90 over >= 200 distinct questions, one `embed([q])` call each), load time and RSS. Also times a cold
 * build of the model folder. Prints a table and writes bench/results/encoder.json.
 */
import { fork } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Embedder } from '../src/embedding/embedder.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const SEED = path.join(ROOT, 'seeds', '000_ce70d124781ea012.txt');
const RESULTS = path.join(HERE, 'results', 'encoder.json');
const BATCH = 32;
const REPEATS = 3;

type Variant = 'onnx-fp32' | 'onnx-q8' | 'tfjs';
const VARIANTS: Variant[] = ['onnx-fp32', 'onnx-q8', 'tfjs'];

interface ChildResult {
  variant: Variant;
  model: string;
  loadMs: number;
  articleSentences: number;
  articleAvgTokens: number;
  articleSentencesPerSec: number;
  articleRuns: number[];
  shortSentences: number;
  shortAvgTokens: number;
  shortSentencesPerSec: number;
  shortRuns: number[];
  queries: number;
  latencyP50Ms: number;
  latencyP90Ms: number;
  rssMB: number;
  maxRssMB: number;
}

/** The seed article split naively into sentences (lines, then periods). */
function articleSentences(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line) => line.split('. '))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function questions(count: number): string[] {
  const subjects = ['Putin', 'Zelenskyy', 'the Kremlin', 'Peskov', 'Trump', 'Medinsky', 'Lavrov', 'Vance', 'Ukraine',
    'Russia', 'Turkey', 'Istanbul', 'the White House', 'Europe', 'Moscow', 'Kiev', 'the delegation', 'CNN'];
  const templates = ['What did {s} say?', 'Did {s} attend the talks?', 'Why did {s} skip the meeting?',
    'When did {s} arrive?', 'Who represented {s}?', 'What does {s} want from the ceasefire?',
    'How did {s} respond to the sanctions?', 'Where were the talks with {s} held?',
    'What was {s} ready for?', 'Is {s} sending a team to Istanbul?', 'What deal did {s} reach?',
    'Which officials met {s}?', 'What did {s} propose on Sunday?', 'Who leads the team for {s}?'];
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    const t = templates[i % templates.length]!;
    const s = subjects[Math.floor(i / templates.length) % subjects.length]!;
    out.push(i < templates.length * subjects.length ? t.replace('{s}', s) : `${t.replace('{s}', s)} (${i})`);
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function runChild(variant: Variant, quick: boolean): Promise<ChildResult> {
  const seed = await readFile(SEED, 'utf8');
  const article = articleSentences(seed);
  const reps = quick ? 4 : 12;
  const corpus = Array.from({ length: reps }, () => article).flat();
  const short = questions(quick ? 160 : 640);
  const queries = questions(900).slice(640, quick ? 840 : 900); // distinct from the warm-up/short set

  const t0 = performance.now();
  let embedder: Embedder;
  let count: (s: string) => number;
  if (variant === 'tfjs') {
    const { createUseLiteTfjsEmbedder } = await import('../src/embedding/use-lite-tfjs-embedder.js');
    const e = await createUseLiteTfjsEmbedder({ batchSize: BATCH });
    embedder = e;
    count = (s) => e.encode(s).length;
  } else {
    const { createUseLiteEmbedder } = await import('../src/embedding/use-lite-embedder.js');
    const e = await createUseLiteEmbedder({ batchSize: BATCH, dtype: variant === 'onnx-q8' ? 'q8' : 'fp32' });
    embedder = e;
    count = (s) => Math.min(128, e.tokenizer.encode(s).length);
  }
  const loadMs = performance.now() - t0;
  const avgTokens = (xs: string[]) => xs.reduce((a, s) => a + Math.min(128, count(s)), 0) / xs.length;

  await embedder.embed(corpus.slice(0, 2 * BATCH)); // warm-up
  await embedder.embed(short.slice(0, BATCH));
  for (const q of short.slice(0, 10)) await embedder.embed([q]);

  // The machine may be shared: repeat and keep the best run (all runs are in the JSON).
  const rate = async (texts: string[]) => {
    const runs: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const t = performance.now();
      await embedder.embed(texts);
      runs.push(texts.length / ((performance.now() - t) / 1000));
    }
    return runs;
  };
  const articleRuns = await rate(corpus);
  const shortRuns = await rate(short);
  const articleSentencesPerSec = Math.max(...articleRuns);
  const shortSentencesPerSec = Math.max(...shortRuns);

  const latencies: number[] = [];
  for (const q of queries) {
    const s = performance.now();
    await embedder.embed([q]);
    latencies.push(performance.now() - s);
  }
  const rssMB = process.memoryUsage().rss / 2 ** 20;
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  const result: ChildResult = {
    variant,
    model: embedder.model,
    loadMs,
    articleSentences: corpus.length,
    articleAvgTokens: avgTokens(article),
    articleSentencesPerSec,
    articleRuns,
    shortSentences: short.length,
    shortAvgTokens: avgTokens(short),
    shortSentencesPerSec,
    shortRuns,
    queries: queries.length,
    latencyP50Ms: median(latencies),
    latencyP90Ms: pct(latencies, 0.9),
    rssMB,
    maxRssMB,
  };
  await embedder.close();
  return result;
}

async function coldBuildMs(): Promise<number> {
  const { ensureUseLiteModel } = await import('../src/embedding/use-lite/ensure-model.js');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'use-lite-bench-'));
  try {
    const t = performance.now();
    await ensureUseLiteModel({ modelsDir: dir });
    return performance.now() - t;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function spawnChild(args: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    // fork() reuses this process's execArgv, i.e. the tsx loader.
    const child = fork(fileURLToPath(import.meta.url), args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: unknown;
    child.on('message', (m) => (result = m));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 && result !== undefined ? resolve(result) : reject(new Error(`child ${args.join(' ')} exited ${code}`)),
    );
  });
}

async function main(): Promise<void> {
  const childIdx = process.argv.indexOf('--child');
  const quick = process.argv.includes('--quick');
  if (childIdx >= 0) {
    const what = process.argv[childIdx + 1]!;
    const result = what === 'build' ? { coldBuildMs: await coldBuildMs() } : await runChild(what as Variant, quick);
    process.send!(result);
    return;
  }

  const extra = quick ? ['--quick'] : [];
  const build = (await spawnChild(['--child', 'build'])) as { coldBuildMs: number };
  const results: ChildResult[] = [];
  for (const v of VARIANTS) {
    process.stderr.write(`benchmarking ${v}…\n`);
    results.push((await spawnChild(['--child', v, ...extra])) as ChildResult);
  }

  const f = (x: number, d = 0) => x.toFixed(d);
  const rows = [
    ['runtime', 'article sent/s', 'short sent/s', 'query p50 ms', 'query p90 ms', 'load ms', 'RSS MB', 'max RSS MB'],
    ...results.map((r) => [
      r.variant,
      f(r.articleSentencesPerSec),
      f(r.shortSentencesPerSec),
      f(r.latencyP50Ms, 2),
      f(r.latencyP90Ms, 2),
      f(r.loadMs),
      f(r.rssMB),
      f(r.maxRssMB),
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((x, c) => (c === 0 ? x.padEnd(widths[c]!) : x.padStart(widths[c]!))).join('  ');
  const first = results[0]!;
  console.log(
    `\nUSE-lite encoder, batch ${BATCH}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), node ${process.version}`,
  );
  console.log(
    `throughput = best of ${REPEATS} runs; article: ${first.articleSentences} sentences (seed article ×${first.articleSentences / articleSentences(await readFile(SEED, 'utf8')).length}, ` +
      `avg ${f(first.articleAvgTokens, 1)} tokens); short: ${first.shortSentences} questions (avg ${f(first.shortAvgTokens, 1)} tokens); ` +
      `latency: ${first.queries} distinct questions, one embed() call each`,
  );
  console.log(line(rows[0]!));
  for (const r of rows.slice(1)) console.log(line(r));
  console.log(`cold build of the model folder (convert fp32 + int8, write files): ${f(build.coldBuildMs)} ms`);

  await mkdir(path.dirname(RESULTS), { recursive: true });
  await writeFile(
    RESULTS,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        node: process.version,
        loadAverage: os.loadavg(),
        batchSize: BATCH,
        coldBuildMs: build.coldBuildMs,
        results,
      },
      null,
      2,
    ),
  );
  console.log(`wrote ${path.relative(ROOT, RESULTS)}`);
}

await main();
