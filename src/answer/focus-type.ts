import lemmatizer from 'wink-lemmatizer';
import { nlp } from '../nlp.js';
import { kindsOf, nounSenses, relatedWords } from '../retrieval/wordnet.js';
import { typedSpans } from './answer-types.js';

/**
 * The noun a question names its answer by: "Which Asian *city* appears in the byline?", "What *colour* will the trams
 * be?", "How many *stops* …?". The answer should hold a kind or an instance of it that the question does not already
 * say (WordNet: Istanbul is an instance of city, red a kind of colour, the Ottoman era a kind of period); for "how
 * many/much" a figure next to it.
 */
export interface QuestionFocus {
  noun: string;
  /** "how many/much X": the answer is a figure counting X. */
  counted: boolean;
}

/** Words that end the phrase after the wh-word: auxiliaries, copulas, prepositions. */
const PHRASE_END = new Set(
  'do does did is are was were be been will would can could shall should may might must has have had in on at of for from to with by about into as than that who which whose'.split(' '),
);
/** Heads that name no kind of answer: "What kind of stone" asks for a stone. */
const NO_KIND = new Set(['kind', 'type', 'sort', 'form', 'thing', 'one', 'ones', 'way']);

const wordsOf = (text: string) => text.toLowerCase().replace(/[’‘`]/g, "'").match(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu) ?? [];

const focusCache = new Map<string, QuestionFocus | null>();

/** The question's focus noun, or undefined when it asks by none ("Who…", "What did … say?"). */
export function questionFocus(question: string): QuestionFocus | undefined {
  let focus = focusCache.get(question);
  if (focus === undefined) {
    focus = findFocus(question) ?? null;
    if (focusCache.size > 10_000) focusCache.clear();
    focusCache.set(question, focus);
  }
  return focus ?? undefined;
}

function findFocus(question: string): QuestionFocus | undefined {
  const words = wordsOf(question);
  let at = words.findIndex((w, i) => w === 'which' || w === 'what' || (w === 'how' && (words[i + 1] === 'many' || words[i + 1] === 'much')));
  if (at < 0) return undefined;
  const counted = words[at] === 'how';
  at += counted ? 2 : 1;
  // "What is the deadline …", "What was the final score?"
  if (!counted && ['is', 'was', 'are', 'were'].includes(words[at] ?? '') && words[at + 1] === 'the') at += 2;
  // Words after the first are taken only while the tagger calls them nouns or adjectives ("Which Asian city
  // *appears*"); the first is taken on WordNet's word alone, as the tagger often reads it as a verb ("What colour").
  const terms = nlp(question).terms().json() as Array<{ text: string; terms: Array<{ tags: string[] }> }>;
  const tags = new Map<string, string[]>(terms.map((t) => [wordsOf(t.text)[0] ?? '', t.terms[0]?.tags ?? []]));
  const run: string[] = [];
  for (let i = at; i < words.length && run.length < 4; i++) {
    const raw = words[i]!;
    const word = raw.replace(/'s$/, '');
    if (PHRASE_END.has(word)) break;
    if (NO_KIND.has(word) && words[i + 1] === 'of') {
      i++;
      continue;
    }
    const wordTags = tags.get(raw) ?? tags.get(word) ?? [];
    if (run.length > 0 && (wordTags.includes('Verb') || !(wordTags.includes('Noun') || wordTags.includes('Adjective')))) break;
    run.push(word);
    // A possessive is the asked-for thing: "which continent's taxpayers" asks for a continent.
    if (raw !== word) break;
  }
  for (let i = run.length - 1; i >= 0; i--) {
    const noun = lemmatizer.noun(run[i]!);
    if (NO_KIND.has(noun)) return undefined;
    const compound = i > 0 ? `${lemmatizer.noun(run[i - 1]!)}_${noun}` : undefined;
    if (compound && nounSenses(compound).length > 0) return { noun: compound, counted };
    if (nounSenses(noun).length > 0) return { noun, counted };
  }
  return undefined;
}

/** A word or compound of the sentence, with where it starts among the sentence's words. */
interface Term {
  key: string;
  index: number;
}

/** The sentence's words and two- and three-word compounds, lower case, in their noun lemma. */
function sentenceTerms(words: string[]): Term[] {
  const out: Term[] = [];
  for (let i = 0; i < words.length; i++) {
    out.push({ key: words[i]!, index: i });
    if (i + 1 < words.length) out.push({ key: `${words[i]}_${words[i + 1]}`, index: i });
    if (i + 2 < words.length) out.push({ key: `${words[i]}_${words[i + 1]}_${words[i + 2]}`, index: i });
  }
  return out;
}

/** Whether `word` is a kind or an instance of `noun` (or, for a counted noun, `noun` itself or a synonym). */
function isKind(word: string, noun: string, orSame: boolean): boolean {
  const lemma = lemmatizer.noun(word);
  if (orSame && (lemma === noun || relatedWords(noun).includes(lemma))) return true;
  return kindsOf(word).has(noun) || (lemma !== word && kindsOf(lemma).has(noun));
}

const matchCache = new Map<string, boolean>();

/**
 * Whether the sentence names what the focus asks for: a kind or instance of the focus noun the question does not
 * already name ("Which Asian city …?" → "Hong Kong"), a name before the noun itself ("Crown Meadow Stadium"), or for
 * "how many X" a figure within three words of X or a kind of X ("14 stops").
 */
export function focusFound(question: string, sentence: string, focus: QuestionFocus): boolean {
  const key = `${focus.noun}\u0000${focus.counted}\u0000${question}\u0000${sentence}`;
  let found = matchCache.get(key);
  if (found === undefined) {
    found = focus.counted ? countedFound(sentence, focus.noun) : kindFound(question, sentence, focus.noun);
    if (matchCache.size > 50_000) matchCache.clear();
    matchCache.set(key, found);
  }
  return found;
}

function kindFound(question: string, sentence: string, noun: string): boolean {
  const asked = new Set(wordsOf(question).flatMap((w) => [w, lemmatizer.noun(w)]));
  const words = wordsOf(sentence).map((w) => w.replace(/'s$/, ''));
  for (const { key } of sentenceTerms(words)) {
    if (key.split('_').every((part) => asked.has(part) || asked.has(lemmatizer.noun(part)))) continue;
    if (isKind(key, noun, false)) return true;
  }
  // "at Crown Meadow Stadium": a name the question does not say, right before the asked noun.
  const head = noun.split('_').pop()!;
  for (const match of sentence.matchAll(/(?<![\p{L}'’-])(\p{Lu}[\p{L}'’-]*) (?=(\p{L}+))/gu)) {
    if (lemmatizer.noun(match[2]!.toLowerCase()) === head && !asked.has(match[1]!.toLowerCase())) return true;
  }
  return false;
}

function countedFound(sentence: string, noun: string): boolean {
  const figures = typedSpans(sentence).filter((span) => span.type === 'number');
  if (figures.length === 0) return false;
  for (const figure of figures) {
    const before = wordsOf(sentence.slice(Math.max(0, figure.start - 40), figure.start)).slice(-3);
    const after = wordsOf(sentence.slice(figure.end, figure.end + 40)).slice(0, 3);
    const near = [...before, ...after];
    const terms = sentenceTerms(near).map((t) => t.key);
    if (terms.some((term) => isKind(term, noun, true))) return true;
  }
  return false;
}
