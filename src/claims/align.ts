/** Lines up a claim's numbers, dates and names with a sentence's: which agree, and which differ. */
import { tokenize } from '../index/lexical-index.js';
import { calendarWords, words, type NameLexicon } from './names.js';
import { mentionedNumbers, sameQuantity, type MentionedNumber } from './numbers.js';

export interface Difference {
  kind: 'number' | 'date' | 'name';
  /** As the article writes it, with its hedge: "about 200". */
  article: string;
  claim: string;
  /** True when the two sit beside a word the claim and sentence share ("200 journalists" / "500 journalists"). */
  aligned: boolean;
}

export interface Alignment {
  /** Claim numbers the sentence also states, of all the claim's numbers (years included); undefined without any. */
  numbersMatched?: number;
  differences: Difference[];
}

/** Two quantities this far apart are not one figure misremembered: "5 shots" against "1985" is no clash. */
const MAX_RATIO = 10;
/** Words either side of a mention that count as its context. */
const WINDOW = 3;

export function alignClaim(claim: string, sentence: string, names: NameLexicon): Alignment {
  const claimNumbers = mentionedNumbers(claim);
  const sentenceNumbers = mentionedNumbers(sentence);
  // Context is what the claim says about a name or figure, so names themselves ("Vladimir") are not context.
  const context = words(claim).filter((word) => !names.has(word)).join(' ');
  const shared = new Set(tokenize(context).filter((stem) => tokenize(sentence).includes(stem)));
  const differences: Difference[] = [];
  let matched = 0;
  for (const c of claimNumbers) {
    if (sentenceNumbers.some((s) => sameQuantity(c, s))) {
      matched++;
      continue;
    }
    const rival = closestRival(c, sentenceNumbers);
    if (rival) differences.push({ kind: 'number', article: spoken(rival), claim: spoken(c), aligned: nearShared(sentence, rival.text, shared) });
  }
  differences.push(...calendarDifferences(claim, sentence, shared), ...nameDifferences(claim, sentence, names, shared));
  return { ...(claimNumbers.length ? { numbersMatched: matched / claimNumbers.length } : {}), differences };
}

function closestRival(claimed: MentionedNumber, candidates: MentionedNumber[]): MentionedNumber | undefined {
  const rivals = candidates.filter(
    (s) => s.kind === claimed.kind && s.value > 0 && claimed.value > 0 && Math.max(s.value / claimed.value, claimed.value / s.value) <= MAX_RATIO,
  );
  return rivals.sort((a, b) => Math.abs(Math.log(a.value / claimed.value)) - Math.abs(Math.log(b.value / claimed.value)))[0];
}

function spoken(n: MentionedNumber): string {
  return n.hedge ? `${n.hedge} ${n.text}` : n.text;
}

function calendarDifferences(claim: string, sentence: string, shared: Set<string>): Difference[] {
  const inSentence = calendarWords(sentence);
  return calendarWords(claim)
    .filter((day) => !inSentence.includes(day) && inSentence.length > 0)
    .map((day) => ({ kind: 'date' as const, claim: day, article: capitalise(inSentence[0]!), aligned: nearShared(sentence, inSentence[0]!, shared) }));
}

/** A person, place or organisation the claim names that the sentence does not, where it names another of that kind. */
function nameDifferences(claim: string, sentence: string, names: NameLexicon, shared: Set<string>): Difference[] {
  const sentenceWords = new Set(words(sentence));
  const claimWords = new Set(words(claim));
  const differences: Difference[] = [];
  for (const word of claimWords) {
    const kind = names.get(word);
    if (!kind || kind === 'name' || sentenceWords.has(word)) continue;
    const rival = [...sentenceWords].find((other) => names.get(other) === kind && !claimWords.has(other) && nearShared(sentence, other, shared));
    if (rival) differences.push({ kind: 'name', claim: capitalise(word), article: capitalise(rival), aligned: true });
  }
  return differences;
}

/** Whether `mention` stands within a few words of a word the claim shares with the sentence. */
function nearShared(sentence: string, mention: string, shared: Set<string>): boolean {
  const all = words(sentence);
  const first = words(mention)[0];
  const at = all.findIndex((word) => word === first || word.startsWith(first ?? '\u0000'));
  if (at < 0) return false;
  return all.slice(Math.max(0, at - WINDOW), at + WINDOW + 1).some((word) => {
    const [stem] = tokenize(word);
    return stem !== undefined && shared.has(stem);
  });
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
