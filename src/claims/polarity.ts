/** Whether a sentence says the opposite of a claim: one of them negated, or an antonym of a claim word. */
import { dictionaryForm, lemmatizer } from '../lemmatizer.js';
import { tokenize } from '../index/lexical-index.js';
import { antonymTable } from './antonyms.js';
import { nounParents, wordSenses } from '../retrieval/wordnet.js';
import { mentionedNumbers } from './numbers.js';
import { words } from './names.js';
import { AUXILIARIES } from '../answer/span-roles.js';
import { withApostrophes } from '../retrieval/clean-question.js';

/** Phrasal verbs of refusal and failure, read as one word by their verb's dictionary form: "ruled out", "knocked back". */
const PHRASAL_NEGATORS = new Set(['rule out', 'turn down', 'knock back', 'call off', 'pull out', 'back out', 'fall through']);
/**
 * Words that negate what follows or say something did not happen. General English, not drawn from the claims:
 * plain negators plus the common verbs of refusal, absence and failure.
 */
const NEGATORS = new Set([
  'not', 'no', 'never', 'none', 'nobody', 'nothing', 'neither', 'nor', 'without', 'against', 'unlikely',
  'skip', 'refuse', 'decline', 'deny', 'reject', 'fail', 'miss', 'cancel', 'absent', 'oppose', 'rather than', 'instead of', 'short of',
  ...PHRASAL_NEGATORS,
]);
/**
 * Negators of what follows them only: "the trackers measured movement rather than brain activity" says nothing against
 * "the trackers measured movement", and the opposite of "…measured brain activity".
 */
const FORWARD_NEGATORS = new Set(['rather than', 'instead of', 'short of']);

export interface PolarityClash {
  /** The word that flips the meaning, as written in the article (or the claim, when only the claim negates). */
  articleWord?: string;
  claimWord?: string;
  /**
   * `contrast`: another of the same kind in the same place ("a red card" / "a yellow card"); `roles`: someone else does
   * it to the claim's party ("St. Kilian's Athletic won…, beating Redmere" / "redmere won"; `roles.ts`).
   */
  kind: 'negation' | 'antonym' | 'contrast' | 'roles';
}

