/**
 * Whether the encoder sees each question word met by a candidate: the cosine of the question with the sentence less
 * the cosine of the question without that word. A word whose removal costs the match nothing is one the sentence
 * does not answer ("What was the weather like in Istanbul?": "weather"), the signal a near-unanswerable question
 * (made of the article's words, spread over sentences that each answer something else) might give away.
 * Per candidate: the least contribution over the question's content words (`attrMin`, also scaled, since the fit's
 * penalty all but ignores a feature of such small values), and that least over the cosine (`attrRel`).
 *
 * Prints the AUC of the best candidate's value (answerable development questions above near-unanswerable and
 * off-topic ones, XQuAD above gold-removed), its quantiles, then the answer model cross-validated by article (as
 * `npm run eval` reports it) with these as extra features.
 *
 *   npx tsx bench/word-attribution-check.ts
 */
import { tokenize } from '../src/index/lexical-index.js';
import { embeddingTexts } from '../src/index/embedding-text.js';
import type { AnswerInstance } from '../src/eval/answer-data.js';
import type { Passage } from '../src/types.js';
import { dot, openAnswerData, printHeldOutVariants, unit } from './held-out-variants.js';

const data = await openAnswerData();
const { embedder, instances } = data;
const vectorOf = new Map<Passage, number[]>();
const candidates = [...new Set(instances.flatMap((i) => i.candidates.map((c) => c.passage)))];
(await embedder.embed(embeddingTexts(candidates, 'sentence'))).forEach((v, i) => vectorOf.set(candidates[i]!, unit(v)));

/** The question with each of its content words left out in turn. */
function withoutEachWord(question: string): string[] {
  const content = [...question.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)].filter((m) => tokenize(m[0]).length > 0);
  return content.map((m) => `${question.slice(0, m.index)}${question.slice(m.index! + m[0].length)}`.replace(/\s+/g, ' ').replace(/\s+([?,.])/g, '$1').trim());
}
const questions = [...new Set(instances.map((i) => i.question))];
const variants = new Map(questions.map((q) => [q, withoutEachWord(q)]));
const texts = [...new Set(questions.flatMap((q) => [q, ...variants.get(q)!]))];
const textVector = new Map<string, number[]>();
(await embedder.embed(texts)).forEach((v, i) => textVector.set(texts[i]!, unit(v)));

const withSignals: AnswerInstance[] = instances.map((instance) => {
  const q = textVector.get(instance.question)!;
  const without = variants.get(instance.question)!.map((t) => textVector.get(t)!);
  return {
    ...instance,
    candidates: instance.candidates.map((c) => {
      const v = vectorOf.get(c.passage)!;
      const full = dot(q, v);
      const min = without.length ? Math.min(...without.map((w) => full - dot(w, v))) : 0;
      const rel = min / Math.max(full, 0.05);
      return { ...c, features: { ...c.features!, attrMin: min, attrMin10: 10 * min, attrMin30: 30 * min, attrRel: rel, attrRel5: 5 * rel } };
    }),
  };
});

const auc = (pos: number[], neg: number[]) => {
  let s = 0;
  for (const p of pos) for (const n of neg) s += p > n ? 1 : p === n ? 0.5 : 0;
  return s / (pos.length * neg.length);
};
const quantiles = (xs: number[]) => [0.1, 0.25, 0.5, 0.75, 0.9].map((p) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))]!.toFixed(3)).join(' ');
const dev = withSignals.filter((i) => i.set !== 'xquad');
const groups = {
  answerable: dev.filter((i) => i.gold.size > 0),
  near: dev.filter((i) => i.kind === 'near'),
  off: dev.filter((i) => i.kind === 'off'),
  xquad: withSignals.filter((i) => i.set === 'xquad' && i.kind !== 'removed' && i.kind !== 'foreign'),
  removed: withSignals.filter((i) => i.kind === 'removed'),
};
for (const f of ['attrMin', 'attrRel']) {
  const top = (i: AnswerInstance) => [...i.candidates].sort((a, b) => b.dense - a.dense)[0]?.features![f] ?? 0;
  const v = Object.fromEntries(Object.entries(groups).map(([k, list]) => [k, list.map(top)]));
  console.log(`${f}: AUC answerable > near ${auc(v.answerable!, v.near!).toFixed(3)}, > off ${auc(v.answerable!, v.off!).toFixed(3)}; XQuAD > removed ${auc(v.xquad!, v.removed!).toFixed(3)}`);
  console.log(`  quantiles 10/25/50/75/90%: answerable ${quantiles(v.answerable!)}; near ${quantiles(v.near!)}`);
}
printHeldOutVariants(withSignals, [[], ['attrMin'], ['attrMin10'], ['attrMin30'], ['attrRel5']]);
await data.close();
