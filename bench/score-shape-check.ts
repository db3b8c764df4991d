/**
 * Whether the shape of a question's answer probabilities tells an answerable question from one the article cannot
 * answer, where the best probability alone does not: held out by article (3 folds, the shipped fit), the AUC of the
 * best probability, its margin over the second, its share of all, the second alone and a mix, for the development
 * sets' answerable questions against their near-unanswerable and off-topic ones, and XQuAD's against gold removed
 * and another article.
 *
 *   npx tsx bench/score-shape-check.ts
 */
import { answerProbability } from '../src/answer/abstain.js';
import { fitAnswerModel, SHIPPED_FIT, isAnswerable } from '../src/eval/cross-validate.js';
import { DEV_SETS } from '../src/eval/dev-sets.js';
import { loadAnswerInstances } from './held-out-variants.js';
const { instances } = await loadAnswerInstances();
const folds = 3;
const foldOf = (g: string) => (g.startsWith('xquad-') ? Number(g.slice(6)) : DEV_SETS.indexOf(g)) % folds;
type Row = { kind: string; set: string; best: number; second: number; sum: number; top3: number };
const rows: Row[] = [];
for (let k = 0; k < folds; k++) {
  const cal = fitAnswerModel(instances.filter((i) => foldOf(i.group) !== k), SHIPPED_FIT);
  for (const inst of instances.filter((i) => foldOf(i.group) === k)) {
    const ps = inst.candidates.map((c) => answerProbability(c, cal)).sort((a, b) => b - a);
    rows.push({ kind: inst.kind, set: inst.set, best: ps[0] ?? 0, second: ps[1] ?? 0, sum: ps.reduce((a, b) => a + b, 0), top3: (ps[0] ?? 0) + (ps[1] ?? 0) + (ps[2] ?? 0) });
  }
}
const auc = (pos: number[], neg: number[]) => { let s = 0; for (const p of pos) for (const n of neg) s += p > n ? 1 : p === n ? 0.5 : 0; return s / (pos.length * neg.length); };
const stats: Record<string, (r: Row) => number> = {
  best: (r) => r.best,
  margin: (r) => r.best - r.second,
  ratio: (r) => r.best / (r.sum || 1),
  second: (r) => r.second,
  'logit best - 0.5 logit second': (r) => Math.log(r.best / (1 - r.best)) - 0.5 * Math.log(r.second / (1 - r.second)),
};
const groups = {
  'dev answerable vs near': [rows.filter((r) => r.set !== 'xquad' && (r.kind === 'paraphrase' || r.kind === 'plain')), rows.filter((r) => r.kind === 'near')],
  'dev answerable vs off': [rows.filter((r) => r.set !== 'xquad' && (r.kind === 'paraphrase' || r.kind === 'plain')), rows.filter((r) => r.kind === 'off')],
  'xquad own vs removed': [rows.filter((r) => r.set === 'xquad' && r.kind === 'paraphrase'), rows.filter((r) => r.kind === 'removed')],
  'xquad own vs foreign': [rows.filter((r) => r.set === 'xquad' && r.kind === 'paraphrase'), rows.filter((r) => r.kind === 'foreign')],
} as const;
for (const [name, [pos, neg]] of Object.entries(groups)) {
  console.log(name, pos.length, neg.length, Object.entries(stats).map(([s, f]) => `${s} ${auc(pos.map(f), neg.map(f)).toFixed(3)}`).join(' | '));
}
