/** Lines up a claim's numbers, dates and names with a sentence's: which agree, and which differ. */
import { tokenize } from '../index/lexical-index.js';
import { dictionaryForm } from '../lemmatizer.js';
import { antonymTable } from './antonyms.js';
import { CALENDAR_WORDS, calendarWords, words, type NameLexicon } from './names.js';
import { mentionedNumbers, sameQuantity, type MentionedNumber } from './numbers.js';
import { saidAsAge } from '../answer/phrase-measure.js';

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
  /** Of those, the ones the sentence states beside a word the claim puts next to it ("310 parking", not "90 days"). */
  numbersMatchedInRole?: number;
  differences: Difference[];
  /** People the claim names (surnames the articles use) that the sentence does not: "Tierney" of "Tierney was a Labour mayor" against "Osman said Labour would…". */
  peopleAbsent: string[];
  /** People the sentence names that the claim does not ("Osman"). */
  otherPeople: string[];
}

/**
 * Titles people type short and articles spell out: "priya raman is the ceo of kellmoor" gives the role that
 * "Kellmoor's chief executive, Mr. Gareth Oyelaran" gives someone else.
 */
const TITLES: Readonly<Record<string, string>> = {
  ceo: 'chief executive officer',
  cfo: 'chief financial officer',
  coo: 'chief operating officer',
  cto: 'chief technology officer',
  md: 'managing director',
  pm: 'prime minister',
  vp: 'vice president',
  gm: 'general manager',
  mp: 'member of parliament',
};

/**
 * Set phrases that say how or when, whose words give no role: "nobody has died in the pinecrest fire so far" places
 * Pinecrest by the fire, not by the "far" of "as far away as Brennan Falls".
 */
const ADVERBIALS = /\b(?:so far|as yet|at least|at all|after all|in the end|for now|by far)\b/gi;

/** Two quantities this far apart are not one figure misremembered: "5 shots" against "1985" is no clash. */
const MAX_RATIO = 10;
/** Content words either side of a mention that count as its context. */
const WINDOW = 3;

export function alignClaim(claim: string, sentence: string, names: NameLexicon): Alignment {
  const claimNumbers = mentionedNumbers(claim);
  const sentenceNumbers = mentionedNumbers(sentence);
  const sentenceStems = new Set(tokenize(sentence));
  // What the claim says next to a figure, name or day is the role it gives it ("500 journalists", "flew into
  // Istanbul"): a rival in the sentence counts as aligned only beside a word of that role. Names are no role
  // ("Vladimir"), except for figures, where "£12m for Reed" is placed by Reed.
  const roleText = claim.replace(ADVERBIALS, ' ');
  const roleOf = (mention: string, withNames: boolean) =>
    new Set(
      wordsNear(roleText, mention)
        .filter((word) => withNames || !names.has(word))
        .flatMap((word) => tokenize(TITLES[word] ?? word))
        .filter((stem) => sentenceStems.has(stem)),
    );
  const differences: Difference[] = [];
  let matched = 0;
  let matchedInRole = 0;
  for (const c of claimNumbers) {
    const role = roleOf(c.text, true);
    const same = sentenceNumbers.find((s) => sameQuantity(c, s));
    const turned = same && reversedDirection(claim, c.text, sentence, same.text);
    if (same && turned) {
      // "rose by 18%" against "fell by 18%": the same figure, the opposite fact.
      differences.push({ kind: 'number', article: `${turned.article} ${spoken(same)}`, claim: `${turned.claim} ${spoken(c)}`, aligned: true });
      continue;
    }
    if (same && same.kind !== 'year' && supersededIn(sentence, same.text) && !SAYS_EARLIER.test(claim)) {
      // "…a starting point of six years but reduced the term…": the figure was the first, not the last.
      const current = sentenceNumbers.find((s) => s !== same && s.kind === same.kind && s.value !== same.value);
      if (current) differences.push({ kind: 'number', article: spoken(current), claim: spoken(c), aligned: true });
      continue;
    }
    if (same) {
      matched++;
      // An age is placed by being said as one: "the cyclist was 34" / "The 34-year-old man…".
      if (nearShared(sentence, same.text, role) || (saidAsAgeIn(sentence, same.text, false) && saidAsAgeIn(claim, c.text, true))) matchedInRole++;
      continue;
    }
    const rival = closestRival(c, sentenceNumbers);
    if (rival) differences.push({ kind: 'number', article: spoken(rival), claim: spoken(c), aligned: nearShared(sentence, rival.text, role) });
  }
  differences.push(
    ...calendarDifferences(claim, sentence, (day) => roleOf(day, false)),
    ...nameDifferences(claim, sentence, names, (name) => roleOf(name, false)),
    ...degreeDifferences(claim, sentence),
  );
  const sentenceWords = new Set(words(sentence));
  const claimWords = new Set(words(claim));
  return {
    ...(claimNumbers.length ? { numbersMatched: matched / claimNumbers.length, numbersMatchedInRole: matchedInRole / claimNumbers.length } : {}),
    differences,
    peopleAbsent: [...claimWords].filter((word) => names.get(word) === 'person' && !sentenceWords.has(word)),
    otherPeople: [...sentenceWords].filter((word) => names.get(word) === 'person' && !claimWords.has(word)),
  };
}

