/**
 * `npx tsx bench/answer-phases.ts [sentences]` — where `bench/answer-scale.ts`'s answer time goes, phase by phase:
 * dense search, BM25 search, fusion (with coverage and highlights), the answer model's re-rank and the decision.
 * Same corpus, questions and graph settings as that bench; the graph is cached beside the corpus vectors (built
 * with the same seed, so it searches alike) so a second run starts in seconds. Both rounds are reported: the first
 * meets every candidate sentence for the first time (tagging, WordNet), the second is what `answer-scale` times.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { askedType, novelSpans } from '../src/answer/answer-types.js';
import { calibrationFor } from '../src/answer/calibration.js';
import { composeAnswer } from '../src/answer/compose.js';
import { weighedStems } from '../src/answer/features.js';
import { rescorePassages, RESCORE_CANDIDATES } from '../src/answer/rescore.js';
import { createEmbedder } from '../src/embedding/create-embedder.js';
import { DEFAULT_MODEL } from '../src/config.js';
import { LexicalIndex } from '../src/index/lexical-index.js';
import { VectorIndex } from '../src/index/vector-index.js';
import { normalizeQuestion } from '../src/retrieval/clean-question.js';
import { fuseScores } from '../src/retrieval/fuse.js';
import { highlightTerms } from '../src/retrieval/highlight.js';
import { CANDIDATES_PER_RETRIEVER, DEFAULT_DENSE_WEIGHT } from '../src/retrieval/retrieve.js';
import type { ScoredPassage } from '../src/types.js';
import { questionsFor, syntheticSentences } from './lib.js';
import { DIM, embedAll } from './scale-vectors.js';

const n = Number(process.argv[2] ?? 20000);
const log = (s: string) => process.stderr.write(`${s}\n`);
const sentences = syntheticSentences(n, 1);
const corpus = await embedAll(sentences, 'corpus');
const passages = sentences.map((text, i) => ({ article: 'bench', id: `${i + 1}.1`, paragraph: i + 1, sentence: 1, text, start: 0, end: text.length }));
const graph = path.join(os.tmpdir(), 'footnote-scale-cache', `graph-${n}-ef40.hnsw`);
let t0 = performance.now();
let vectors: VectorIndex;
if (existsSync(graph)) vectors = VectorIndex.read(graph, DIM);
else {
  vectors = VectorIndex.build(passages.map((_, i) => corpus.vectors.subarray(i * DIM, (i + 1) * DIM)), DIM, { efConstruction: 40 });
  vectors.write(graph);
}
log(`graph ${((performance.now() - t0) / 1000).toFixed(1)} s`);
t0 = performance.now();
const lexical = LexicalIndex.build(passages);
log(`BM25 index ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const embedder = await createEmbedder(DEFAULT_MODEL);
const texts = questionsFor(sentences.slice(0, 2000).join(' '), 200).map(normalizeQuestion);
const vecs = await embedder.embed(texts);
await embedder.close();
const { calibration } = calibrationFor(embedder.model);

const PHASES = ['stems', 'dense', 'bm25', 'fusion', 'tagging', 'rescore', 'compose', 'total'] as const;
type Phase = (typeof PHASES)[number];
/** PROFILE=file writes a CPU profile of the second round (the timed one; PROFILE_ROUND=1 for the first) there, for a profile viewer. */
const profile = process.env.PROFILE ? await profiler(process.env.PROFILE) : undefined;
const profiledRound = process.env.PROFILE_ROUND === '1' ? 0 : 1;
const rounds: Array<Array<Record<Phase, number>>> = [[], []];
for (let round = 0; round < 2; round++) {
  if (round === profiledRound && profile) await profile.start();
  if (round === profiledRound + 1 && profile) await profile.stop();
  for (const [i, text] of texts.entries()) {
    const at: number[] = [performance.now()];
    const mark = () => at.push(performance.now());
    weighedStems(text);
    mark();
    const denseHits = vectors.search(vecs[i]!, CANDIDATES_PER_RETRIEVER);
    mark();
    const lexicalHits = lexical.search(text, CANDIDATES_PER_RETRIEVER);
    mark();
    // retrievePassages' fusion, step for step.
    const dense = new Map(denseHits.map((hit) => [hit.label, hit.similarity]));
    const lexicalScores = new Map(lexicalHits.map((hit) => [hit.label, hit.score]));
    const terms = new Map(lexicalHits.map((hit) => [hit.label, hit.terms]));
    const fused = fuseScores(dense, lexicalScores, DEFAULT_DENSE_WEIGHT);
    const weakestDense = Math.min(...dense.values());
    const found: ScoredPassage[] = [...fused.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, RESCORE_CANDIDATES)
      .map(([label, score]) => ({
        passage: passages[label]!,
        score,
        dense: dense.get(label) ?? weakestDense,
        lexical: lexicalScores.get(label) ?? 0,
        coverage: lexical.coverage(text, terms.get(label) ?? []),
        highlights: highlightTerms(passages[label]!.text, text),
      }));
    mark();
    // The tagger's share of the re-rank: the typed spans it reads (cached per sentence), taken first.
    const type = askedType(text);
    if (type) for (const c of found) novelSpans(text, c.passage.text, type);
    mark();
    const ranked = rescorePassages(text, found, { lexical, passages }, calibration);
    mark();
    composeAnswer(text, ranked, calibration);
    mark();
    const row = {} as Record<Phase, number>;
    PHASES.slice(0, -1).forEach((phase, p) => (row[phase] = at[p + 1]! - at[p]!));
    row.total = at[at.length - 1]! - at[0]!;
    rounds[round]!.push(row);
  }
}
if (profile && profiledRound === 1) await profile.stop();
const pct = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;
for (const [r, rows] of rounds.entries()) {
  console.log(`${n} sentences, round ${r + 1} (${r === 0 ? 'first sight of each candidate' : 'as answer-scale times it'}):`);
  for (const phase of PHASES) {
    const v = rows.map((row) => row[phase]);
    console.log(`  ${phase.padEnd(8)} p50 ${pct(v, 0.5).toFixed(2)}  p90 ${pct(v, 0.9).toFixed(2)}  p99 ${pct(v, 0.985).toFixed(2)}  max ${Math.max(...v).toFixed(2)}  mean ${(v.reduce((a, b) => a + b, 0) / v.length).toFixed(2)} ms`);
  }
  const slow = rows.map((row, i) => ({ row, i })).sort((a, b) => b.row.total - a.row.total).slice(0, 5);
  for (const { row, i } of slow) console.log(`  slow: ${row.total.toFixed(1)} ms ${PHASES.slice(0, -1).map((p) => `${p} ${row[p].toFixed(1)}`).join(', ')} — ${texts[i]}`);
}
console.log(`load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);

async function profiler(file: string) {
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  return {
    start: () => session.post('Profiler.start'),
    stop: async () => writeFileSync(file, JSON.stringify((await session.post('Profiler.stop')).profile)),
  };
}
