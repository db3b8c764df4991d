/**
 * Whether where a sentence stands, and how near its neighbours are to the question, tell the answering sentence
 * apart. News puts the answer to "what happened" in its first sentence, and an answer is often the sentence after
 * the one that names the question's subject ("…an open-top bus parade on Sunday." → "The route would start at the
 * town hall…"). Per candidate: its paragraph's place in the article and its place in the paragraph, the cosine of
 * the question with the sentences before and after, and with the three as one (the normalised sum of their
 * vectors), less the best candidate's. Retrieval is unchanged.
 *
 *   npx tsx bench/neighbour-dense-check.ts
 */
import { passageRef } from '../src/article/ref.js';
import type { AnswerInstance } from '../src/eval/answer-data.js';
import type { Passage } from '../src/types.js';
import { dot, openAnswerData, printHeldOutVariants, unit, devArticlePassages, questionVectors } from './held-out-variants.js';

const answerData = await openAnswerData();
const { embedder, xquad, xq, dev, instances } = answerData;
const key = (p: Passage) => `${p.article}\u0000${passageRef(p)}`;
const vectorOf = new Map<string, number[]>();
const prevOf = new Map<string, string>(), nextOf = new Map<string, string>();
const paragraphsOf = new Map<string, number>();
function remember(passages: readonly Passage[], vectors: number[][]) {
  passages.forEach((p, i) => {
    vectorOf.set(key(p), unit(vectors[i]!));
    if (i > 0 && passages[i - 1]!.article === p.article) prevOf.set(key(p), key(passages[i - 1]!));
    if (i + 1 < passages.length && passages[i + 1]!.article === p.article) nextOf.set(key(p), key(passages[i + 1]!));
    paragraphsOf.set(p.article, Math.max(paragraphsOf.get(p.article) ?? 0, p.paragraph));
  });
}
xquad.articles.forEach((article, a) => remember(article.passages, xquad.passageVectors[a]!));
for (const passages of devArticlePassages()) remember(passages, await embedder.embed(passages.map((p) => p.text)));
const qOf = await questionVectors(embedder, instances);

let missing = 0;
const withSignals: AnswerInstance[] = instances.map((instance) => {
  const q = qOf.get(instance.question)!;
  const raw = instance.candidates.map((c) => {
    const k = key(c.passage), v = vectorOf.get(k);
    if (!v) missing++;
    const self = v ?? q;
    const prev = prevOf.has(k) ? vectorOf.get(prevOf.get(k)!)! : undefined;
    const next = nextOf.has(k) ? vectorOf.get(nextOf.get(k)!)! : undefined;
    const window = unit(self.map((x, i) => x + (prev?.[i] ?? 0) + (next?.[i] ?? 0)));
    return {
      prevDense: prev ? dot(q, prev) : 0,
      nextDense: next ? dot(q, next) : 0,
      windowDense: dot(q, window),
      lede: c.passage.paragraph === 1 && c.passage.sentence === 1 ? 1 : 0,
      paragraphPlace: 1 / c.passage.paragraph,
      firstInParagraph: c.passage.sentence === 1 ? 1 : 0,
    };
  });
  const bestWindow = Math.max(...raw.map((r) => r.windowDense));
  return {
    ...instance,
    candidates: instance.candidates.map((c, i) => ({ ...c, features: { ...c.features!, ...raw[i]!, windowGap: raw[i]!.windowDense - bestWindow } })),
  };
});
console.log(`candidates without a vector: ${missing}`);
const f3 = (x: number) => x.toFixed(3);
const answerable = withSignals.filter((i) => i.gold.size > 0 && i.kind !== 'removed' && i.kind !== 'foreign');
for (const [label, list] of [['XQuAD', answerable.filter((i) => i.set === 'xquad')], ['development', answerable.filter((i) => i.set !== 'xquad')]] as const) {
  const golds = list.flatMap((i) => i.candidates.filter((c) => i.gold.has(c.passage)));
  const others = list.flatMap((i) => i.candidates.filter((c) => !i.gold.has(c.passage)));
  const share = (xs: typeof golds, f: string) => f3(xs.filter((c) => c.features![f]! > 0).length / xs.length);
  console.log(`${label}: lede ${share(golds, 'lede')} of golds / ${share(others, 'lede')} of others; first in paragraph ${share(golds, 'firstInParagraph')} / ${share(others, 'firstInParagraph')}`);
  const ranks = list.map((i) => {
    const sorted = [...i.candidates].sort((a, b) => b.features!.windowDense! - a.features!.windowDense!);
    return sorted.findIndex((c) => i.gold.has(c.passage)) + 1;
  });
  console.log(`  by window cosine: R@1 ${f3(ranks.filter((r) => r === 1).length / ranks.length)}`);
}
printHeldOutVariants(withSignals, [[], ['lede'], ['paragraphPlace'], ['firstInParagraph'], ['prevDense'], ['nextDense'], ['windowDense'], ['windowDense', 'windowGap'], ['prevDense', 'nextDense']]);
await answerData.close();