/** Dictionary forms, so "skipping", "skipped" and "skips" all read as "skip". */
function lemmas(text: string): Array<{ word: string; lemma: string }> {
  const out: Array<{ word: string; lemma: string }> = [];
  for (const word of words(withApostrophes(text).replace(/n['’]t\b/gi, ' not'))) {
    const pair = `${out.at(-1)?.word} ${word}`;
    const phrasal = `${out.at(-1) ? lemmatizer.verb(out.at(-1)!.word) : ''} ${word}`;
    if (FORWARD_NEGATORS.has(pair)) out[out.length - 1] = { word: pair, lemma: pair };
    else if (PHRASAL_NEGATORS.has(phrasal)) out[out.length - 1] = { word: pair, lemma: phrasal };
    else out.push({ word, lemma: dictionaryForm(word) });
  }
  return out;
}

const NOT_ONLY = new Set(['only', 'just', 'merely', 'simply']);

/**
 * Verbs (as lemmas) of taking sides, after which "against" opposes: within a few words ("voted 7 to 4 against"), or,
 * for the plainer ones, straight before it ("is against", "came out against", "turned against").
 */
const TAKES_SIDES = new Set(['vote', 'argue', 'campaign', 'decide', 'rule', 'speak', 'protest', 'warn', 'lobby', 'rally', 'testify', 'advise', 'caution', 'petition']);
const TAKES_SIDES_NEXT = new Set(['be', 'come', 'turn', 'side', 'stand', 'fight', 'push', 'move', 'out']);

function takesSides(all: Array<{ word: string; lemma: string }>, at: number): boolean {
  if (TAKES_SIDES_NEXT.has(all[at - 1]?.lemma ?? '')) return true;
  return all.slice(Math.max(0, at - 4), at).some((entry) => TAKES_SIDES.has(entry.lemma));
}

/** Words either side of a negator that put it in scope of the claim: "would skip the talks", not a later clause. */
const SCOPE = 3;

function isNegator({ word, lemma }: { word: string; lemma: string }): boolean {
  return NEGATORS.has(word) || NEGATORS.has(lemma);
}

/** The negators in `text` that stand within `SCOPE` words of a content word (stem) from `shared`. */
function scopedNegators(all: Array<{ word: string; lemma: string }>, shared: Set<string>): string[] {
  return all
    .filter((entry, i) => {
      if (!isNegator(entry)) return false;
      // "against" opposes after a verb of taking sides ("voted against the plan"); elsewhere it places or compares
      // ("edging up 0.3 percent against the euro", "scored against Redmere").
      if (entry.word === 'against' && !takesSides(all, i)) return false;
      // "whether to sell him or not" and "not only… but" negate nothing.
      if (entry.word === 'not' && (NOT_ONLY.has(all[i + 1]?.word ?? '') || (all[i - 1]?.word === 'or' && all.slice(0, i).some((e) => e.word === 'whether' || e.word === 'if')))) return false;
      // After an auxiliary, a negator negates the verb that follows, not the subject before: "The driver did not
      // stop" says nothing against "the driver was drunk". (A bare "No." answering a question looks back.)
      // A bare "No." ending a sentence that asks "whether…" answers that question: "When asked whether Putin would
      // attend talks…, Peskov told CNN "No."" negates the attending, however many words stand between.
      const asked = entry.word === 'no' && i === all.length - 1 ? all.findIndex((e) => e.word === 'whether') : -1;
      if (asked >= 0) return all.slice(asked + 1, i).some((near) => shared.has(stemOf(near.word)));
      // A verb of refusal after its auxiliary still has its subject before it: "Ashbury Rovers have rejected a third bid".
      const particle = entry.word === 'not' || entry.word === 'never' || entry.word === 'no';
      const from = FORWARD_NEGATORS.has(entry.word) || (particle && i > 0 && AUXILIARIES.has(all[i - 1]!.word)) ? i + 1 : Math.max(0, i - SCOPE);
      return all.slice(from, i + SCOPE + 1).some((near) => shared.has(stemOf(near.word)));
    })
    .map(({ word }) => word);
}

function stemOf(word: string): string {
  return tokenize(word)[0] ?? '';
}

/** Particles and light verbs ("off"/"on", "miss"/"have") have antonyms in WordNet only in senses a claim rarely means. */
function isContentWord({ word }: { word: string }): boolean {
  return word.length >= 4 && tokenize(word).length > 0 && !LIGHT_VERBS.has(lemmatizer.verb(word));
}
export const LIGHT_VERBS = new Set(['have', 'be', 'do', 'get', 'make', 'take', 'give', 'go', 'come', 'put', 'set', 'keep']);

/** The first clash between claim and sentence, or undefined when they lean the same way. */
export function polarityClash(claim: string, sentence: string): PolarityClash | undefined {
  const claimLemmas = lemmas(claim);
  const sentenceLemmas = lemmas(sentence);
  const antonyms = antonymTable();
  for (const c of claimLemmas.filter(isContentWord)) {
    const opposite = antonyms.get(c.lemma);
    // A sentence that says the claim's word as well is no reversal of it ("due to close… will stay open").
    if (!opposite || sentenceLemmas.some((s) => s.lemma === c.lemma)) continue;
    const hit = sentenceLemmas.find((s) => (opposite.has(s.lemma) || opposite.has(s.word)) && isContentWord(s));
    if (hit) return { kind: 'antonym', articleWord: hit.word, claimWord: c.word };
  }
  const contrast = contrastClash(claimLemmas, sentenceLemmas);
  if (contrast) return contrast;
  const { inClaim, inSentence } = negators(claimLemmas, sentenceLemmas);
  // Each side negated an odd number of times reads as negative; only a difference is a clash.
  if (inClaim.length % 2 === inSentence.length % 2) return undefined;
  return { kind: 'negation', ...(inSentence[0] ? { articleWord: inSentence[0] } : {}), ...(inClaim[0] ? { claimWord: inClaim[0] } : {}) };
}

/** Claim and sentence both negate what they share: "…and never changed it back" / "…and never reversed the change". */
export function bothNegated(claim: string, sentence: string): boolean {
  const { inClaim, inSentence } = negators(lemmas(claim), lemmas(sentence));
  return inClaim.length % 2 === 1 && inSentence.length % 2 === 1;
}

/** The negators on each side that stand near a word the other side says too. */
function negators(claimLemmas: Array<{ word: string; lemma: string }>, sentenceLemmas: Array<{ word: string; lemma: string }>) {
  const shared = new Set(claimLemmas.map((c) => stemOf(c.word)).filter((stem) => stem && sentenceLemmas.some((s) => stemOf(s.word) === stem)));
  // A claim's negator counts only where the sentence speaks of what it negates, as a sentence's does: "ledgerly isn't
  // going to appeal the fine" says nothing against "…the largest fine it had issued", which never mentions appealing;
  // and a claim's "rather than" negates only what follows it ("an association rather than proof").
  return { inClaim: scopedNegators(claimLemmas, shared), inSentence: scopedNegators(sentenceLemmas, shared) };
}

/**
 * "Fenner was shown a red card" against "…was shown a yellow card": before the same word, the claim and the sentence
 * each put a word the other lacks, and WordNet files both under one thing (chromatic colours). Only a word just
 * before a shared content word, so a modifier is compared with a modifier.
 */
function contrastClash(claim: Array<{ word: string; lemma: string }>, sentence: Array<{ word: string; lemma: string }>): PolarityClash | undefined {
  const inSentence = new Set(sentence.map((s) => s.lemma));
  const inClaim = new Set(claim.map((c) => c.lemma));
  // Each modifier of the claim with the word it modifies: "red card", and "the van was red" read as "red van".
  const pairs: Array<[{ word: string; lemma: string }, { word: string; lemma: string }]> = [];
  for (let i = 0; i + 1 < claim.length; i++) pairs.push([claim[i]!, claim[i + 1]!]);
  for (let i = 0; i + 2 < claim.length; i++) if (COPULA.test(claim[i + 1]!.word)) pairs.push([claim[i + 2]!, claim[i]!]);
  for (const [c, head] of pairs) {
    // Figures differ as figures (`src/claims/align.ts`), not as kinds of number.
    if (inSentence.has(c.lemma) || !isHeadWord(head) || !inSentence.has(head.lemma) || tokenize(c.word).length === 0 || isFigure(c.word)) continue;
    const parents = nounParents(c.lemma);
    if (parents.size === 0) continue;
    for (let j = 0; j + 1 < sentence.length; j++) {
      const s = sentence[j]!;
      if (sentence[j + 1]!.lemma !== head.lemma || inClaim.has(s.lemma) || tokenize(s.word).length === 0 || isFigure(s.word)) continue;
      // Two words of one sense ("kids" / "children", "grandpa" / "grandfather") are one thing said two ways.
      if (synonyms(c.lemma, s.lemma)) continue;
      if ([...nounParents(s.lemma)].some((parent) => parents.has(parent))) return { kind: 'contrast', articleWord: s.word, claimWord: c.word };
    }
  }
  return undefined;
}

/** Two nouns that share a WordNet sense: one thing, whatever else either may mean. */
function synonyms(a: string, b: string): boolean {
  const senses = (word: string) => wordSenses(word).filter((s) => s.part === 'noun').flatMap((s) => s.offsets);
  const ofB = new Set(senses(b));
  return senses(a).some((offset) => ofB.has(offset));
}

const COPULA = /^(?:is|was|are|were)$/;
/** A noun a modifier may stand before: a content word, three letters being enough ("van", "car", "cap"). */
function isHeadWord({ word }: { word: string }): boolean {
  return word.length >= 3 && tokenize(word).length > 0 && !LIGHT_VERBS.has(lemmatizer.verb(word));
}

function isFigure(word: string): boolean {
  return mentionedNumbers(word).length > 0;
}
