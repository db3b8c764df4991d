/**
 * Whether the cosine with the article's common topic removed separates or ranks better than the raw cosine. Every
 * sentence of a news article shares its topic, so an on-topic question the article cannot answer meets every
 * sentence at a high raw cosine. With c the mean of the article's (unit) sentence vectors, the residual cosine is
 * cos(q − c, s − c) = (q·s − q·c − s·c + |c|²) / (|q − c| |s − c|).
 *
 * Prints, per signal, the AUC of answerable questions against near-unanswerable development ones, XQuAD gold-removed
 * and XQuAD asked of another article (question level: the best candidate's value; q·c is the question's own
 * topicality); the rank of the gold among the candidates by raw, residual and half-residual cosine (q − c/2, s − c/2);
 * then the answer model cross-validated by article (as `npm run eval` reports it) with these signals added as
 * features: the residual cosine, its gap to the best candidate's and rank, the best one as a question-level value,
 * q·c, and q·s − q·c. A gold-removed question's centroid leaves the gold sentence out too.
 *
 *   npx tsx bench/centroid-check.ts
 */
import { passageRef } from '../src/article/ref.js';
import type { AnswerInstance } from '../src/eval/answer-data.js';
import { dot, openAnswerData, printHeldOutVariants, unit, devArticlePassages } from './held-out-variants.js';

const answerData = await openAnswerData();
const { embedder, xquad, xq, dev, instances } = answerData;
function mean(rows: number[][]): number[] {
  const out = new Array<number>(rows[0]!.length).fill(0);
  for (const row of rows) row.forEach((x, i) => (out[i]! += x / rows.length));
  return out;
}

// Sentence vectors by ref, and each article's sentence refs.
const vectorOf = new Map<string, number[]>();
const refsOf = new Map<string, string[]>();
function remember(article: string, refs: string[], vectors: number[][]) {
  refs.forEach((ref, i) => vectorOf.set(ref, unit(vectors[i]!)));
  refsOf.set(article, refs);
}
xquad.articles.forEach((article, a) => remember(`xquad-${a}`, article.passages.map(passageRef), xquad.passageVectors[a]!));
for (const passages of devArticlePassages()) remember(passages[0]!.article, passages.map(passageRef), await embedder.embed(passages.map((p) => p.text)));
const centroids = new Map<string, number[]>();
function centroid(article: string, without?: string): number[] {
  const key = `${article}\u0000${without ?? ''}`;
  let c = centroids.get(key);
  if (!c) centroids.set(key, (c = mean(refsOf.get(article)!.filter((r) => r !== without).map((r) => vectorOf.get(r)!))));
  return c;
}

// Question vectors: XQuAD's in instance order (paraphrase, removed, foreign per question), the development ones embedded.
const questionVector = new Map<AnswerInstance, number[]>();
let k = 0;
xquad.articles.forEach((article, a) => article.questions.forEach((_q, i) => {
  for (let j = 0; j < 3; j++) questionVector.set(xq[k++]!, unit(xquad.questionVectors[a]![i]!));
}));
// A gold-removed instance follows its answerable one.
const removedGold = new Map<AnswerInstance, string>();
xq.forEach((instance, i) => {
  if (instance.kind === 'removed') removedGold.set(instance, passageRef([...xq[i - 1]!.gold][0]!));
});
const devVectors = await embedder.embed(dev.map((i) => i.question));
dev.forEach((instance, i) => questionVector.set(instance, unit(devVectors[i]!)));

