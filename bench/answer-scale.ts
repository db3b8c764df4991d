/**
 * `npx tsx bench/answer-scale.ts [sentences]` — answer latency of the embedded store at N sentences (default 20,000)
 * of the bench's synthetic news, vectors cached as for `bench:scale`: one question, already embedded, through
 * retrieval (dense + BM25, fused), the answer model's re-rank and the decision, as `bench:scale --store postgres`
 * times it, but without the database, so a size can be re-measured in minutes. The graph is built with
 * efConstruction 40 to save time; search cost depends on M and efSearch, which are the defaults.
 * 200 questions, each answered once to warm up and once timed.
 */
import { performance } from 'node:perf_hooks';
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
import { embedAll } from './scale-vectors.js';
import { questionsFor, syntheticSentences } from './lib.js';
const n = Number(process.argv[2] ?? 20000), DIM = 512;
const sentences = syntheticSentences(n, 1);
const corpus = await embedAll(sentences, 'corpus');
const passages = sentences.map((text, i) => ({ article: 'bench', id: `${i + 1}.1`, paragraph: i + 1, sentence: 1, text, start: 0, end: text.length }));
// Rows as views of the cached vectors, not plain arrays: 200k arrays of 512 numbers kept alive were 800 MB of the
// bench's own heap that every full collection walked during the timed answers (a service reads its graph from disk
// and holds no vectors in JavaScript).
const rows = passages.map((_, i) => corpus.vectors.subarray(i * DIM, (i + 1) * DIM));
const store = createEmbeddedStore({ passages, vectors: VectorIndex.build(rows, DIM, { efConstruction: 40 }), lexical: LexicalIndex.build(passages) });
const embedder = await createEmbedder(DEFAULT_MODEL);
const texts = questionsFor(sentences.slice(0, 2000).join(' '), 200).map(normalizeQuestion);
const vecs = await embedder.embed(texts);
const { calibration } = calibrationFor(embedder.model);
const ms: number[] = [], cand: number[] = [];
for (let round = 0; round < 2; round++) {
  for (const [i, text] of texts.entries()) {
    const t = performance.now();
    const found = await store.candidates(text, vecs[i]!, RESCORE_CANDIDATES, { weighTerms: weighedStems(text) });
    const t1 = performance.now();
    composeAnswer(text, rescorePassages(text, found.passages, { lexical: found.lexical, passages }, calibration), calibration);
    if (round) { ms.push(performance.now() - t); cand.push(t1 - t); }
  }
}
ms.sort((a, b) => a - b); cand.sort((a, b) => a - b);
console.log(`${n} sentences: answer p50 ${ms[100]!.toFixed(1)} ms, p99 ${ms[197]!.toFixed(1)} ms (of which candidates p50 ${cand[100]!.toFixed(1)} ms); load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
await embedder.close();
