import type { Calibration } from '../answer/abstain.js';
import { rng } from '../random.js';
import { FEATURE_NAMES } from '../answer/features.js';
import { SECOND_OPINION_FEATURES } from '../answer/second-opinion.js';
import { answeringProbability, decideAnswer } from '../answer/decide.js';
import { rankByProbability } from '../answer/rescore.js';
import { fitLogisticModel, type Example } from '../answer/logistic.js';
import type { ScoredPassage } from '../types.js';
import type { AnswerInstance } from './answer-data.js';
import { addTallies, emptyTally, tallyAnswer, type DevTally } from './dev-sets.js';
import { isOwnSet } from './own-questions.js';
import { rankMetrics, type RankMetrics } from './metrics.js';

export interface FitOptions {
  features: readonly string[];
  /** Total weight of the development questions relative to XQuAD's in the fit (they are few, and paraphrased). */
  devShare: number;
  /** Which kinds of instances lend their candidates as negatives. */
  negativeKinds: ReadonlyArray<AnswerInstance['kind']>;
  /** Which kinds of unanswerable questions the threshold is set to refuse (each weighing as much as the answerable ones). */
  thresholdKinds: ReadonlyArray<AnswerInstance['kind']>;
  /** The citation threshold as a share of the answer threshold. */
  citationShare: number;
}

const ANSWERABLE = new Set(['paraphrase', 'plain']);
export const isAnswerable = (instance: AnswerInstance) => ANSWERABLE.has(instance.kind);

/** Candidates re-ranked by the answer probability, best first. */
export function rerank(instance: AnswerInstance, calibration: Pick<Calibration, 'weights' | 'bias'>): ScoredPassage[] {
  return rankByProbability(instance.candidates, calibration);
}

/**
 * Fits the answer model on `train`: gold candidates are positives, every other candidate a negative. The project's
 * own questions only measure it: fitted in beside the development ones, at a share of 0.25 to 1 of XQuAD's weight,
 * they moved their own held-out figures by a few questions and cost the development sets theirs (README, Evaluation).
 */
export function fitAnswerModel(instances: AnswerInstance[], options: FitOptions, model = '', crowded: readonly AnswerInstance[] = []): Calibration {
  const train = instances.filter((i) => !isOwnSet(i.set));
  const devCount = train.filter((i) => i.set !== 'xquad').length;
  const xquadCount = train.length - devCount;
  const devWeight = devCount > 0 && xquadCount > 0 ? (options.devShare * xquadCount) / devCount : 1;
  const examples: Example[] = train
    .filter((instance) => isAnswerable(instance) || options.negativeKinds.includes(instance.kind))
    .flatMap((instance) =>
      instance.candidates.map((c) => ({
        features: c.features!,
        answerable: instance.gold.has(c.passage),
        weight: instance.set === 'xquad' ? 1 : devWeight,
      })),
    );
  const fitted = fitLogisticModel(examples, options.features);
  const threshold = chooseBalancedThreshold(train, fitted, options.thresholdKinds);
  const citationThreshold = Math.round(threshold * options.citationShare * 1000) / 1000;
  return { model, ...fitted, threshold, citationThreshold, ...crowdedThreshold(crowded, fitted), fittedOn: '' };
}

/** The development index's articles: the threshold chosen with them in it holds up to this many (`answerThreshold`). */
export const CROWDED_FROM = 3;

/**
 * How the threshold rises with the articles asked, chosen as the balanced threshold among the crowded instances
 * (`crowdedXquadInstances`: answerable with the gold among 48 articles, against asked of the 47 others) for the fitted
 * model's probabilities; none without them.
 */
function crowdedThreshold(crowded: readonly AnswerInstance[], model: Pick<Calibration, 'weights' | 'bias'>): Pick<Calibration, 'crowded'> {
  if (crowded.length === 0) return {};
  const articles = Math.max(...crowded.map((i) => i.articles ?? 1));
  return { crowded: { from: CROWDED_FROM, articles, threshold: chooseBalancedThreshold([...crowded], model, ['foreign']) } };
}

