/**
 * Whether the question put as a statement embeds nearer its answer than the question does. USE-lite meets a
 * question and the sentence that answers it at a modest cosine (dense R@1 0.63 on XQuAD); with the wh-word and the
 * auxiliary after it taken off ("Who leads the Russian delegation?" → "leads the Russian delegation"), what is left
 * reads like part of the answering sentence. Retrieval is unchanged: each candidate gets the statement's cosine,
 * its gap to the best candidate's, and the cosine with the mean of both vectors.
 *
 * Prints the gold's rank among the candidates by each cosine, then the answer model cross-validated by article (as
 * `npm run eval` reports it) with these as extra features.
 *
 *   npx tsx bench/statement-query-check.ts
 */
import { loadArticles } from '../src/article/load.js';
import { passageRef } from '../src/article/ref.js';
import { segmentArticle } from '../src/article/segment.js';
import type { AnswerInstance } from '../src/eval/answer-data.js';
import { devArticlesFolder } from '../src/eval/dev-sets.js';
import { dot, openAnswerData, printGoldRanks, printHeldOutVariants, unit } from './held-out-variants.js';

const WH = /^\s*(?:(?:how\s+(?:many|much|long|often|far|old|big|large|soon))|who|whom|whose|what|which|where|when|why|how|in\s+what|in\s+which|on\s+what|on\s+which|at\s+what|from\s+what|by\s+what|to\s+what|for\s+what|with\s+what)\b\s*/i;
const AUX = /^(?:do|does|did|is|are|was|were|will|would|can|could|has|have|had|should|shall|may|might|must)\b\s*/i;
/** "Who leads the Russian delegation?" → "leads the Russian delegation"; a question with no wh-word keeps its words. */
export function asStatement(question: string): string {
  const bare = question.trim().replace(/[?!.\s]+$/u, '');
  const rest = bare.replace(WH, '');
  const out = rest === bare ? bare.replace(AUX, '') : rest.replace(AUX, '');
  return out.trim() || bare;
}

const answerData = await openAnswerData();
const { embedder, xquad, xq, dev, instances } = answerData;
const vectorOf = new Map<string, number[]>();
xquad.articles.forEach((article, a) => article.passages.forEach((p, i) => vectorOf.set(passageRef(p), unit(xquad.passageVectors[a]![i]!))));
const folder = devArticlesFolder();
try {
  for (const article of loadArticles(folder.dir).articles) {
    const passages = segmentArticle(article.id, article.text);
    const vectors = await embedder.embed(passages.map((p) => p.text));
    passages.forEach((p, i) => vectorOf.set(passageRef(p), unit(vectors[i]!)));
  }
} finally {
  folder.remove();
}
const questions = [...new Set(instances.map((i) => i.question))];
const statements = questions.map(asStatement);
console.log(statements.slice(0, 6).map((s, i) => `  ${questions[i]} → ${s}`).join('\n'));
const [qv, sv] = [await embedder.embed(questions), await embedder.embed(statements)];
const qOf = new Map(questions.map((q, i) => [q, unit(qv[i]!)]));
const sOf = new Map(questions.map((q, i) => [q, unit(sv[i]!)]));

let missing = 0;
const withSignals: AnswerInstance[] = instances.map((instance) => {
  const q = qOf.get(instance.question)!, s = sOf.get(instance.question)!;
  const mean = unit(q.map((x, i) => x + s[i]!));
  const raw = instance.candidates.map((c) => {
    const v = vectorOf.get(passageRef(c.passage));
    if (!v) { missing++; return { st: c.dense, mix: c.dense }; }
    return { st: dot(s, v), mix: dot(mean, v) };
  });
  const bestSt = Math.max(...raw.map((r) => r.st)), bestMix = Math.max(...raw.map((r) => r.mix));
  return {
    ...instance,
    candidates: instance.candidates.map((c, i) => ({
      ...c,
      features: { ...c.features!, statement: raw[i]!.st, statementGap: raw[i]!.st - bestSt, mixed: raw[i]!.mix, mixedGap: raw[i]!.mix - bestMix },
    })),
  };
});
console.log(`candidates without a vector: ${missing}`);
printGoldRanks(withSignals, ['statement', 'mixed']);
printHeldOutVariants(withSignals, [[], ['statement'], ['statement', 'statementGap'], ['mixed'], ['mixed', 'mixedGap']]);
await answerData.close();
