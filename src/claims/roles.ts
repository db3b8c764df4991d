/**
 * Who did it: a claim that opens with a name and its verb ("redmere won the national cup", "eastbridge beat fenwick
 * rovers 24-20") against a sentence where someone else does the same thing to the claim's party ("St. Kilian's
 * Athletic won the National Cup…, beating Redmere United 3-2"). The two share every word, so coverage calls the
 * claim supported; only the order says the winner and the loser are the other way round.
 */
import { dictionaryForm } from '../lemmatizer.js';
import { AUXILIARIES } from '../answer/span-roles.js';
import { words, type NameLexicon } from './names.js';
import { LIGHT_VERBS } from './polarity.js';

export interface RoleClash {
  /** Who the article says does it, with the verb as written ("St. Kilian's Athletic won"). */
  articleWord: string;
  /** Who the claim says does it ("redmere won"). */
  claimWord: string;
}

interface Token {
  /** Folded as `words` folds: lower case, accents and a possessive "'s" removed. */
  word: string;
  raw: string;
  /** Punctuation (a comma, a dash, a bracket) stands between this token and the one before. */
  broken: boolean;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:['’.&-][\p{L}\p{N}]+)*\.?/gu)) {
    const [word] = words(match[0]);
    if (word === undefined) continue;
    out.push({ word, raw: match[0], broken: /[^\s]/u.test(text.slice(last, match.index)) });
    last = match.index + match[0].length;
  }
  return out;
}

/** Words a team's or a body's name is made of that the name lexicon leaves out ("St.", "of", "&"). */
const NAME_JOINERS = new Set(['st', 'of', 'the', 'and', 'fc']);
/** Verbs of being before a participle: "Redmere were beaten by…" is said of the one beaten. */
const PASSIVE = new Set(['is', 'was', 'are', 'were', 'be', 'been', 'being']);
/** How many words after a passive verb its "by" may stand. */
const BY_REACH = 6;
/** Parts of the name that do not tell two parties apart. */
const GENERIC = new Set(['st', 'of', 'the', 'and', 'fc', 'city', 'united', 'town', 'county', 'club']);

/** The name just before `at` (through one auxiliary: "Redmere had won"), as tokens, by `isName`; empty when none stands there. */
function nameBefore(all: Token[], at: number, isName: (t: Token) => boolean): Token[] {
  let i = at - 1;
  if (i >= 0 && !all[at]!.broken && AUXILIARIES.has(all[i]!.word)) i--;
  const name: Token[] = [];
  // Punctuation between a word and the next ends the name: "Moriarty, who took over…" names no one before "took".
  for (; i >= 0 && name.length < 5 && !all[i + 1]!.broken; i--) {
    const t = all[i]!;
    if (isName(t) || (name.length > 0 && NAME_JOINERS.has(t.word))) name.unshift(t);
    else break;
  }
  while (name.length > 0 && NAME_JOINERS.has(name[0]!.word) && name[0]!.word !== 'st') name.shift();
  return name.some(isName) ? name : [];
}

/** A name after "by" following the verb: the one who does it in a passive sentence. */
function agentAfter(all: Token[], at: number, isName: (t: Token) => boolean): Token[] {
  // "…was brought down in the box by Redmere's Ivan Petrov": the "by" may come a few words on, within the clause.
  let by = at + 1;
  while (by < all.length && by <= at + BY_REACH && !all[by]!.broken && all[by]!.word !== 'by') by++;
  if (all[by]?.word !== 'by' || all[by]!.broken || by > at + BY_REACH) return [];
  return nameFrom(all, by + 1, isName);
}

/** The name that starts at token `start` and runs up to punctuation: the sentence's opening name from 0 ("St. Kilian's Athletic won…"). */
function nameFrom(all: Token[], start: number, isName: (t: Token) => boolean): Token[] {
  const name: Token[] = [];
  for (let i = start; i < all.length && name.length < 5 && (i === start || !all[i]!.broken); i++) {
    if (isName(all[i]!) || NAME_JOINERS.has(all[i]!.word)) name.push(all[i]!);
    else break;
  }
  return name.some(isName) ? name : [];
}

const distinctive = (name: Token[]) => new Set(name.map((t) => t.word).filter((w) => !GENERIC.has(w)));
const sameParty = (a: Set<string>, b: Set<string>) => [...a].some((w) => [...b].some((v) => v === w || v.startsWith(w) || w.startsWith(v)));

/**
 * Verbs whose doer and the one spoken of differ in most sentences that share them ("Peskov said Trump…"), and light
 * verbs that say little on their own.
 */
const UNTOLD = new Set(['say', 'tell', 'add', 'ask', 'note', 'claim', 'report', 'write', 'speak', 'describe', ...LIGHT_VERBS]);

export function roleClash(claim: string, sentence: string, names: NameLexicon): RoleClash | undefined {
  const claimTokens = tokens(claim);
  const isClaimName = (t: Token) => names.has(t.word);
  // The claim's subject: the name it opens with, then (through one auxiliary) its verb; a passive claim is left alone.
  let v = 0;
  while (v < claimTokens.length && (isClaimName(claimTokens[v]!) || NAME_JOINERS.has(claimTokens[v]!.word))) v++;
  if (v === 0 || v >= claimTokens.length || !claimTokens.slice(0, v).some(isClaimName)) return undefined;
  if (AUXILIARIES.has(claimTokens[v]!.word) && !PASSIVE.has(claimTokens[v]!.word)) v++;
  const verb = claimTokens[v];
  if (verb === undefined || names.has(verb.word) || PASSIVE.has(verb.word) || AUXILIARIES.has(verb.word)) return undefined;
  const lemma = dictionaryForm(verb.word);
  if (UNTOLD.has(lemma)) return undefined;
  const subject = distinctive(claimTokens.slice(0, v));
  if (subject.size === 0) return undefined;
  const sentenceTokens = tokens(sentence);
  // A capitalised word inside the sentence, or one the articles use as a name.
  const isSentenceName = (t: Token) => /^[\p{Lu}]/u.test(t.raw) && !NAME_JOINERS.has(t.word) && (names.has(t.word) || t.word.length > 2);
  // A reversal keeps the claim's party in the sentence, in the other role; without it the sentence is about others.
  if (!sameParty(subject, new Set(sentenceTokens.map((t) => t.word)))) return undefined;
  let other: RoleClash | undefined;
  for (const [i, t] of sentenceTokens.entries()) {
    if (t.word !== verb.word && dictionaryForm(t.word) !== lemma) continue;
    const passive = i > 0 && PASSIVE.has(sentenceTokens[i - 1]!.word);
    // "…won the Cup on Saturday, beating Redmere 3-2": a participle after a comma is done by the sentence's subject.
    const participle = t.broken && t.word.endsWith('ing');
    const doer = passive ? agentAfter(sentenceTokens, i, isSentenceName) : participle ? nameFrom(sentenceTokens, 0, isSentenceName) : nameBefore(sentenceTokens, i, isSentenceName);
    const parties = distinctive(doer);
    if (parties.size === 0) continue;
    if (sameParty(subject, parties)) return undefined;
    other ??= { articleWord: `${doer.map((d) => d.raw).join(' ')} ${t.raw}`, claimWord: `${claimTokens.slice(0, v).map((c) => c.raw).join(' ')} ${verb.raw}` };
  }
  return other;
}