/**
 * Grid steps on either side averaged into a threshold's score. A class of ten questions moves the score by a tenth
 * per question, so the raw maximum can sit on a one-question spike; the window prefers a threshold whose neighbours
 * score well too.
 */
const SMOOTHING = 2;

/**
 * The threshold that best separates questions the index answers from those it does not, on the best candidate's
 * probability: answered share of answerable questions plus refused share of unanswerable ones, each class weighted
 * equally (XQuAD foreign, XQuAD gold-removed, development near and off), averaged over ±SMOOTHING grid steps; the
 * median of that best threshold over bootstrap resamples of the classes.
 */
export function chooseBalancedThreshold(
  train: AnswerInstance[],
  model: Pick<Calibration, 'weights' | 'bias'>,
  kinds: ReadonlyArray<AnswerInstance['kind']>,
): number {
  const classes = new Map<string, number[]>();
  for (const instance of train) {
    if (!isAnswerable(instance) && !kinds.includes(instance.kind)) continue;
    const key = isAnswerable(instance) ? `answerable-${instance.set === 'xquad' ? 'xquad' : 'dev'}` : instance.kind;
    const best = answeringProbability(rankByProbability(instance.candidates, model), model, instance.question);
    classes.set(key, [...(classes.get(key) ?? []), best]);
  }
  // The median of the best thresholds of resampled classes: where the score has two near-equal peaks (a class of ten
  // near-unanswerable questions moves it by a tenth a question), the plain maximum jumped between them with the
  // smallest change to the features (0.075 → 0.135 in one fold); the peak most resamples prefer does not.
  const random = rng(1);
  const picks: number[] = [];
  for (let b = 0; b < THRESHOLD_RESAMPLES; b++) {
    const resampled = new Map([...classes].map(([key, values]) => [key, values.map(() => values[Math.floor(random() * values.length)]!)]));
    picks.push(bestThresholdOf(resampled));
  }
  picks.sort((a, b) => a - b);
  return picks[Math.floor(picks.length / 2)]!;
}

/** Bootstrap resamples of the classes whose best thresholds give the chosen one (their median). */
const THRESHOLD_RESAMPLES = 101;

function bestThresholdOf(classes: ReadonlyMap<string, number[]>): number {
  const positives = [...classes].filter(([key]) => key.startsWith('answerable')).map(([, values]) => values);
  const negatives = [...classes].filter(([key]) => !key.startsWith('answerable')).map(([, values]) => values);
  const grid: number[] = [];
  for (let t = 0.01; t < 1; t += 0.005) grid.push(t);
  const scores = grid.map((t) => {
    const recall = positives.reduce((sum, values) => sum + values.filter((p) => p >= t).length / values.length, 0) / (positives.length || 1);
    const rejected = negatives.reduce((sum, values) => sum + values.filter((p) => p < t).length / values.length, 0) / (negatives.length || 1);
    return recall + rejected;
  });
  let bestThreshold = 0.5;
  let bestScore = -Infinity;
  grid.forEach((t, i) => {
    const window = scores.slice(Math.max(0, i - SMOOTHING), i + SMOOTHING + 1);
    const smoothed = window.reduce((sum, x) => sum + x, 0) / window.length;
    if (smoothed > bestScore) [bestScore, bestThreshold] = [smoothed, t];
  });
  return Math.round(bestThreshold * 1000) / 1000;
}

/** Shares of the crowded instances: answered asked of the other articles, answered and with the gold first among all. */
export interface CrowdedReport {
  foreignAnswered: number;
  ownAnswered: number;
  ownFirst: number;
}

export function evaluateCrowded(test: readonly AnswerInstance[], calibration: Calibration): CrowdedReport {
  const count = { foreign: 0, foreignAnswered: 0, own: 0, ownAnswered: 0, ownFirst: 0 };
  for (const instance of test) {
    const ranked = rerank(instance, calibration);
    const { answered } = decideAnswer(ranked, calibration, instance.articles, instance.question);
    if (instance.kind === 'foreign') {
      count.foreign++;
      if (answered) count.foreignAnswered++;
    } else {
      count.own++;
      if (answered) count.ownAnswered++;
      if (answered && instance.gold.has(ranked[0]!.passage)) count.ownFirst++;
    }
  }
  const share = (n: number, d: number) => (d ? n / d : 0);
  return { foreignAnswered: share(count.foreignAnswered, count.foreign), ownAnswered: share(count.ownAnswered, count.own), ownFirst: share(count.ownFirst, count.own) };
}