/**
 * Whether a figure is said as someone's age ("aged 34", "a 34-year-old"; `saidAsAge`, without the bare "at 34" a
 * time or an address may be); in a claim (`loosely`), also a bare figure a verb of being ends the clause with ("the
 * cyclist was 34").
 */
function saidAsAgeIn(text: string, mention: string, loosely: boolean): boolean {
  const start = text.toLowerCase().indexOf(mention.toLowerCase());
  if (start < 0) return false;
  const span = { start, end: start + mention.length };
  if (saidAsAge(text, span, false)) return true;
  return loosely && /\b(?:is|was|are|were|turned|turns)\s+$/i.test(text.slice(Math.max(0, start - 12), start)) && /^\s*(?:[.,;!?]|$)/.test(text.slice(span.end));
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

/** Words before a figure that make it an earlier one, since replaced: "down from 31 million", "an initial figure of". */
const EARLIER_BEFORE = /\b(?:from|initial(?:ly)?|original(?:ly)?|starting point of|previously|previous|rather than|instead of)\s+(?:(?:an?|the)\s+)?(?:(?:initial|original|earlier)\s+)?(?:(?:figure|offer|estimate|sum|price|target)\s+of\s+)?(?:about\s+|around\s+)?[$£€]?$/i;
/** A claim that itself speaks of an earlier figure. */
const SAYS_EARLIER = /\b(?:from|initial(?:ly)?|original(?:ly)?|at first|before|previous(?:ly)?|used to|was going to|started at)\b/i;

/**
 * Whether the sentence gives a figure as the one it started from ("reduced the penalty from an initial figure of 3.1
 * million", "a starting point of six years but reduced the term"), which a claim stating it as the outcome does not
 * match. Not a year: "from 2021 to 2023" dates a span.
 */
function supersededIn(sentence: string, mention: string): boolean {
  const at = sentence.indexOf(mention);
  return at >= 0 && EARLIER_BEFORE.test(sentence.slice(Math.max(0, at - 40), at));
}

/** A claim's "fully", "completely"…: all of it, which a share below 100 percent of the same word is not. */
const WHOLLY = /\b(?:fully|completely|entirely|totally|wholly)\s+([\p{L}]+)/giu;

/**
 * "the fire was fully contained by friday morning" against "By Friday morning, the fire was 60 percent contained":
 * the sentence gives a share of what the claim says is whole.
 */
function degreeDifferences(claim: string, sentence: string): Difference[] {
  const out: Difference[] = [];
  for (const [whole, word] of claim.matchAll(WHOLLY)) {
    const share = new RegExp(String.raw`\b(\d+(?:\.\d+)?)\s?(?:%|percent|per cent)\s+${word}\b`, 'i').exec(sentence);
    if (share && Number(share[1]) < 100) out.push({ kind: 'number', article: share[0].replace(/\s+\S+$/, ''), claim: whole.replace(/\s+\S+$/, ''), aligned: true });
  }
  return out;
}

function calendarDifferences(claim: string, sentence: string, roleOf: (day: string) => Set<string>): Difference[] {
  const inSentence = calendarWords(sentence);
  return calendarWords(claim)
    .filter((day) => !inSentence.includes(day) && inSentence.length > 0)
    .map((day) => ({ kind: 'date' as const, claim: day, article: capitalise(inSentence[0]!), aligned: nearShared(sentence, inSentence[0]!, roleOf(day)) }));
}

/** A person, place or organisation the claim names that the sentence does not, where it names another of that kind in the same role. */
function nameDifferences(claim: string, sentence: string, names: NameLexicon, roleOf: (name: string) => Set<string>): Difference[] {
  const sentenceWords = new Set(words(sentence));
  const claimWords = new Set(words(claim));
  const differences: Difference[] = [];
  for (const word of claimWords) {
    const kind = names.get(word);
    if (!kind || kind === 'name' || sentenceWords.has(word)) continue;
    const role = roleOf(word);
    const rival = [...sentenceWords].find((other) => names.get(other) === kind && !claimWords.has(other) && inRole(sentence, other, role));
    if (rival) differences.push({ kind: 'name', claim: capitalise(word), article: capitalise(rival), aligned: true });
  }
  differences.push(...unknownNameDifferences(claim, sentence, names, roleOf, sentenceWords, claimWords));
  return differences;
}

/**
 * Whether a name stands in the role the claim gives its own: beside a word of that role, or, said as an owner
 * ("Doyle's corner"), owning one. "…meet Doyle's corner and head the winner" names who took the corner, not who
 * scored the winner; "Reed's goal" does name who scored the goal.
 */
function inRole(sentence: string, name: string, role: Set<string>): boolean {
  const owned = ownedWord(sentence, name);
  if (owned === undefined) return nearShared(sentence, name, role);
  return tokenize(owned).some((stem) => role.has(stem));
}

/** The word a name owns when the sentence says it only as an owner ("Doyle's corner" → "corner"); else undefined. */
function ownedWord(sentence: string, name: string): string | undefined {
  const folded = sentence.normalize('NFD').replace(/\p{M}/gu, '');
  const owned: string[] = [];
  let plain = false;
  for (const match of folded.matchAll(/[\p{L}]+(?:['’][\p{L}]+)*/gu)) {
    const [word] = words(match[0]);
    if (word !== name) continue;
    if (!/['’]s$/i.test(match[0])) plain = true;
    else owned.push(contentWords(folded.slice(match.index! + match[0].length))[0] ?? '');
  }
  return plain || owned.length === 0 ? undefined : owned.join(' ');
}

/**
 * A name the claim gives that no article uses, where the sentence has another name in its place: "funded by the
 * Wellcome Trust" against "funded by the Leverhulme Trust". Only a capitalised word after the claim's first, so a
 * word capitalised for starting the claim is no name.
 */
function unknownNameDifferences(claim: string, sentence: string, names: NameLexicon, roleOf: (name: string) => Set<string>, sentenceWords: Set<string>, claimWords: Set<string>): Difference[] {
  const out: Difference[] = [];
  for (const match of claim.matchAll(/(?<=\S\s+)[\p{Lu}][\p{L}'’-]*/gu)) {
    const [word] = words(match[0]);
    if (word === undefined || names.has(word) || sentenceWords.has(word) || CALENDAR_WORDS.has(word)) continue;
    const role = roleOf(word);
    if (role.size === 0) continue;
    const rival = [...sentenceWords].find((other) => names.has(other) && !claimWords.has(other) && nearShared(sentence, other, role));
    if (rival) out.push({ kind: 'name', claim: match[0], article: capitalise(rival), aligned: true });
  }
  return out;
}

/** Directions WordNet gives no antonym for, or only in other senses. */
const DIRECTIONS: ReadonlyArray<[string, string]> = [
  ['higher', 'lower'],
  ['more', 'fewer'],
  ['more', 'less'],
  ['gain', 'loss'],
  ['rise', 'drop'],
  ['rise', 'decline'],
  ['increase', 'cut'],
  ['up', 'down'],
  ['lead', 'trail'],
  ['ahead', 'behind'],
];

function opposites(lemma: string): Set<string> {
  const out = new Set(antonymTable().get(lemma) ?? []);
  for (const [a, b] of DIRECTIONS) {
    if (a === lemma) out.add(b);
    if (b === lemma) out.add(a);
  }
  return out;
}

/**
 * The words that turn a figure the other way, when the claim and the sentence state it with opposite directions
 * beside it ("rose by 18%" / "fell by 18%", "a 12% fall" / "rose 12%").
 */
function reversedDirection(claim: string, claimMention: string, sentence: string, sentenceMention: string): { claim: string; article: string } | undefined {
  const near = (text: string, mention: string) => directionWords(text, mention).map((word) => ({ word, lemma: dictionaryForm(word) }));
  const inSentence = near(sentence, sentenceMention);
  // A claim with one figure is one clause about it, and its direction may stand words away: "…went up last year, to
  // 31 million" against "…down from 31 million pounds the year before".
  const fromClaim = mentionedNumbers(claim).length === 1 ? words(claim).map((word) => ({ word, lemma: dictionaryForm(word) })) : near(claim, claimMention);
  for (const c of fromClaim) {
    const opposite = opposites(c.lemma);
    const hit = inSentence.find((s) => opposite.has(s.lemma) || opposite.has(s.word));
    if (hit) return { claim: c.word, article: hit.word };
  }
  return undefined;
}

/** A figure's own words: the two content words either side of it, up to another figure ("rose 12% in the six months"). */
function directionWords(text: string, mention: string): string[] {
  const all = contentWords(text);
  const at = mentionAt(all, mention);
  if (at < 0) return [];
  const end = at + contentWords(mention).length;
  const out: string[] = [];
  for (let i = at - 1; i >= Math.max(0, at - 2) && !FIGURE_WORD.test(all[i]!); i--) out.push(all[i]!);
  for (let i = end; i < Math.min(all.length, end + 2) && !FIGURE_WORD.test(all[i]!); i++) out.push(all[i]!);
  return out;
}
const FIGURE_WORD = /^(?:\d|one$|two$|three$|four$|five$|six$|seven$|eight$|nine$|ten$|dozen$|hundred$|thousand$|million$|billion$)/i;

/** The content words (stop words skipped) within a few of `mention` in `text`, the mention itself left out. */
function wordsNear(text: string, mention: string): string[] {
  const all = contentWords(text);
  const at = mentionAt(all, mention);
  if (at < 0) return [];
  const span = contentWords(mention).length;
  return [...all.slice(Math.max(0, at - WINDOW), at), ...all.slice(at + span, at + span + WINDOW)];
}

/** Whether `mention` stands within a few content words of a word (stem) in `shared`. */
function nearShared(sentence: string, mention: string, shared: Set<string>): boolean {
  return wordsNear(sentence, mention).some((word) => {
    const [stem] = tokenize(word);
    return stem !== undefined && shared.has(stem);
  });
}

/** Words that say something: "the", "for", "of" between a figure and its noun do not push the noun out of reach. */
function contentWords(text: string): string[] {
  return words(text).filter((word) => tokenize(word).length > 0);
}

function mentionAt(all: string[], mention: string): number {
  const first = contentWords(mention)[0];
  return first === undefined ? -1 : all.findIndex((word) => word === first || word.startsWith(first));
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
