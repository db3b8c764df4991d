/** What the checker measures for one claim: the retrieved sentences, how each lines up with it, and the features. */
import { answerProbability, type Calibration } from '../answer/abstain.js';
import type { ArticleContext } from '../answer/article-context.js';
import { candidateFeatures, type QuestionAnalysis } from '../answer/features.js';
import { tokenize } from '../index/lexical-index.js';
import type { Passage, ScoredPassage } from '../types.js';
import { alignClaim, type Alignment } from './align.js';
import { meantByAnaphor } from './anaphora.js';
import { deniesAsClaimed } from './absence.js';
import { analyzeClaim, claimCoverage, knownPart, type TermIdf } from './coverage.js';
import { words, type NameLexicon } from './names.js';
import { bothNegated, polarityClash, type PolarityClash } from './polarity.js';
import { roleClash } from './roles.js';

/** Sentences retrieved per claim. */
export const CANDIDATES = 5;
/** Sentences examined for agreement or a clash: the gold sentence is in the top 3 for most questions (XQuAD R@3). */
export const EXAMINED = 3;

export interface Candidate {
  scored: ScoredPassage;
  /** The answer model's probability that this sentence answers the claim read as a question, in [0, 1]. */
  probability: number;
  /** Share of the claim's IDF mass this sentence says, synonyms and clipped words included (`claimCoverage`). */
  support: number;
  /** The same over the claim's words its article uses at all. */
  supportKnown: number;
  alignment: Alignment;
  clash?: PolarityClash;
  /** The sentence denies what the claim denies (`deniesAsClaimed`): "No one was killed." for "nobody died…". */
  denies?: true;
}

/** Every measure of a claim's evidence, each in [0, 1]; the verdict model reads those in `FEATURES`. */
export const MEASURES = [
  'relevance',
  'coverage',
  'support',
  'supportKnown',
  'novelty',
  'difference',
  'clash',
  'numbersAgree',
  'numbersInRole',
  'numbersUnmatched',
  'focusDifference',
  'focusClash',
  'bestDifference',
  'bestClash',
] as const;
export type Measure = (typeof MEASURES)[number];

/** The verdict model's inputs, in order. */
export const FEATURES: readonly Measure[] = ['relevance', 'support', 'novelty', 'difference', 'clash', 'numbersAgree'];

export interface Evidence {
  claim: string;
  candidates: Candidate[];
  features: number[];
  /** Every measure by name, the unused ones included (for reports). */
  measures?: Record<Measure, number>;
}

export interface EvidenceSources {
  names: NameLexicon;
  /** Article id → the stems of all its words, to see which claim words the article never uses. */
  articleStems: Map<string, Set<string>>;
  idf: TermIdf;
  calibration: Calibration;
  /** Each sentence's neighbours, for the answer model's context features. */
  context: ArticleContext;
}

export function articleStemSets(passages: Passage[]): Map<string, Set<string>> {
  const stems = new Map<string, Set<string>>();
  for (const passage of passages) {
    if (!stems.has(passage.article)) stems.set(passage.article, new Set());
    const set = stems.get(passage.article)!;
    for (const stem of tokenize(passage.text)) set.add(stem);
  }
  return stems;
}

export function gatherEvidence(claim: string, ranked: ScoredPassage[], sources: EvidenceSources, features: readonly Measure[] = FEATURES): Evidence {
  const analysis = analyzeClaim(claim, sources.idf);
  const known = new Map<string, ReturnType<typeof knownPart>>();
  const knownIn = (article: string) => {
    let part = known.get(article);
    if (!part) known.set(article, (part = knownPart(analysis, sources.articleStems.get(article) ?? new Set())));
    return part;
  };
  // The answer model is calibrated on its full feature set; read from cosine and coverage alone (what retrieval
  // returns) its probability sat near 0.01 for every claim, since the missing features carry most of the weight.
  const top = ranked.slice(0, CANDIDATES);
  const answerFeatures = top.length ? candidateFeatures(analysis, top, sources.context) : [];
  const candidates = top.map((scored, i): Candidate => {
    const probability = answerProbability({ ...scored, features: { ...answerFeatures[i]! } }, sources.calibration);
    const text = scored.passage.text;
    const alignment = withAnaphora(alignClaim(claim, text, sources.names), text, sources.context.previous(scored.passage)?.text);
    // A sentence denying what the claim denies says all of it: news states an absence on its own ("No one was
    // killed."), its subject in the sentences around it, so its words alone covered "nobody died when the ferry hit
    // the breakwater" not at all.
    const denies = deniesAsClaimed(claim, text);
    const said = (part: QuestionAnalysis) => (denies ? 1 : claimCoverage(part, text));
    const support = withFigures(said(analysis), analysis, alignment);
    const supportKnown = withFigures(said(knownIn(scored.passage.article)), knownIn(scored.passage.article), alignment);
    const measured = { scored, probability, support, supportKnown, alignment, ...(denies ? { denies: true as const } : {}) };
    if (i >= EXAMINED) return measured;
    // The roles are read only when the words do not clash already.
    const clash = polarityClash(claim, text) ?? rolesClash(claim, text, sources.names);
    return { ...measured, ...(clash ? { clash } : {}) };
  });
  dropAbsentNegations(claim, candidates.slice(0, EXAMINED));
  const measures = measuresOf(claim, candidates, sources);
  return { claim, candidates, features: features.map((name) => measures[name]), measures };
}

