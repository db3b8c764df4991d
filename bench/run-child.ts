/**
 * Child processes of `bench/run.ts` (each measurement in a fresh process so start-up and RSS are its own):
 *
 *   tsx bench/run-child.ts cold   --articles DIR --index DIR [--embedder transformers|ort] [--arena on|off]
 *   tsx bench/run-child.ts serve  --articles DIR --index DIR --questions N --memory-questions N [--embedder transformers|ort] [--arena on|off]
 *   tsx bench/run-child.ts ingest --articles DIR --index DIR [--model use-lite|use-lite-int8] [--embed-threads N]
 *
 * Prints one `RESULT {json}` line on stdout.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const moduleStartMs = performance.now(); // ms since this process started (node + loader boot)
const rssMB = () => process.memoryUsage().rss / 2 ** 20;

const argv = process.argv.slice(2);
const mode = argv[0];
const arg = (name: string, fallback?: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1]! : fallback;
};
const articlesDir = arg('articles')!;
const indexDir = arg('index')!;

function emit(value: unknown) {
  process.stdout.write(`RESULT ${JSON.stringify(value)}\n`);
}

/**
 * Wraps an embedder so the time spent embedding is known: the wall time during which at least one call is in flight
 * (ingest hands the next step over before the current one ends, so calls overlap).
 */
function timed<E extends { embed(texts: string[]): Promise<number[][]> }>(embedder: E) {
  const stats = { ms: 0, calls: 0, texts: 0 };
  const original = embedder.embed.bind(embedder);
  let inFlight = 0;
  let since = 0;
  embedder.embed = async (texts: string[]) => {
    if (inFlight++ === 0) since = performance.now();
    try {
      return await original(texts);
    } finally {
      if (--inFlight === 0) stats.ms += performance.now() - since;
      stats.calls += 1;
      stats.texts += texts.length;
    }
  };
  return stats;
}

async function cold() {
  const phases: Record<string, number> = { moduleStart: moduleStartMs };
  const rss: Record<string, number> = { moduleStart: rssMB() };
  const embedderKind = arg('embedder', 'transformers');
  const { createQaService } = await import('../src/qa-service.js');
  phases.imported = performance.now();
  rss.imported = rssMB();
  let embedder;
  if (embedderKind === 'ort') {
    const { createOrtDirectEmbedder } = await import('./ort-direct-embedder.js');
    embedder = await createOrtDirectEmbedder({ enableCpuMemArena: arg('arena', 'on') === 'on' });
    phases.embedderLoaded = performance.now();
    rss.embedderLoaded = rssMB();
  }
  const service = await createQaService({ articlesDir, indexDir, ...(embedder ? { embedder } : {}) });
  phases.ready = performance.now();
  rss.ready = rssMB();
  const answer = await service.ask('Did Putin attend the talks in Istanbul?');
  phases.firstAnswer = performance.now();
  rss.firstAnswer = rssMB();
  emit({ embedder: embedderKind, timeOrigin: performance.timeOrigin, phases, rss, answered: answer.answered, maxRssMB: process.resourceUsage().maxRSS / 1024 });
  await service.close();
  await embedder?.close();
}

async function serve() {
  const { createQaService } = await import('../src/qa-service.js');
  const { createEmbedder } = await import('../src/embedding/create-embedder.js');
  const { questionsFor } = await import('./lib.js');
  const text = readFileSync(path.join(articlesDir, readArticleName(articlesDir)), 'utf8');
  const embedder =
    arg('embedder', 'transformers') === 'ort'
      ? await (await import('./ort-direct-embedder.js')).createOrtDirectEmbedder({ enableCpuMemArena: arg('arena', 'on') === 'on' })
      : await createEmbedder((await import('../src/config.js')).DEFAULT_MODEL);
  const embedStats = timed(embedder);
  const service = await createQaService({ articlesDir, indexDir, embedder });
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const readyRssMB = rssMB();
  const readyHeapMB = process.memoryUsage().heapUsed / 2 ** 20;

  const n = Number(arg('questions', '600'));
  const memoryN = Number(arg('memory-questions', '10000'));
  const warm = questionsFor(text, 60, 999);
  for (const q of warm) await service.ask(q);
  const questions = questionsFor(text, n, 42);

  const total: number[] = [];
  const embed: number[] = [];
  const rest: number[] = [];
  let answered = 0;
  for (const q of questions) {
    const e0 = embedStats.ms;
    const t = performance.now();
    const answer = await service.ask(q);
    const dt = performance.now() - t;
    const de = embedStats.ms - e0;
    total.push(dt);
    embed.push(de);
    rest.push(dt - de);
    if (answer.answered) answered += 1;
  }

  // Memory growth: many more distinct questions (different seed), then RSS with and without a GC.
  const many = questionsFor(text, memoryN, 4242);
  const t0 = performance.now();
  for (const q of many) await service.ask(q);
  const manyMs = performance.now() - t0;
  const afterRssMB = rssMB();
  gc?.();
  const afterGcRssMB = rssMB();
  emit({
    readyRssMB,
    readyHeapMB,
    latency: { total, embed, rest },
    questions: questions.length,
    answered,
    memoryQuestions: many.length,
    memoryQuestionsPerSec: many.length / (manyMs / 1000),
    afterRssMB,
    afterGcRssMB,
    afterHeapMB: process.memoryUsage().heapUsed / 2 ** 20,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  });
  await service.close();
  await embedder.close();
}

/** The seed article: the first .txt/.md file by name. */
function readArticleName(dir: string): string {
  return readdirSync(dir).filter((f) => /\.(txt|md)$/i.test(f)).sort()[0]!;
}

async function ingest() {
  const { createEmbedder } = await import('../src/embedding/create-embedder.js');
  const { ingestArticles } = await import('../src/index/ingest.js');
  const model = arg('model', (await import('../src/config.js')).DEFAULT_MODEL) ?? 'use-lite-int8';
  const t0 = performance.now();
  const threads = arg('embed-threads');
  const embedder = await createEmbedder(model, threads === undefined ? {} : { bulkThreads: Number(threads) });
  const loadMs = performance.now() - t0;
  const stats = timed(embedder);
  await embedder.embed(['Warm-up sentence for the encoder.', 'A second, slightly longer warm-up sentence for the encoder.']);
  stats.ms = 0;
  stats.calls = 0;
  stats.texts = 0;
  const t1 = performance.now();
  const report = await ingestArticles({ articlesDir, indexDir, embedder });
  const totalMs = performance.now() - t1;
  emit({
    model: embedder.model,
    loadMs,
    articles: report.articles,
    passages: report.passages,
    totalMs,
    embedMs: stats.ms,
    otherMs: totalMs - stats.ms,
    sentencesPerSec: report.passages / (totalMs / 1000),
    embedSentencesPerSec: report.passages / (stats.ms / 1000),
    rssMB: rssMB(),
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  });
  await embedder.close();
}

if (mode === 'cold') await cold();
else if (mode === 'serve') await serve();
else if (mode === 'ingest') await ingest();
else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
