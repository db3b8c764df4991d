/**
 * `npx tsx bench/answer-scale.ts [sentences]` — answer latency of the embedded store at N sentences (default 20,000)
 * of the bench's synthetic news, vectors cached as for `bench:scale`: one question, already embedded, through
 * retrieval (dense + BM25, fused), the answer model's re-rank and the decision, as `bench:scale --store postgres`
 * times it, but without the database, so a size can be re-measured in minutes. The graph is built with
 * efConstruction 40 to save time; search cost depends on M and efSearch, which are the defaults.
 * 200 questions, each answered once to warm up and once timed ("warm": their candidates' terms and tags, and the
 * question's own verbs, are cached);
 * then, with `--cold Q`, Q further distinct questions asked of other parts of the corpus, each answered once ("cold",
 * as a server's questions mostly are: most candidates are sentences no question has met, so their WordNet terms and,
 * for "who"/"where" questions, their tags are worked out then). `--per-article N` splits the corpus into articles
 * of N sentences (news is dozens of sentences an article; by default it is one article, as the earlier runs were).
 * `--tag-ahead` then tags the whole corpus for names on a worker thread, as a served generation does from 5,000
 * sentences (`src/answer/tag-ahead.ts`), times the warm questions again while it runs, and asks the new questions
 * once it is done. As a served generation that tags ahead does, it also reads every article's names between answers
 * (`readArticlesAhead` in `src/answer/article-context.ts`); `--tag-ahead=names` tags the names only, as served
 * generations did before.
 * With `--names-file FILE` the names are kept there, as a served index does: a second run reads them back.
 */
