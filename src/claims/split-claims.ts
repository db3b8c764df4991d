import { cleanQuestion } from '../retrieval/clean-question.js';

/** More claims than this in one message are not checked: a moderator reads five verdicts, not twenty. */
export const MAX_CLAIMS = 5;
/** A piece shorter than this (in letters) is a tag-on like "lol" or "right?", not a claim of its own. */
const MIN_CLAIM_LETTERS = 8;

/**
 * The claims in a message: its sentences (a message with one sentence is one claim), mentions and control
 * characters removed, at most `MAX_CLAIMS`. Splits only at sentence ends followed by a space and a word, so
 * "St. Kilian's", "3.5" and "£7.5m" stay whole.
 */
export function splitClaims(text: string): string[] {
  const cleaned = cleanQuestion(text);
  const pieces = cleaned
    .split(/(?<=[.!?;])\s+(?=[\p{L}\p{N}"“'‘$£€])/u)
    .map((piece) => piece.trim());
  // An abbreviation such as "Dr." or "St." ends no claim: glue the next piece back on.
  const claims: string[] = [];
  for (const piece of pieces) {
    const last = claims.at(-1);
    if (last !== undefined && /\b(?:dr|st|mr|mrs|ms|prof|sept?|jan|feb|aug|oct|nov|dec|no|vs)\.$/i.test(last)) {
      claims[claims.length - 1] = `${last} ${piece}`;
    } else claims.push(piece);
  }
  const real = claims.filter((claim) => claim.replace(/[^\p{L}]/gu, '').length >= MIN_CLAIM_LETTERS);
  return (real.length > 0 ? real : cleaned ? [cleaned] : []).slice(0, MAX_CLAIMS);
}
