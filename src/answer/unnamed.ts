import { tokenize } from '../index/lexical-index.js';
import { lemmatizer } from '../lemmatizer.js';

/**
 * The noun a question asks to be named: "What was the name of the outside *contractor* that supplied…?", "Which
 * *company* employs…?". Not "Who was the person that…?": a description answers that ("an 81-year-old woman").
 */
export function askedForName(question: string): string | undefined {
  const q = question.toLowerCase().replace(/[’‘]/g, "'");
  const phrase =
    /\bnames? of (?:the |a |an |his |her |its |their |[\p{L}-]+'s )?((?:[\p{L}-]+ ){0,3}?[\p{L}-]+)(?= (?:who|that|which|whose|where|in|at|on|for|from|with|behind|was|is|were|are|did|does|will|has|had|[\p{L}]+ed)\b|\?|$)/u.exec(q)?.[1] ??
    /^(?:which|what) (?!(?:type|kind|sort)s? of\b)((?:[\p{L}-]+ ){0,2}?(?:company|firm|contractor|supplier|manufacturer|agency|charity|group|school|hospital|club|team|organi[sz]ation|brand|business))(?=\s|\?|$)/u.exec(q)?.[1];
  if (!phrase) return undefined;
  return phrase.split(' ').at(-1);
}

/**
 * What marks a noun as mentioned, not named: "a", "an" or "one" for one ("an outside contractor"), a count for
 * several ("Two men, a 67-year-old former antiques dealer and his nephew"). A singular question is not about a
 * plural mention: "the player who took the ball" is not among "several players".
 */
const ONE = /^(?:a|an|one)$/;
const SEVERAL = /^(?:two|three|four|five|six|seven|eight|nine|ten|several|some|\d+)$/;
/** "a second MLS team": another of its kind, beside one the sentence names. */
const ORDINAL = /^(?:second|third|fourth|fifth|further|new|other)$/;

const CALENDAR = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;

/** How near a name must stand to a mention to be its name ("The John W. Weeks Bridge is a pedestrian bridge"). */
const NAME_REACH = 20;

/**
 * Whether the sentence speaks of the asked noun only as someone or something unnamed: "…had been supplied by *an
 * outside contractor*…", "…balloting 85 security staff, employed by *a separate contractor*…". Such a sentence is
 * about the question and cannot answer it: the article mentions whoever it is without a name. A capitalised word
 * near the mention that the question does not use may be its name ("…partnered with two businessmen in 1886, Robert
 * Lane and…"), so the mention does not count.
 */
export function mentionsUnnamed(head: string, sentence: string, question: string): boolean {
  const stem = tokenize(head)[0];
  if (!stem) return false;
  const plural = lemmatizer.noun(head) !== head;
  const words = [...sentence.matchAll(/[\p{L}\p{N}'’-]+/gu)];
  // A capitalised word the question does not use, after the sentence's first word: a name, or part of one. Read
  // only once a mention is found: most candidates have none.
  const namesOf = () => {
    const asked = new Set(question.toLowerCase().match(/[\p{L}\p{N}'’-]+/gu) ?? []);
    return words.slice(1).filter((w) => /^\p{Lu}/u.test(w[0]) && !asked.has(w[0].toLowerCase()) && !CALENDAR.test(w[0]));
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]![0].toLowerCase();
    if (tokenize(lemmatizer.noun(word))[0] !== stem && tokenize(word)[0] !== stem) continue;
    const end = words[i]!.index + words[i]![0].length;
    // The noun's phrase: up to three modifiers back to its determiner.
    const phrase = words.slice(Math.max(0, i - 4), i).map((w) => w[0].toLowerCase());
    const at = phrase.findIndex((w) => (plural ? SEVERAL : ONE).test(w));
    if (at < 0 || ORDINAL.test(phrase[at + 1] ?? '')) continue;
    const determiner = words[Math.max(0, i - 4) + at]!;
    if (/^,?\s+(?:called|named|known as)\b/u.test(sentence.slice(end))) continue;
    if (namesOf().some((name) => name.index + name[0].length > determiner.index - NAME_REACH && name.index < end + NAME_REACH)) continue;
    return true;
  }
  return false;
}
