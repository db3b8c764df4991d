/** What the checker measures for one claim: the retrieved sentences, how each lines up with it, and the features. */
import { answerProbability, type Calibration } from '../answer/abstain.js';
import { tokenize } from '../index/lexical-index.js';
import type { Passage, ScoredPassage } from '../types.js';
import { alignClaim, type Alignment } from './align.js';
import type { NameLexicon } from './names.js';
import { polarityClash, type PolarityClash } from './polarity.js';

/** Sentences retrieved per claim; the ones after the third are only shown as further reading. */
export const CANDIDATES = 5;
/** Sentences examined for agreement or a clash: the gold sentence is in the top 3 for most questions (XQuAD R@3). */
export const EXAMINED = 3;

export interface Candidate {
  scored: ScoredPassage;
  /** The answer model's probability that this sentence answers the claim read as a question, in [0, 1]. */
  probability: number;
  alignment: Alignment;
  clash?: PolarityClash;
}

/** The verdict model's inputs, each in [0, 1]. Names and order match `FEATURES`. */
export const FEATURES = ['relevance', 'coverage', 'novelty', 'difference', 'clash', 'numbersAgree'] as const;

export interface Evidence {
  claim: string;
  candidates: Candidate[];
  features: number[];
}

export interface EvidenceSources {
  names: NameLexicon;
  /** Article id → the stems of all its words, to see which claim words the article never uses. */
  articleStems: Map<string, Set<string>>;
  calibration: Calibration;
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

export function gatherEvidence(claim: string, ranked: ScoredPassage[], sources: EvidenceSources): Evidence {
  const candidates = ranked.slice(0, CANDIDATES).map((scored, i): Candidate => {
    const probability = answerProbability(scored, sources.calibration);
    if (i >= EXAMINED) return { scored, probability, alignment: { differences: [] } };
    const clash = polarityClash(claim, scored.passage.text);
    return { scored, probability, alignment: alignClaim(claim, scored.passage.text, sources.names), ...(clash ? { clash } : {}) };
  });
  return { claim, candidates, features: featuresOf(claim, candidates, sources) };
}

function featuresOf(claim: string, candidates: Candidate[], sources: EvidenceSources): number[] {
  const examined = candidates.slice(0, EXAMINED);
  const top = candidates[0];
  const stems = tokenize(claim);
  const known = top ? sources.articleStems.get(top.scored.passage.article) ?? new Set<string>() : new Set<string>();
  const novelty = stems.length ? stems.filter((stem) => !known.has(stem)).length / stems.length : 0;
  const max = (values: number[]) => Math.max(0, ...values);
  // When one examined sentence states every figure the claim gives, other sentences' figures are about other things.
  const statesFigures = examined.some((c) => c.alignment.numbersMatched === 1);
  return [
    top?.probability ?? 0,
    max(examined.map((c) => c.scored.coverage)),
    novelty,
    max(examined.map((c) => weight(c) * differenceStrength(c, statesFigures))),
    max(examined.map((c) => (c.clash ? weight(c) : 0))),
    max(examined.map((c) => c.alignment.numbersMatched ?? 0)),
  ];
}

/**
 * How much a sentence's difference or clash counts: its fused retrieval score relative to the best (in [0, 1]).
 * The answer model's probability is near 0.01 for every claim-like sentence, so weighting by it erased the signal.
 */
function weight(candidate: Candidate): number {
  return Math.min(1, Math.max(0, candidate.scored.score));
}

/** 1 for a difference next to shared context ("200 journalists" / "500 journalists"), 0.5 for one elsewhere. */
export function differenceStrength(candidate: Candidate, ignoreNumbers = false): number {
  const counted = candidate.alignment.differences.filter((d) => !(ignoreNumbers && d.kind === 'number'));
  return Math.max(0, ...counted.map((d) => (d.aligned ? 1 : 0.5)));
}