export interface HeldOutReport {
  xquad: RankMetrics;
  /** Share answered: XQuAD questions of their own article, with the gold removed, of another article. */
  xquadAnswered: { own: number; removed: number; foreign: number };
  dev: Map<string, DevTally>;
  /** The development sets pooled, and apart the project's own (`own-questions.ts`). */
  pooled: DevTally;
  own: DevTally;
  /** Rank of the first gold candidate among the re-ranked ones, answer decision aside (answerable dev questions). */
  devRanks: RankMetrics;
  ownRanks: RankMetrics;
  /** The crowded instances, when given. */
  crowded?: CrowdedReport;
}

export function evaluateHeldOut(test: AnswerInstance[], calibration: Calibration): HeldOutReport {
  const ranks: number[] = [];
  const answered = { own: [0, 0], removed: [0, 0], foreign: [0, 0] };
  const dev = new Map<string, DevTally>();
  const devRanks: number[] = [];
  const ownRanks: number[] = [];
  for (const instance of test) {
    const ranked = rerank(instance, calibration);
    const decision = decideAnswer(ranked, calibration, instance.articles, instance.question);
    if (instance.set === 'xquad') {
      const rank = ranked.findIndex((c) => instance.gold.has(c.passage)) + 1;
      if (instance.kind === 'paraphrase') ranks.push(rank > 0 ? rank : Infinity);
      const key = instance.kind === 'paraphrase' ? 'own' : (instance.kind as 'removed' | 'foreign');
      answered[key][0]! += decision.answered ? 1 : 0;
      answered[key][1]!++;
    } else {
      if (isAnswerable(instance)) {
        const rank = ranked.findIndex((c) => instance.gold.has(c.passage)) + 1;
        (isOwnSet(instance.set) ? ownRanks : devRanks).push(rank > 0 ? rank : Infinity);
      }
      const tally = dev.get(instance.set) ?? emptyTally();
      const citations = decision.shown.map(({ scored }) => ({ article: scored.passage.article, quote: scored.passage.text }));
      tallyAnswer(tally, instance.dev!, { answered: decision.answered, citations });
      dev.set(instance.set, tally);
    }
  }
  const share = ([n, d]: number[]) => (d ? n! / d : 0);
  return {
    xquad: rankMetrics(ranks),
    xquadAnswered: { own: share(answered.own), removed: share(answered.removed), foreign: share(answered.foreign) },
    dev,
    ...pooledTallies(dev),
    devRanks: rankMetrics(devRanks),
    ownRanks: rankMetrics(ownRanks),
  };
}

function pooledTallies(dev: ReadonlyMap<string, DevTally>): Pick<HeldOutReport, 'pooled' | 'own'> {
  const pool = (own: boolean) => [...dev].filter(([set]) => isOwnSet(set) === own).reduce((sum, [, tally]) => addTallies(sum, tally), emptyTally());
  return { pooled: pool(false), own: pool(true) };
}

/**
 * Folds by article: XQuAD article a in fold a mod k; the other articles, `devSets` first and then in the order their
 * instances come, the i-th in fold i mod k.
 */