/** The claim's people the sentence means without naming them are not absent, nor replaced by another name. */
function withAnaphora(alignment: Alignment, sentence: string, previous: string | undefined): Alignment {
  const meant = new Set(meantByAnaphor(alignment.peopleAbsent, sentence, previous));
  if (meant.size === 0) return alignment;
  return {
    ...alignment,
    differences: alignment.differences.filter((d) => !(d.kind === 'name' && meant.has(d.claim.toLowerCase()))),
    peopleAbsent: alignment.peopleAbsent.filter((person) => !meant.has(person)),
  };
}

/**
 * A negated claim "clashes" with every sentence that speaks of it without the negation; where another examined
 * sentence saying as much of the claim negates it too, that one is about it, and the others clash with nothing:
 * "…and never changed it back" against "I changed my passwords…" beside "…and never reversed the change".
 */
function dropAbsentNegations(claim: string, examined: Candidate[]): void {
  for (const c of examined) {
    if (c.clash?.kind !== 'negation' || c.clash.articleWord !== undefined) continue;
    const agreeing = examined.some((d) => d !== c && d.clash === undefined && d.support >= c.support && (d.denies || bothNegated(claim, d.scored.passage.text)));
    if (agreeing) delete c.clash;
  }
}

function rolesClash(claim: string, sentence: string, names: NameLexicon): PolarityClash | undefined {
  const roles = roleClash(claim, sentence, names);
  return roles ? { kind: 'roles', ...roles } : undefined;
}

/**
 * Coverage with the claim's figures counted as words of the largest weight: stated in the same role, fully; stated
 * elsewhere in the sentence, half; not stated, not at all. So "9 votes to 4" is covered by "voted 9-4".
 */
function withFigures(coverage: number, analysis: { terms: Array<{ idf: number }> }, alignment: Alignment): number {
  if (alignment.numbersMatched === undefined) return coverage;
  const wordMass = analysis.terms.reduce((sum, t) => sum + t.idf, 0);
  const figureMass = Math.max(1, ...analysis.terms.map((t) => t.idf));
  const stated = (alignment.numbersMatchedInRole ?? 0) + 0.5 * (alignment.numbersMatched - (alignment.numbersMatchedInRole ?? 0));
  return (coverage * wordMass + stated * figureMass) / (wordMass + figureMass);
}

function measuresOf(claim: string, candidates: Candidate[], sources: EvidenceSources): Record<Measure, number> {
  const examined = candidates.slice(0, EXAMINED);
  const top = candidates[0];
  const stems = tokenize(claim);
  const known = top ? sources.articleStems.get(top.scored.passage.article) ?? new Set<string>() : new Set<string>();
  const novelty = stems.length ? stems.filter((stem) => !known.has(stem)).length / stems.length : 0;
  const max = (values: number[]) => Math.max(0, ...values);
  // When one examined sentence states every figure the claim gives, in the role the claim gives it, other
  // sentences' figures are about other things; but "…reduced the penalty from an initial figure of 3.1 million" does
  // not state what "ledgerly got fined 3.1 million in the end" says, and "…has been fined 2.4 million" does.
  const statesFigures = examined.some((c) => c.alignment.numbersMatched === 1 && c.alignment.numbersMatchedInRole === 1);
  const support = max(candidates.map((c) => c.support));
  const supportKnown = max(candidates.map((c) => c.supportKnown));
  // A clash or difference counts by how much of the claim its sentence says, relative to the sentence saying most:
  // a negation in a sentence that shares one word is about something else.
  const focus = (c: Candidate) => (support > 0 ? c.support / support : 0);
  // The examined sentence that says most of the claim (ties to the better-ranked): what the claim is checked against.
  const best = examined.reduce<Candidate | undefined>((a, c) => (a === undefined || c.support > a.support ? c : a), undefined);
  const claimNames = new Set(words(claim).filter((word) => sources.names.has(word)));
  // A polarity clash is about the claim's subject only where the sentence names whoever the claim names.
  const anchored = (c: Candidate) => [...claimNames].every((name) => words(c.scored.passage.text).includes(name));
  const hasNumbers = examined.some((c) => c.alignment.numbersMatched !== undefined);
  return {
    relevance: top?.probability ?? 0,
    coverage: max(examined.map((c) => c.scored.coverage)),
    support,
    supportKnown,
    novelty,
    difference: max(examined.map((c) => weight(c) * differenceStrength(c, statesFigures))),
    clash: max(examined.map((c) => (c.clash ? weight(c) : 0))),
    numbersAgree: max(examined.map((c) => c.alignment.numbersMatched ?? 0)),
    numbersInRole: max(examined.map((c) => c.alignment.numbersMatchedInRole ?? 0)),
    numbersUnmatched: hasNumbers ? 1 - max(examined.map((c) => c.alignment.numbersMatched ?? 0)) : 0,
    focusDifference: max(examined.map((c) => focus(c) * differenceStrength(c, statesFigures))),
    focusClash: max(examined.map((c) => (c.clash && anchored(c) ? focus(c) : 0))),
    bestDifference: best ? differenceStrength(best, statesFigures) : 0,
    bestClash: best?.clash ? 1 : 0,
  };
}

/**
 * How much a sentence's difference or clash counts: its fused retrieval score relative to the best (in [0, 1]).
 * Relative, unlike the answer model's probability: a sentence that ranks first weighs fully however plain the claim.
 */
function weight(candidate: Candidate): number {
  return Math.min(1, Math.max(0, candidate.scored.score));
}

/** 1 for a difference next to shared context ("200 journalists" / "500 journalists"), 0.5 for one elsewhere. */
export function differenceStrength(candidate: Candidate, ignoreNumbers = false): number {
  const counted = candidate.alignment.differences.filter((d) => !(ignoreNumbers && d.kind === 'number'));
  return Math.max(0, ...counted.map((d) => (d.aligned ? 1 : 0.5)));
}
