/**
 * What a second encoder (`RERANK_MODEL`) costs an answer: the development questions (or, without them, the seed
 * dev questions) asked warm through the service with the seed and development articles loaded, once without and once
 * with the second encoder, in one process, each question twice so the second pass is warm (the second encoder's
 * sentence cache filled as a running bot's would be).
 *
 *   npx tsx bench/second-opinion.ts [--second all-minilm-l6-v2] [--rounds 3]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultConfig } from '../src/config.js';
import { createEmbedder } from '../src/embedding/create-embedder.js';
import { DEV_SETS, devArticlesFolder, devSetsPresent, loadDevSet } from '../src/eval/dev-sets.js';
import { loadSeedDev } from '../src/eval/datasets.js';
import { createQaService } from '../src/qa-service.js';
import { openSecondOpinion } from '../src/service/open-second-opinion.js';
import { distribution, loadAverage, round } from './lib.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const secondName = option('--second', 'all-minilm-l6-v2');
const rounds = Number(option('--rounds', '3'));

const config = defaultConfig();
const embedder = await createEmbedder(config.model, { modelsDir: config.modelsDir });
const second = await openSecondOpinion(secondName, embedder.model, config.modelsDir, (m) => console.error(m));
if (!second) process.exit(1);
const questions = devSetsPresent() ? DEV_SETS.flatMap(loadDevSet).map((q) => q.q) : loadSeedDev().map((q) => q.q);
const articles = devArticlesFolder();
const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'footnote-bench-second-'));
const load = [loadAverage()[0]!];
try {
  const rows: string[] = [];
  for (const [label, secondOpinion] of [['main encoder alone', null], [`with ${secondName}`, second]] as const) {
    const service = await createQaService({ articlesDir: articles.dir, indexDir, embedder, secondOpinion });
    for (const q of questions) await service.ask(q);
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const q of questions) {
        const start = performance.now();
        await service.ask(q);
        times.push(performance.now() - start);
      }
    }
    await service.close();
    const d = distribution(times);
    rows.push(`| ${label} | ${d.n} | ${round(d.p50)} | ${round(d.p95)} | ${round(d.p99)} |`);
    load.push(loadAverage()[0]!);
  }
  console.log(`${questions.length} questions × ${rounds} rounds, warm; load ${load.join(' → ')}`);
  console.log('| answers | n | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|');
  for (const row of rows) console.log(row);
} finally {
  await second.close();
  await embedder.close();
  articles.remove();
  fs.rmSync(indexDir, { recursive: true, force: true });
}