import { constants, performance, PerformanceObserver } from 'node:perf_hooks';
import os from 'node:os';
import { calibrationFor } from '../src/answer/calibration.js';
import { composeAnswer } from '../src/answer/compose.js';
import { weighedStems } from '../src/answer/features.js';
import { rescorePassages, RESCORE_CANDIDATES } from '../src/answer/rescore.js';
import { createEmbedder } from '../src/embedding/create-embedder.js';
import { DEFAULT_MODEL } from '../src/config.js';
import { createEmbeddedStore } from '../src/index/passage-store.js';
import { LexicalIndex } from '../src/index/lexical-index.js';
import { VectorIndex } from '../src/index/vector-index.js';
import { normalizeQuestion } from '../src/retrieval/clean-question.js';
import { tagAhead } from '../src/answer/tag-ahead.js';
import { readArticlesAhead } from '../src/answer/article-context.js';
import { embedAll } from './scale-vectors.js';
import { percentile, questionsFor, syntheticSentences } from './lib.js';
const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : Number(args.splice(at, 2)[1]);
};
const perArticle = option('--per-article') ?? 0;
const cold = option('--cold') ?? 0;
const aheadAt = args.findIndex((arg) => arg === '--tag-ahead' || arg === '--tag-ahead=names');
const ahead = aheadAt >= 0;
const namesOnly = ahead && args.splice(aheadAt, 1)[0] === '--tag-ahead=names';
const namesFileAt = args.indexOf('--names-file');
const namesFile = namesFileAt < 0 ? undefined : args.splice(namesFileAt, 2)[1];
const n = Number(args[0] ?? 20000), DIM = 512;
const sentences = syntheticSentences(n, 1);
const corpus = await embedAll(sentences, 'corpus');
const passages = sentences.map((text, i) => {
  const [article, at] = perArticle ? [`a${Math.floor(i / perArticle)}`, i % perArticle] : ['bench', i];
  return { article, id: `${at + 1}.1`, paragraph: at + 1, sentence: 1, text, start: 0, end: text.length };
});
// Rows as views of the cached vectors, not plain arrays: 200k arrays of 512 numbers kept alive were 800 MB of the
// bench's own heap that every full collection walked during the timed answers (a service reads its graph from disk
// and holds no vectors in JavaScript).
const rows = passages.map((_, i) => corpus.vectors.subarray(i * DIM, (i + 1) * DIM));
const store = createEmbeddedStore({ passages, vectors: VectorIndex.build(rows, DIM, { efConstruction: 40 }), lexical: LexicalIndex.build(passages) });
const embedder = await createEmbedder(DEFAULT_MODEL);
const texts = questionsFor(sentences.slice(0, 2000).join(' '), 200).map(normalizeQuestion);
const vecs = await embedder.embed(texts);
const { calibration } = calibrationFor(embedder.model);
const answer = async (text: string, vector: number[]) => {
  const t = performance.now();
  const found = await store.candidates(text, vector, RESCORE_CANDIDATES, { weighTerms: weighedStems(text) });
  const t1 = performance.now();
  composeAnswer(text, rescorePassages(text, found.passages, { lexical: found.lexical, passages }, calibration), calibration);
  return { ms: performance.now() - t, candidates: t1 - t };
};
// Young-generation collections while answers are timed: the 200k tail is made of them, and how many there are is
// how much garbage the answers leave (each collection empties the same young space). The observer hears of them
// later, so each is placed in the timed stretch it started in.
const collections: Array<{ start: number; ms: number }> = [];
const gcs = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if ((entry as unknown as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) collections.push({ start: entry.startTime, ms: entry.duration });
  }
});
gcs.observe({ entryTypes: ['gc'] });
const gcLine = async (from: number, to: number) => {
  await new Promise((resolve) => setTimeout(resolve, 100));
  const within = collections.filter((c) => c.start >= from && c.start <= to);
  return `${within.length} young collections, ${within.reduce((sum, c) => sum + c.ms, 0).toFixed(0)} ms in all`;
};
const at = (xs: number[], q: number) => percentile(xs, q).toFixed(1);
const ms: number[] = [], cand: number[] = [];
let timedFrom = 0;
for (let round = 0; round < 2; round++) {
  if (round) timedFrom = performance.now();
  for (const [i, text] of texts.entries()) {
    const timed = await answer(text, vecs[i]!);
    if (round) { ms.push(timed.ms); cand.push(timed.candidates); }
  }
}
const warmGc = await gcLine(timedFrom, performance.now());
ms.sort((a, b) => a - b); cand.sort((a, b) => a - b);
const shape = perArticle ? ` in articles of ${perArticle}` : ' in one article';
console.log(`${n} sentences${shape}: answer p50 ${ms[100]!.toFixed(1)} ms, p99 ${ms[197]!.toFixed(1)} ms (of which candidates p50 ${cand[100]!.toFixed(1)} ms); ${warmGc}; load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
if (ahead) {
  const held = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const heapBefore = held();
  const started = performance.now();
  const tagging = tagAhead(sentences, { delayMs: 0, ...(namesFile ? { file: namesFile } : {}) });
  const articles = namesOnly ? undefined : readArticlesAhead(passages, { delayMs: 0 });
  let finished = false;
  let articlesSeconds = 0;
  let namesSeconds = 0;
  void tagging.done.then(() => (namesSeconds = (performance.now() - started) / 1000));
  void articles?.done.then(() => (articlesSeconds = (performance.now() - started) / 1000));
  void Promise.all([tagging.done, articles?.done]).then(() => (finished = true));
  // The warm questions again, round after round, while the worker tags: what answers cost meanwhile. Between
  // answers the loop lets the event loop turn, as a bot's does between questions, so the worker's batches land.
  const during: number[] = [];
  while (!finished) {
    for (const [i, text] of texts.entries()) {
      if (finished) break;
      during.push((await answer(text, vecs[i]!)).ms);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  console.log(
    `tagged ahead: ${tagging.table.size} sentences (${tagging.tagged} by the worker, the rest read back) in ${namesSeconds.toFixed(1)} s (${(tagging.table.size / namesSeconds).toFixed(0)}/s); ` +
      `${during.length} warm answers meanwhile p50 ${at(during, 0.5)} ms, p99 ${at(during, 0.99)} ms; ` +
      `${articles ? `articles read ahead in ${articlesSeconds.toFixed(1)} s; ` : ''}heap and buffers +${((held() - heapBefore) / 1e6).toFixed(0)} MB; load ${load()}`,
  );
}
if (cold > 0) {
  // Questions written from later stretches of the corpus, 200 per stretch of 2,000 sentences, none asked above.
  const fresh: string[] = [];
  for (let stretch = 1; fresh.length < cold && stretch * 2000 < n; stretch++) {
    fresh.push(...questionsFor(sentences.slice(stretch * 2000, (stretch + 1) * 2000).join(' '), 200, 42 + stretch).map(normalizeQuestion));
  }
  const coldTexts = [...new Set(fresh)].filter((text) => !texts.includes(text)).slice(0, cold);
  const coldVecs = await embedder.embed(coldTexts);
  const timed: number[] = [], typed: number[] = [];
  const coldFrom = performance.now();
  for (const [i, text] of coldTexts.entries()) {
    const { ms: took } = await answer(text, coldVecs[i]!);
    timed.push(took);
    if (/^(who|whom|whose|where)\b/i.test(text)) typed.push(took);
  }
  const coldGc = await gcLine(coldFrom, performance.now());
  console.log(`cold, ${timed.length} new questions each answered once: p50 ${at(timed, 0.5)} ms, p90 ${at(timed, 0.9)} ms, p99 ${at(timed, 0.99)} ms; the ${typed.length} "who"/"where" ones p50 ${typed.length ? at(typed, 0.5) : '–'} ms; ${coldGc}; heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB; load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}
gcs.disconnect();
await embedder.close();
