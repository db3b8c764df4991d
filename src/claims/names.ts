/** People, places and organisations the articles name, so a lower-case claim ("zelenskyy flew into istanbul") can be read. */
import { nlp } from '../nlp.js';
import type { Passage } from '../types.js';

/** A city is not contradicted by its country ("Istanbul" / "Turkey"), so places are compared within their kind. */
export type NameKind = 'person' | 'city' | 'country' | 'place' | 'org' | 'name';
/** Lower-case word → what it names. Built from the articles, where names are capitalised and tagging works. */
export type NameLexicon = Map<string, NameKind>;

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** A weekday or month is compared as a date, not as a name. */
export const CALENDAR_WORDS = new Set([...DAYS, ...MONTHS]);
/** Ranks when compromise tags one word two ways across an article: the more specific reading wins. */
const PRIORITY: Record<NameKind, number> = { person: 4, city: 3, country: 3, place: 2, org: 1, name: 0 };

export function buildNameLexicon(passages: Passage[]): NameLexicon {
  const lexicon: NameLexicon = new Map();
  const add = (phrases: string[], kind: NameKind) => {
    for (const word of phrases.flatMap(words)) {
      if (word.length < 3 || CALENDAR_WORDS.has(word)) continue;
      const known = lexicon.get(word);
      if (known === undefined || PRIORITY[kind] > PRIORITY[known]) lexicon.set(word, kind);
    }
  };
  for (const { text } of passages) {
    const doc = nlp(text);
    add(doc.match('#ProperNoun').out('array') as string[], 'name');
    add(doc.organizations().out('array') as string[], 'org');
    add(doc.places().out('array') as string[], 'place');
    add(doc.match('#City').out('array') as string[], 'city');
    add(doc.match('#Country').out('array') as string[], 'country');
    // A surname names the person; a first name ("Vladimir") is shared by too many to tell two people apart.
    add((doc.people().out('array') as string[]).map((name) => words(name).at(-1) ?? ''), 'person');
  }
  // A saint's name names the hospital, school or church called after the saint ("St. Brigid's General Hospital"),
  // which the tagger reads as a person: not someone whose part another person can take.
  for (const { text } of passages) {
    for (const [, name] of text.matchAll(/\b(?:St\.?|Saint) ([A-Z][\p{L}'’-]+)/gu)) for (const word of words(name!)) if (lexicon.get(word) === 'person') lexicon.set(word, 'place');
  }
  // Honorifics are tagged as names but name no one in particular.
  for (const title of ['dr', 'mr', 'mrs', 'ms', 'st', 'president', 'minister', 'mayor']) lexicon.delete(title);
  return lexicon;
}

/**
 * Lower-case words with possessives, accents and punctuation removed: `Putin’s,` → `putin`, `Fernández` → `fernandez`
 * (people type names without accents). A figure stays one word: `71,204` and `7.5`, so counting words near it works.
 */
export function words(text: string): string[] {
  const folded = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return (folded.match(/\p{N}+(?:[.,]\p{N}+)*|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? []).map((word) => word.replace(/['’]s$/, ''));
}

/** The weekdays and months a text mentions, lower case. */
export function calendarWords(text: string): string[] {
  return words(text).filter((word) => CALENDAR_WORDS.has(word));
}
