/**
 * Whether a sentence embedded together with its neighbour tells the answer apart: USE-lite reads "They should have
 * doubled their advantage…" without knowing who "they" are, and an answer often leans on the sentence before it.
 * Per candidate, the cosine of the question with the candidate embedded as one text with the sentence before it
 * (`prevCtxDense`), with the sentence after it (`nextCtxDense`), and the best of those and its own cosine
 * (`ctxMax`), each with its gap to the best candidate's. Retrieval is unchanged; cross-validated by article as
 * `npm run eval` does (3 folds).
 *
 *   npx tsx bench/context-embed-check.ts
 */
import { passageRef } from '../src/article/ref.js';
import type { AnswerInstance } from '../src/eval/answer-data.js';
import type { Passage } from '../src/types.js';
import { dot, openAnswerData, printHeldOutVariants, printGoldRanks, unit, devArticlePassages, questionVectors } from './held-out-variants.js';

const answerData = await openAnswerData();
const { embedder, xquad, instances } = answerData;
const key = (p: Passage) => `${p.article}\u0000${passageRef(p)}`;
const ctxOf = new Map<string, number[]>();
const ctx2Of = new Map<string, number[]>();
async function remember(passages: readonly Passage[]) {
  const prevTexts = passages.map((p, i) => (i > 0 && passages[i - 1]!.article === p.article ? `${passages[i - 1]!.text} ${p.text}` : p.text));
  const nextTexts = passages.map((p, i) => (i + 1 < passages.length && passages[i + 1]!.article === p.article ? `${p.text} ${passages[i + 1]!.text}` : p.text));
  const a = await embedder.embed(prevTexts);
  const b = await embedder.embed(nextTexts);
  passages.forEach((p, i) => { ctxOf.set(key(p), unit(a[i]!)); ctx2Of.set(key(p), unit(b[i]!)); });
}
for (const article of xquad.articles) await remember(article.passages);
for (const passages of devArticlePassages()) await remember(passages);
const qOf = await questionVectors(embedder, instances);
let missing = 0;
const withSignals: AnswerInstance[] = instances.map((instance) => {
  const q = qOf.get(instance.question)!;
  const raw = instance.candidates.map((c) => {
    const v = ctxOf.get(key(c.passage)), w = ctx2Of.get(key(c.passage));
    if (!v) missing++;
    return { prevCtxDense: v ? dot(q, v) : c.dense, nextCtxDense: w ? dot(q, w) : c.dense };
  });
  const bp = Math.max(...raw.map((r) => r.prevCtxDense)), bn = Math.max(...raw.map((r) => r.nextCtxDense));
  const maxBoth = raw.map((r, i) => Math.max(instance.candidates[i]!.dense, r.prevCtxDense, r.nextCtxDense));
  const bm = Math.max(...maxBoth);
  return {
    ...instance,
    candidates: instance.candidates.map((c, i) => ({ ...c, features: { ...c.features!, ...raw[i]!, prevCtxGap: raw[i]!.prevCtxDense - bp, nextCtxGap: raw[i]!.nextCtxDense - bn, ctxMax: maxBoth[i]!, ctxMaxGap: maxBoth[i]! - bm } })),
  };
});
console.log(`missing ${missing}`);
printGoldRanks(withSignals, ['prevCtxDense', 'nextCtxDense', 'ctxMax']);
printHeldOutVariants(withSignals, [[], ['prevCtxDense'], ['prevCtxDense', 'prevCtxGap'], ['nextCtxDense'], ['prevCtxDense', 'nextCtxDense'], ['ctxMax', 'ctxMaxGap']]);
await answerData.close();
