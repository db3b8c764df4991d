/**
 * Soft term matching through the encoder itself: every word embedded once, on its own, so that "reporters" can meet
 * "journalists" and "arrive" "landed" where WordNet has no link. Per candidate, over the question's content words
 * (IDF-weighted): the mean of each word's best cosine to a word of the sentence (`wordVecCoverage`), and the share
 * whose best cosine reaches 0.6 (`wordVecMatched`). Then the answer model cross-validated by article, as
 * `npm run eval` reports it, with each signal added.
 *
 *   npx tsx bench/word-vectors-check.ts
 *
 * `WORD_MODEL=all-minilm-l6-v2` embeds the words with that model instead (after `npm run models -- add …`), while
 * retrieval and the other features stay the configured model's; `WORD_MATCH=0.7` sets the cosine a match needs.
 */
import { loadConfig } from '../src/config.js';
import { createEmbedder } from '../src/embedding/create-embedder.js';
import { devInstances, xquadInstances, type AnswerInstance } from '../src/eval/answer-data.js';
import { loadXquad } from '../src/eval/datasets.js';
import { embeddedStores } from '../src/eval/eval-stores.js';
import { embedXquad, openXquad } from '../src/eval/evaluate.js';
import { printHeldOutVariants } from './held-out-variants.js';

const STOP = new Set(('a an the and or but of in on at to for from by with about as into over after before than then that this these those ' +
  'is are was were be been being do does did have has had will would can could should may might must not no what which who whom whose ' +
  'when where why how many much it its he she they them his her their there here said says also just only very more most').split(' '));
const wordsOf = (text: string) => [...new Set((text.toLowerCase().match(/\p{L}[\p{L}'-]*/gu) ?? []).filter((w) => w.length > 2 && !STOP.has(w)))];

const config = loadConfig();
const embedder = await createEmbedder(config.model, { modelsDir: config.modelsDir });
const stores = embeddedStores();
const data = await openXquad(await embedXquad(loadXquad(), embedder), stores);
const instances: AnswerInstance[] = [...(await xquadInstances(data)), ...(await devInstances(embedder, stores))];

// Document frequency over every candidate sentence seen, for the IDF weights.
const sentences = new Set(instances.flatMap((i) => i.candidates.map((c) => c.passage.text)));
const df = new Map<string, number>();
for (const s of sentences) for (const w of wordsOf(s)) df.set(w, (df.get(w) ?? 0) + 1);
const idf = (w: string) => Math.log(1 + sentences.size / (1 + (df.get(w) ?? 0)));

const vocabulary = [...new Set([...df.keys(), ...instances.flatMap((i) => wordsOf(i.question))])];
// The words' encoder: the configured one, or a stronger one for the words alone.
const wordEmbedder = process.env.WORD_MODEL ? await createEmbedder(process.env.WORD_MODEL, { modelsDir: config.modelsDir }) : embedder;
const WORD_MATCH = Number(process.env.WORD_MATCH ?? 0.6);
const vectors = new Map<string, number[]>();
for (let i = 0; i < vocabulary.length; i += 512) {
  const chunk = vocabulary.slice(i, i + 512);
  (await wordEmbedder.embed(chunk)).forEach((v, j) => vectors.set(chunk[j]!, v));
}
console.log(`${instances.length} questions, ${sentences.size} candidate sentences, ${vocabulary.length} words embedded`);
const cosine = (a: number[], b: number[]) => a.reduce((sum, x, k) => sum + x * b[k]!, 0);

function signals(question: string, sentence: string): { wordVecCoverage: number; wordVecMatched: number } {
  const asked = wordsOf(question);
  const said = wordsOf(sentence).map((w) => vectors.get(w)!);
  let weight = 0;
  let coverage = 0;
  let matched = 0;
  for (const w of asked) {
    const v = vectors.get(w)!;
    const best = said.reduce((m, s) => Math.max(m, cosine(v, s)), 0);
    const wi = idf(w);
    weight += wi;
    coverage += wi * best;
    if (best >= WORD_MATCH) matched += wi;
  }
  return weight === 0 ? { wordVecCoverage: 0, wordVecMatched: 0 } : { wordVecCoverage: coverage / weight, wordVecMatched: matched / weight };
}

const withSignals = instances.map((instance) => ({
  ...instance,
  candidates: instance.candidates.map((c) => ({ ...c, features: { ...c.features!, ...signals(instance.question, c.passage.text) } })),
}));
printHeldOutVariants(withSignals, [[], ['wordVecCoverage'], ['wordVecMatched'], ['wordVecCoverage', 'wordVecMatched']]);
await stores.close();
await embedder.close();
if (wordEmbedder !== embedder) await wordEmbedder.close();
