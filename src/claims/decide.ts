/** Evidence → a verdict with the sentence that decides it and, for a contradiction, what differs. */
import type { Citation, ClaimResult } from '../types.js';
import { differenceStrength, EXAMINED, type Candidate, type Evidence } from './evidence.js';
import { mentionedNumbers } from './numbers.js';
import { citationOf, roundScore } from '../answer/citation.js';
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
  const { candidates, claim } = evidence;
  // The model weighs overlap; a sentence that cannot support the claim leaves the other two verdicts to it, each
  // with its probability given that (and the can't-tell bar raised as far above a two-way guess as it was above a
  // three-way one).
  let bar = minConfidence;
  if (cannotSupport(claim, candidates)) {
    const rest = 1 - probabilities[VERDICTS.indexOf('supported')]!;
    probabilities.forEach((p, i) => (probabilities[i] = VERDICTS[i] === 'supported' ? 0 : p / rest));
    bar = (minConfidence * VERDICTS.length) / (VERDICTS.length - 1);
  }
  const best = probabilities.indexOf(Math.max(...probabilities));
  const confidence = roundScore(probabilities[best]!);
  const guess = VERDICTS[best]!;
  if (confidence < bar || candidates.length === 0) {
    return { claim, verdict: 'cant_tell', confidence, citations: citationsOf(candidates), deciding: 0 };
  }
  if (guess === 'not_mentioned') return { claim, verdict: guess, confidence, citations: citationsOf(candidates), deciding: 0 };
  const decider = guess === 'contradicted' ? contradictingCandidate(candidates) : supportingCandidate(candidates);
  const ordered = [decider, ...candidates.filter((c) => c !== decider)];
  const differs = guess === 'contradicted' ? describeDifference(decider) : undefined;
  return { claim, verdict: guess, confidence, citations: citationsOf(ordered, true), deciding: 1, ...(differs ? { differs } : {}) };
}

/** A negation or antonym in a sentence saying this much of the claim is about the claim itself, not a side clause. */
const NEGATED_SUPPORT = 0.8;

/**
 * A claim no examined sentence can support, whatever the model reads from the overlap: it gives a figure none of
 * them states ("trained 250 bumblebees" against "…trained 52 bees…" or a sentence with no figure), or the sentence
 * that says most of it negates it ("Every bee learned the task" against "Not every bee learned the task").
 */
function cannotSupport(claim: string, candidates: Candidate[]): boolean {
  const examined = candidates.slice(0, EXAMINED);
  if (examined.length === 0) return false;
  const figures = mentionedNumbers(claim);
  // A count, a sum or a share must sit beside what the claim says it counts ("two players" is not "two penalties"); a
  // year ends its clause, often far from the verb it dates ("founded by two brothers in Leeds in 1987").
  const placed = figures.every((n) => n.kind === 'year');
  const stated = (c: Candidate) => c.alignment.numbersMatched === 1 && (placed || (c.alignment.numbersMatchedInRole ?? 0) > 0);
  if (figures.length > 0 && !examined.some(stated)) return true;
  const most = examined.reduce((a, c) => (c.support > a.support ? c : a));
  if (speaksOfOthers(most)) return true;
  return most.clash !== undefined && most.support >= NEGATED_SUPPORT;
}

/**
 * The sentence saying most of the claim is about someone else: it leaves out a person the claim names and names
 * another, and does not open with a pronoun that may stand for the first ("He blamed his defeat on…"). "Tierney was a
 * Labour mayor" is not supported by "Osman said Labour would 'hold the new mayor to every promise she made'"; but a
 * lede that names no one ("A landlord who let tenants live… has been fined £42,000") may be about the claim's person.
 */
function speaksOfOthers(candidate: Candidate): boolean {
  const { peopleAbsent, otherPeople } = candidate.alignment;
  return peopleAbsent.length > 0 && otherPeople.length > 0 && !OPENS_WITH_PRONOUN.test(candidate.scored.passage.text);
}
const OPENS_WITH_PRONOUN = /^\W*(?:he|she|they|his|her|their|him|them)\b/i;

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
  if (clash.kind !== 'negation') return `the article says “${clash.articleWord}”, the claim says “${clash.claimWord}”`;
  return clash.articleWord ? `the article says “${clash.articleWord}” where the claim does not` : `the claim says “${clash.claimWord}” where the article does not`;
}

/** The deciding sentence (when `decided`) and every other one whose relevance is close enough to the best to show. */
function citationsOf(candidates: Candidate[], decided = false): Citation[] {
  const best = Math.max(0, ...candidates.map((c) => c.scored.score));
  // Other relevant sentences: those within half the best fused retrieval score.
  const shown = candidates.filter((c, i) => (decided && i === 0) || c.scored.score >= RELEVANT_SCORE_RATIO * best);
  return shown.map(({ scored, probability }, i) => citationOf(i + 1, scored, probability));
}