/** Per candidate: the residual cosine, q·c and s·c (the centroid of the candidate's own article). */
let worstDenseDiff = 0;
const withSignals: AnswerInstance[] = instances.map((instance) => {
  const q = questionVector.get(instance)!;
  // With the gold removed the article no longer holds it, nor does its topic.
  const without = removedGold.get(instance);
  const raw = instance.candidates.map((c) => {
    const s = vectorOf.get(passageRef(c.passage))!;
    const cv = centroid(c.passage.article, without);
    const qs = dot(q, s);
    worstDenseDiff = Math.max(worstDenseDiff, Math.abs(qs - c.dense));
    const qc = dot(q, cv);
    const sc = dot(s, cv);
    const cc = dot(cv, cv);
    // cos(q − αc, s − αc): α = 1 removes the topic, α = ½ half of it.
    const residual = (alpha: number) =>
      (qs - alpha * qc - alpha * sc + alpha * alpha * cc) / Math.sqrt(Math.max(1e-9, (1 - 2 * alpha * qc + alpha * alpha * cc) * (1 - 2 * alpha * sc + alpha * alpha * cc)));
    return { resid: residual(1), half: residual(0.5), qc, sc, overTopic: qs - qc };
  });
  const best = Math.max(...raw.map((r) => r.resid));
  const bestHalf = Math.max(...raw.map((r) => r.half));
  const order = [...raw].sort((a, b) => b.resid - a.resid);
  return {
    ...instance,
    candidates: instance.candidates.map((c, i) => ({
      ...c,
      features: {
        ...c.features!,
        residual: raw[i]!.resid,
        residualGap: raw[i]!.resid - best,
        residualRank: 1 / (1 + order.indexOf(raw[i]!)),
        bestResidual: best,
        halfResidual: raw[i]!.half,
        halfResidualGap: raw[i]!.half - bestHalf,
        denseOverTopic: raw[i]!.overTopic,
        questionTopic: raw[i]!.qc,
        sentenceTopic: raw[i]!.sc,
      },
    })),
  };
});
console.log(`largest |q·s − dense| over candidates: ${worstDenseDiff.toExponential(2)}`);

/** P(a random positive scores above a random negative), ties counting half. */
function auc(positives: number[], negatives: number[]): number {
  let wins = 0;
  for (const p of positives) for (const n of negatives) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (positives.length * negatives.length || 1);
}
const bestOf = (instance: AnswerInstance, name: string) => Math.max(...instance.candidates.map((c) => c.features![name]!));
// q·c of the article the closest candidate is from (the development index holds several articles).
const topicOf = (instance: AnswerInstance) => [...instance.candidates].sort((a, b) => b.dense - a.dense)[0]!.features!.questionTopic!;
const signals: Array<[string, (i: AnswerInstance) => number]> = [
  ['best dense', (i) => bestOf(i, 'dense')],
  ['best residual', (i) => bestOf(i, 'residual')],
  ['best half residual', (i) => bestOf(i, 'halfResidual')],
  ['q·c (question topicality)', topicOf],
  ['best dense − q·c', (i) => bestOf(i, 'dense') - topicOf(i)],
];
const of = (set: 'xquad' | 'dev', kinds: string[]) => withSignals.filter((i) => (i.set === 'xquad') === (set === 'xquad') && kinds.includes(i.kind));
const comparisons: Array<[string, AnswerInstance[], AnswerInstance[]]> = [
  ['dev answerable vs near', of('dev', ['paraphrase', 'plain']), of('dev', ['near'])],
  ['dev answerable vs off', of('dev', ['paraphrase', 'plain']), of('dev', ['off'])],
  ['XQuAD answerable vs gold-removed', of('xquad', ['paraphrase']), of('xquad', ['removed'])],
  ['XQuAD answerable vs another article', of('xquad', ['paraphrase']), of('xquad', ['foreign'])],
];
const f3 = (x: number) => x.toFixed(3);
console.log(`AUC (answerable above unanswerable)     ${signals.map(([name]) => name.padEnd(26)).join('')}`);
for (const [label, pos, neg] of comparisons)
  console.log(`  ${`${label} (${pos.length}/${neg.length})`.padEnd(40)}${signals.map(([, f]) => f3(auc(pos.map(f), neg.map(f))).padEnd(26)).join('')}`);

// Ranking: the gold's rank among the candidates by raw and by residual cosine.
for (const [label, list] of [['XQuAD', of('xquad', ['paraphrase'])], ['development', of('dev', ['paraphrase', 'plain'])]] as const) {
  const line = ['dense', 'residual', 'halfResidual'].map((name) => {
    const ranks = list.map((i) => {
      const sorted = [...i.candidates].sort((a, b) => b.features![name]! - a.features![name]!);
      const r = sorted.findIndex((c) => i.gold.has(c.passage)) + 1;
      return r > 0 ? r : Infinity;
    });
    const at = (n: number) => f3(ranks.filter((r) => r <= n).length / ranks.length);
    return `${name} R@1 ${at(1)} R@3 ${at(3)} R@5 ${at(5)}`;
  });
  console.log(`${label} gold among the candidates (${list.length}): ${line.join('   ')}`);
}

printHeldOutVariants(withSignals, [[], ['residual'], ['residualGap'], ['residual', 'residualGap'], ['questionTopic'], ['residual', 'residualGap', 'questionTopic'], ['residualRank'], ['bestResidual'], ['denseOverTopic'], ['halfResidual', 'halfResidualGap'], ['residualGap', 'questionTopic']]);
await answerData.close();
