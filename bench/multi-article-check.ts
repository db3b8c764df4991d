/**
 * XQuAD in indexes of several articles, as a server that has added articles over time holds them: each question is
 * asked of an index holding its own article and the next `K - 1` (`own`), and of one holding the `K` articles after
 * its own (`foreign`: on no loaded article's subject, yet written like the questions that are). `npm run eval`
 * asks XQuAD of one article at a time, so `articleFocus` is always 1 there and the answer model never sees a
 * foreign question among several articles. Prints, per fold model (cross-validated by article, 3 folds), the usual
 * held-out figures and these, for the shipped fit and for fits that also train on the several-article instances,
 * with and without `articleFocus`.
 *
 *   K=3 npx tsx bench/multi-article-check.ts
 */
import { articleContext } from '../src/answer/article-context.js';
import { analyzeQuestion, candidateFeatures, FEATURE_NAMES, weighedStems } from '../src/answer/features.js';
import { RESCORE_CANDIDATES } from '../src/answer/rescore.js';
import type { AnswerInstance } from '../src/eval/answer-data.js';
import { evaluateHeldOut, fitAnswerModel, mergeReports, SHIPPED_FIT } from '../src/eval/cross-validate.js';
import { DEV_SETS, formatTallyRow } from '../src/eval/dev-sets.js';
import { embeddedStores } from '../src/eval/eval-stores.js';
import { normalizeQuestion } from '../src/retrieval/clean-question.js';
import { openAnswerData } from './held-out-variants.js';

const K = Number(process.env.K ?? 3);
const FOLDS = 3;
const data = await openAnswerData();
try {
  const stores = embeddedStores();
  const { xquad } = data;
  const n = xquad.articles.length;
  const collectionOf = (ids: number[]) =>
    stores.collection(`several-${ids.join('-')}`, [], ids.flatMap((a) => xquad.articles[a]!.passages), ids.flatMap((a) => xquad.passageVectors[a]!), xquad.model, xquad.dimensions);
  const several: AnswerInstance[] = [];
  for (let a = 0; a < n; a++) {
    const own = await collectionOf(Array.from({ length: K }, (_, j) => (a + j) % n));
    const others = await collectionOf(Array.from({ length: K }, (_, j) => (a + 1 + j) % n));
    for (const [i, q] of xquad.articles[a]!.questions.entries()) {
      const question = normalizeQuestion(q.question);
      const vector = xquad.questionVectors[a]![i]!;
      for (const [collection, kind] of [[own, 'paraphrase'], [others, 'foreign']] as const) {
        const found = await collection.store.candidates(question, vector, RESCORE_CANDIDATES, { weighTerms: weighedStems(question) });
        const features = candidateFeatures(analyzeQuestion(question, found.lexical), found.passages, articleContext(collection.passages));
        const gold = kind === 'foreign' ? new Set<never>() : new Set([xquad.articles[a]!.passages[q.gold]!]);
        several.push({ group: `xquad-${a}`, set: 'xquad', kind, question, candidates: found.passages.map((c, j) => ({ ...c, features: features[j]! })), gold });
      }
    }
  }
  const foldOf = (group: string) => (group.startsWith('xquad-') ? Number(group.slice(6)) : DEV_SETS.indexOf(group)) % FOLDS;
  const variants: Array<[string, boolean, readonly string[]]> = [
    ['shipped fit', false, FEATURE_NAMES],
    ['without articleFocus', false, FEATURE_NAMES.filter((name) => name !== 'articleFocus')],
    [`also trained on ${K}-article indexes`, true, FEATURE_NAMES],
    [`also trained on ${K}-article indexes, without articleFocus`, true, FEATURE_NAMES.filter((name) => name !== 'articleFocus')],
  ];
  for (const [label, train, features] of variants) {
    const parts = Array.from({ length: FOLDS }, (_, k) => {
      const fitted = fitAnswerModel([...data.instances, ...(train ? several : [])].filter((i) => foldOf(i.group) !== k), { ...SHIPPED_FIT, features });
      const test = data.instances.filter((i) => foldOf(i.group) === k);
      const n = test.filter((i) => i.set === 'xquad' && i.kind === 'paraphrase').length;
      return { one: { report: evaluateHeldOut(test, fitted), n }, several: { report: evaluateHeldOut(several.filter((i) => foldOf(i.group) === k), fitted), n } };
    });
    const one = mergeReports(parts.map((p) => p.one));
    const many = mergeReports(parts.map((p) => p.several));
    console.log(label);
    console.log(`  ${formatTallyRow('pooled', one.pooled)}`);
    console.log(`  XQuAD one article at a time: R@1 ${one.xquad.r1.toFixed(3)}  removed answered ${one.xquadAnswered.removed.toFixed(3)}  another article answered ${one.xquadAnswered.foreign.toFixed(3)}`);
    console.log(`  XQuAD in ${K}-article indexes: R@1 ${many.xquad.r1.toFixed(3)}  R@5 ${many.xquad.r5.toFixed(3)}  own answered ${many.xquadAnswered.own.toFixed(3)}  ${K} other articles answered ${many.xquadAnswered.foreign.toFixed(3)}`);
  }
} finally {
  await data.close();
}
process.exit(0);
