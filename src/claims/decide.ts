/** Evidence → a verdict with the sentence that decides it and, for a contradiction, what differs. */
import type { Citation, ClaimResult } from '../types.js';
import { differenceStrength, type Candidate, type Evidence } from './evidence.js';
import { VERDICTS, verdictProbabilities, type VerdictModel } from './verdict-model.js';

/** A further sentence is shown as relevant when its fused retrieval score is at least this share of the best one. */
const RELEVANT_SCORE_RATIO = 0.5;

/**
 * Below this probability the model's best verdict is barely ahead of a three-way guess (1/3), so the checker says
 * "can't tell" instead. Used when the model carries no threshold of its own (`VerdictModel.minConfidence`, chosen
 * by leave-one-article-out when it is fitted).
 */
export const MIN_CONFIDENCE = 0.36;

export function decideClaim(evidence: Evidence, model: VerdictModel, minConfidence = model.minConfidence ?? MIN_CONFIDENCE): ClaimResult {
  const probabilities = verdictProbabilities(model, evidence.features);
  const best = probabilities.indexOf(Math.max(...probabilities));
  const confidence = round(probabilities[best]!);
  const guess = VERDICTS[best]!;
  const { candidates, claim } = evidence;
  if (confidence < minConfidence || candidates.length === 0) {
    return { claim, verdict: 'cant_tell', confidence, citations: citationsOf(candidates), deciding: 0 };
  }
  if (guess === 'not_mentioned') return { claim, verdict: guess, confidence, citations: citationsOf(candidates), deciding: 0 };
  const decider = guess === 'contradicted' ? contradictingCandidate(candidates) : supportingCandidate(candidates);
  const ordered = [decider, ...candidates.filter((c) => c !== decider)];
  const differs = guess === 'contradicted' ? describeDifference(decider) : undefined;
  return { claim, verdict: guess, confidence, citations: citationsOf(ordered, true), deciding: 1, ...(differs ? { differs } : {}) };
}

/**
 * The examined sentence with the strongest clash, weighted by how much of the claim it covers; ties go to rank.
 * A negation in scope and a differing figure or name add up: a sentence with both contradicts on two counts.
 */
function contradictingCandidate(candidates: Candidate[]): Candidate {
  const strength = (c: Candidate) => c.scored.coverage * (differenceStrength(c) + (c.clash ? 1 : 0));
  return candidates.slice(0, 3).reduce((best, c) => (strength(c) > strength(best) ? c : best), candidates[0]!);
}

/** The best-ranked sentence, unless a lower one states every figure the claim gives and it does not. */
function supportingCandidate(candidates: Candidate[]): Candidate {
  const top = candidates[0]!;
  if (top.alignment.numbersMatched === undefined || top.alignment.numbersMatched === 1) return top;
  return candidates.slice(1, 3).find((c) => c.alignment.numbersMatched === 1) ?? top;
}

function describeDifference(candidate: Candidate): string | undefined {
  const difference = [...candidate.alignment.differences].sort((a, b) => Number(b.aligned) - Number(a.aligned))[0];
  if (difference) return `the article says ${difference.article}, the claim says ${difference.claim}`;
  const clash = candidate.clash;
  if (!clash) return undefined;
  if (clash.kind === 'antonym') return `the article says “${clash.articleWord}”, the claim says “${clash.claimWord}”`;
  return clash.articleWord ? `the article says “${clash.articleWord}” where the claim does not` : `the claim says “${clash.claimWord}” where the article does not`;
}

/** The deciding sentence (when `decided`) and every other one whose relevance is close enough to the best to show. */
function citationsOf(candidates: Candidate[], decided = false): Citation[] {
  const best = Math.max(0, ...candidates.map((c) => c.scored.score));
  // Other relevant sentences: those within half the best fused retrieval score.
  const shown = candidates.filter((c, i) => (decided && i === 0) || c.scored.score >= RELEVANT_SCORE_RATIO * best);
  return shown.map(({ scored, probability }, i) => ({
    n: i + 1,
    article: scored.passage.article,
    id: scored.passage.id,
    quote: scored.passage.text,
    score: round(probability),
    highlights: scored.highlights,
  }));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
