import type { Calibration } from '../answer/abstain.js';
import type { AnswerInstance } from './answer-data.js';
import { crossValidate, evaluateCrowded, evaluateHeldOut, shippedFit, type CrowdedReport, type HeldOutReport } from './cross-validate.js';
import { DEV_SETS, formatTallyRow, TALLY_HEADER } from './dev-sets.js';
import type { XquadArticle } from './datasets.js';
import { evaluatePhrases } from './phrase-metrics.js';
import { isOwnSet } from './own-questions.js';

const f3 = (x: number) => x.toFixed(3);

/** Lines describing the answer model: held-out by article, then the shipped calibration and the answer phrases. */
export function answerModelReport(instances: AnswerInstance[], shipped: Calibration, xquad: XquadArticle[], crowded: AnswerInstance[] = []): string[] {
  const folds = 3;
  const heldOut = crossValidate(instances, shippedFit(instances), folds, DEV_SETS, crowded);
  const lines = [`\nAnswer model, held out by article (${folds} folds: fitted on the other folds' articles, XQuAD and development; the own sets only measured)`];
  lines.push(...reportLines(heldOut, instances.some((i) => i.set !== 'xquad')));
  if (heldOut.crowded) lines.push(crowdedLine(heldOut.crowded, xquad.length));
  lines.push(`\nAnswer model as shipped (${shipped.model}; fitted on all of these, so in-sample)`);
  lines.push(...reportLines(evaluateHeldOut(instances, shipped), false));
  if (crowded.length > 0) lines.push(crowdedLine(evaluateCrowded(crowded, shipped), xquad.length));
  lines.push('\nAnswer phrase inside the gold sentence vs XQuAD answer text (unmarked counts as a miss)');
  const phrases = [...evaluatePhrases(xquad)].sort((a, b) => b[1].questions - a[1].questions);
  const line = (type: string, s: { questions: number; marked: number; exactMatch: number; f1: number }) =>
    `  ${type.padEnd(7)} ${String(s.questions).padStart(4)} questions, marked ${String(s.marked).padStart(4)}  EM ${f3(s.exactMatch)}  F1 ${f3(s.f1)}`;
  for (const [type, s] of phrases) lines.push(line(type, s));
  // Over every question, so figures stay comparable when a question moves from one type to another.
  const all = phrases.reduce(
    (sum, [, s]) => ({ questions: sum.questions + s.questions, marked: sum.marked + s.marked, exactMatch: sum.exactMatch + s.exactMatch * s.questions, f1: sum.f1 + s.f1 * s.questions }),
    { questions: 0, marked: 0, exactMatch: 0, f1: 0 },
  );
  lines.push(line('all', { ...all, exactMatch: all.exactMatch / (all.questions || 1), f1: all.f1 / (all.questions || 1) }));
  return lines;
}

function crowdedLine(report: CrowdedReport, articles: number): string {
  return `  XQuAD, all ${articles} articles in one index: own article left out answered ${f3(report.foreignAnswered)}; own article in answered ${f3(report.ownAnswered)}, with the gold first ${f3(report.ownFirst)}`;
}

function reportLines(report: HeldOutReport, withDev: boolean): string[] {
  const x = report.xquad;
  const a = report.xquadAnswered;
  const lines = [
    `  XQuAD re-ranked R@1 ${f3(x.r1)}  R@3 ${f3(x.r3)}  R@5 ${f3(x.r5)}  MRR ${f3(x.mrr)}`,
    `  XQuAD answered: own article ${f3(a.own)}, gold sentence removed ${f3(a.removed)}, another article ${f3(a.foreign)}`,
  ];
  if (!withDev) return lines;
  lines.push(`  ${TALLY_HEADER}`);
  for (const set of DEV_SETS) if (report.dev.has(set)) lines.push(`  ${formatTallyRow(set, report.dev.get(set)!)}`);
  lines.push(`  ${formatTallyRow('pooled', report.pooled)}`);
  const d = report.devRanks;
  lines.push(`  development gold rank, answer decision aside: R@1 ${f3(d.r1)}  R@3 ${f3(d.r3)}  R@5 ${f3(d.r5)}`);
  if (report.own.answerable + report.own.near + report.own.off === 0) return lines;
  const articles = [...report.dev.keys()].filter(isOwnSet).length;
  lines.push(`  ${formatTallyRow(`own, ${articles} articles`, report.own)}  (each asked of its article alone)`);
  const o = report.ownRanks;
  lines.push(`  own sets' gold rank, answer decision aside: R@1 ${f3(o.r1)}  R@3 ${f3(o.r3)}  R@5 ${f3(o.r5)}`);
  return lines;
}
