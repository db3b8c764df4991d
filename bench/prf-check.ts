/**
 * Pseudo-relevance feedback on the dense side (Rocchio): the question's vector moved towards the mean of its first
 * `TOPM` candidates by fused score, q' = q + BETA · mean, and each candidate's cosine with q' (`prf`), its gap to
 * the best candidate's (`prfGap`), given to the answer model. A paraphrase avoids its answer's words; the sentences
 * retrieval finds first may still carry the article's words for what the question means. Prints the gold's rank
 * among the candidates by the plain and the moved cosine, then the answer model's held-out figures with them,
 * cross-validated by article as `npm run eval` does (3 folds).
 *
 *   BETA=0.5 TOPM=3 npx tsx bench/prf-check.ts
 */
import { openAnswerData, printGoldRanks, printHeldOutVariants } from './held-out-variants.js';

const beta = Number(process.env.BETA ?? 0.5);
const topM = Number(process.env.TOPM ?? 3);
const data = await openAnswerData();
try {
  const texts = [...new Set(data.instances.flatMap((i) => i.candidates.map((c) => c.passage.text)))];
  const questions = [...new Set(data.instances.map((i) => i.question))];
  const sentenceVectors = new Map((await data.embedder.embed(texts)).map((v, i) => [texts[i]!, v] as const));
  const questionVectors = new Map((await data.embedder.embed(questions)).map((v, i) => [questions[i]!, v] as const));
  const dot = (a: readonly number[], b: readonly number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
  const instances = data.instances.map((instance) => {
    const q = questionVectors.get(instance.question)!;
    const first = [...instance.candidates].sort((a, b) => b.score - a.score).slice(0, topM);
    const moved = q.map((x, d) => x + (beta * first.reduce((sum, c) => sum + sentenceVectors.get(c.passage.text)![d]!, 0)) / first.length);
    const length = Math.sqrt(dot(moved, moved)) || 1;
    const cosines = instance.candidates.map((c) => dot(moved, sentenceVectors.get(c.passage.text)!) / length);
    const best = Math.max(...cosines);
    return { ...instance, candidates: instance.candidates.map((c, i) => ({ ...c, features: { ...c.features!, prf: cosines[i]!, prfGap: cosines[i]! - best } })) };
  });
  printGoldRanks(instances, ['prf']);
  printHeldOutVariants(instances, [['prf'], ['prf', 'prfGap'], ['prfGap']]);
} finally {
  await data.close();
}
process.exit(0);
