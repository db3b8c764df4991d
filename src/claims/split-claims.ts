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

/** Chat framing before a claim: "so", "apparently", "fun fact", "i heard"… say how it is put, not what it claims. */
const OPENING = /^(?:so|ok(?:ay)?|well|wait|apparently|reportedly|basically|honestly|tbh|btw|fyi|fun fact|i heard(?: that)?|i read(?: that)?|i think|i thought|someone said|people say|they say)\b[\s,:;-]*/i;
/** A tag asking for agreement at the end: "…, right?", "…right?", "…, yeah", and after an opening "so", "…right". */
const ASKED_TAG = /(?:,\s*|\s+)(?:right|yeah|yes|correct|true|innit|eh|huh|no|or what)\s*\?+\s*$/i;
const COMMA_TAG = /,\s*(?:right|yeah|correct|innit|eh|huh|no)\s*[.!]*\s*$/i;
const BARE_TAG = /\s+(?:right|yeah|correct|innit)\s*[.!]*\s*$/i;

/** What a claim says, its chat framing taken off; the claim itself when nothing would be left. */
export function claimBody(claim: string): string {
  let body = claim.trim();
  let opened = false;
  for (let pass = 0; pass < 3; pass++) {
    const stripped = body.replace(OPENING, '');
    if (stripped === body) break;
    opened = true;
    body = stripped;
  }
  body = body.replace(ASKED_TAG, '').replace(COMMA_TAG, '');
  if (opened) body = body.replace(BARE_TAG, '');
  body = body.trim();
  return body.replace(/[^\p{L}]/gu, '').length >= MIN_CLAIM_LETTERS ? body : claim;
}
