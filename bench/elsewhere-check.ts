/**
 * Whether a question's words that its candidate's article uses, but elsewhere, mark a question the article cannot
 * answer. A paraphrased question avoids the article's words (its answer says the same in others), while an on-topic
 * question the article does not answer is made of the article's own words, spread over sentences that each answer
 * something else ("How many goals has Marcus Reed scored this season?": the article has "Reed", "scored", "goals"
 * and "season", never together). Per candidate, IDF-weighted over its article's sentences: the share of the
 * question's terms the article uses but the sentence does not; the same with the sentence's neighbours counted in;
 * and the best candidate's values as question-level ones. A gold-removed question's article leaves its gold out.
 *
 *   npx tsx bench/elsewhere-check.ts
 */
import { passageRef } from '../src/article/ref.js';
import type { AnswerInstance } from '../src/eval/answer-data.js';
import { tokenize } from '../src/index/lexical-index.js';
import type { Passage } from '../src/types.js';
import { openAnswerData, printHeldOutVariants, devArticlePassages } from './held-out-variants.js';

const answerData = await openAnswerData();
const { xquad, xq, instances } = answerData;

const key = (p: Passage) => `${p.article}\u0000${passageRef(p)}`;
const termsOf = new Map<string, Set<string>>();
const neighboursOf = new Map<string, string[]>();
const sentencesOf = new Map<string, string[]>();
function remember(passages: readonly Passage[]) {
  passages.forEach((p, i) => {
    termsOf.set(key(p), new Set(tokenize(p.text)));
    const around = [passages[i - 1], passages[i + 1]].filter((q): q is Passage => q !== undefined && q.article === p.article);
    neighboursOf.set(key(p), around.map(key));
    sentencesOf.set(p.article, [...(sentencesOf.get(p.article) ?? []), key(p)]);
  });
}
xquad.articles.forEach((article) => remember(article.passages));
for (const passages of devArticlePassages()) remember(passages);
const removedGold = new Map<AnswerInstance, string>();
xq.forEach((instance, i) => {
  if (instance.kind === 'removed') removedGold.set(instance, key([...xq[i - 1]!.gold][0]!));
});

/** Document frequency of each term over an article's sentences (one left out for a gold-removed question). */
const frequencies = new Map<string, Map<string, number>>();
function frequency(article: string, without?: string) {
  const cacheKey = `${article}\u0000${without ?? ''}`;
  let df = frequencies.get(cacheKey);
  if (!df) {
    df = new Map();
    for (const sentence of sentencesOf.get(article)!) {
      if (sentence === without) continue;
      for (const term of termsOf.get(sentence)!) df.set(term, (df.get(term) ?? 0) + 1);
    }
    frequencies.set(cacheKey, df);
  }
  return df;
}

const withSignals: AnswerInstance[] = instances.map((instance) => {
  const terms = [...new Set(tokenize(instance.question))];
  const without = removedGold.get(instance);
  const raw = instance.candidates.map((c) => {
    const k = key(c.passage);
    const df = frequency(c.passage.article, without);
    const n = (sentencesOf.get(c.passage.article)?.length ?? 1) - (without ? 1 : 0);
    const idf = (t: string) => Math.log(1 + n / (1 + (df.get(t) ?? 0)));
    const own = termsOf.get(k) ?? new Set<string>();
    const window = new Set([...own, ...(neighboursOf.get(k) ?? []).flatMap((m) => [...(termsOf.get(m) ?? [])])]);
    const total = terms.reduce((sum, t) => sum + idf(t), 0) || 1;
    const elsewhere = (held: Set<string>) => terms.filter((t) => (df.get(t) ?? 0) > 0 && !held.has(t)).reduce((sum, t) => sum + idf(t), 0) / total;
    return { elsewhere: elsewhere(own), elsewhereWindow: elsewhere(window) };
  });
  const least = Math.min(...raw.map((r) => r.elsewhere)), leastWindow = Math.min(...raw.map((r) => r.elsewhereWindow));
  return {
    ...instance,
    candidates: instance.candidates.map((c, i) => ({ ...c, features: { ...c.features!, ...raw[i]!, leastElsewhere: least, leastElsewhereWindow: leastWindow } })),
  };
});

/** P(a random positive scores above a random negative), ties counting half. */
function auc(positives: number[], negatives: number[]): number {
  let wins = 0;
  for (const p of positives) for (const n of negatives) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (positives.length * negatives.length || 1);
}
const of = (xquadSet: boolean, kinds: string[]) => withSignals.filter((i) => (i.set === 'xquad') === xquadSet && kinds.includes(i.kind));
const f3 = (x: number) => x.toFixed(3);
// Lower is more answerable, so the AUC is of the answerable below the unanswerable.
for (const name of ['leastElsewhere', 'leastElsewhereWindow']) {
  const value = (i: AnswerInstance) => -i.candidates[0]!.features![name]!;
  console.log(
    `${name}: AUC answerable vs near ${f3(auc(of(false, ['paraphrase', 'plain']).map(value), of(false, ['near']).map(value)))}, ` +
      `vs off ${f3(auc(of(false, ['paraphrase', 'plain']).map(value), of(false, ['off']).map(value)))}; ` +
      `XQuAD vs gold-removed ${f3(auc(of(true, ['paraphrase']).map(value), of(true, ['removed']).map(value)))}, vs another article ${f3(auc(of(true, ['paraphrase']).map(value), of(true, ['foreign']).map(value)))}`,
  );
}
printHeldOutVariants(withSignals, [[], ['elsewhere'], ['elsewhereWindow'], ['leastElsewhere'], ['leastElsewhereWindow'], ['elsewhere', 'leastElsewhere']]);
await answerData.close();