export function crossValidate(instances: AnswerInstance[], options: FitOptions, folds = 3, devSets: string[] = [], crowded: readonly AnswerInstance[] = []): HeldOutReport {
  const others = [...new Set([...devSets, ...instances.map((i) => i.group).filter((g) => !g.startsWith('xquad-'))])];
  const foldOf = (group: string) => (group.startsWith('xquad-') ? Number(group.slice(6)) : others.indexOf(group)) % folds;
  const reports = Array.from({ length: folds }, (_, k) => {
    const train = instances.filter((i) => foldOf(i.group) !== k);
    const test = instances.filter((i) => foldOf(i.group) === k);
    const crowdedTest = crowded.filter((i) => foldOf(i.group) === k);
    return { test, crowdedTest, calibration: fitAnswerModel(train, options, '', crowded.filter((i) => foldOf(i.group) !== k)) };
  });
  // Pool the held-out predictions of every fold into one report.
  const parts = reports.map(({ test, calibration }) => ({ report: evaluateHeldOut(test, calibration), n: test.filter((i) => i.set === 'xquad' && i.kind === 'paraphrase').length }));
  const merged = mergeReports(parts);
  if (crowded.length === 0) return merged;
  const crowdedParts = reports.map(({ crowdedTest, calibration }) => ({ report: evaluateCrowded(crowdedTest, calibration), test: crowdedTest }));
  const weighed = (pick: (r: CrowdedReport) => number, kind: (i: AnswerInstance) => boolean) => {
    const total = crowdedParts.reduce((sum, p) => sum + p.test.filter(kind).length, 0) || 1;
    return crowdedParts.reduce((sum, p) => sum + pick(p.report) * p.test.filter(kind).length, 0) / total;
  };
  const isForeign = (i: AnswerInstance) => i.kind === 'foreign';
  const isOwn = (i: AnswerInstance) => i.kind !== 'foreign';
  return {
    ...merged,
    crowded: { foreignAnswered: weighed((r) => r.foreignAnswered, isForeign), ownAnswered: weighed((r) => r.ownAnswered, isOwn), ownFirst: weighed((r) => r.ownFirst, isOwn) },
  };
}

export function mergeReports(parts: Array<{ report: HeldOutReport; n: number }>): HeldOutReport {
  const total = parts.reduce((sum, p) => sum + p.n, 0) || 1;
  const ranksOf = (which: (r: HeldOutReport) => RankMetrics): RankMetrics => {
    const questions = parts.reduce((sum, p) => sum + which(p.report).questions, 0);
    const avg = (pick: (m: RankMetrics) => number) => parts.reduce((sum, p) => sum + pick(which(p.report)) * which(p.report).questions, 0) / (questions || 1);
    return { questions, r1: avg((m) => m.r1), r3: avg((m) => m.r3), r5: avg((m) => m.r5), mrr: avg((m) => m.mrr) };
  };
  const avg = (pick: (r: HeldOutReport) => number) => parts.reduce((sum, p) => sum + pick(p.report) * p.n, 0) / total;
  const dev = new Map<string, DevTally>();
  for (const { report } of parts) for (const [set, tally] of report.dev) dev.set(set, addTallies(dev.get(set) ?? emptyTally(), tally));
  return {
    xquad: { questions: total, r1: avg((r) => r.xquad.r1), r3: avg((r) => r.xquad.r3), r5: avg((r) => r.xquad.r5), mrr: avg((r) => r.xquad.mrr) },
    xquadAnswered: { own: avg((r) => r.xquadAnswered.own), removed: avg((r) => r.xquadAnswered.removed), foreign: avg((r) => r.xquadAnswered.foreign) },
    dev,
    ...pooledTallies(dev),
    devRanks: ranksOf((r) => r.devRanks),
    ownRanks: ranksOf((r) => r.ownRanks),
  };
}

/**
 * What `npm run calibrate` fits and `npm run eval` cross-validates, chosen by held-out figures (README, Evaluation):
 * every feature; the development questions weigh as much as XQuAD's; every kind of unanswerable question lends
 * negatives; the threshold balances answering against refusing near, off-topic and foreign questions.
 */
export const SHIPPED_FIT: FitOptions = {
  features: FEATURE_NAMES,
  devShare: 1,
  negativeKinds: ['near', 'off', 'removed', 'foreign'],
  thresholdKinds: ['near', 'off', 'foreign'],
  citationShare: 0.25,
};

/** The shipped fit, with the second encoder's features too when the instances carry them. */
export function shippedFit(instances: readonly AnswerInstance[]): FitOptions {
  const second = instances.some((i) => i.candidates.some((c) => c.features?.[SECOND_OPINION_FEATURES[0]] !== undefined));
  return second ? { ...SHIPPED_FIT, features: [...FEATURE_NAMES, ...SECOND_OPINION_FEATURES] } : SHIPPED_FIT;
}
