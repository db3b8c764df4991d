/**
 * Two question-level readings the answer model lacks, measured as extra features, cross-validated by article as
 * `npm run eval` does (3 folds):
 * - the counted noun: "How many *goals*…" is answered by a figure followed (within three words) by "goals" or a
 *   WordNet relative ("14 stops" for "places"). `countedMet` marks such a candidate, `countedUnmet` a candidate of a
 *   "how many/much N" question with none;
 * - no lexical hit: not one candidate shares a term with the question (`lexicalNone`), which is rare for questions
 *   asked of their own article and common for those asked of another one; and the list's best plain coverage.
 *
 *   npx tsx bench/counted-noun-check.ts
 */
import { loadAnswerInstances, printHeldOutVariants } from './held-out-variants.js';
import { tokenize } from '../src/index/lexical-index.js';
import { textTerms } from '../src/answer/features.js';
import { typedSpans } from '../src/answer/answer-types.js';

const AUXILIARY = /^(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could|should|may|might|must)$/;

/** The words after "how many/much" up to the verb, as `askedNounFit` in `src/answer/phrase.ts` reads them. */
function countedNouns(question: string): string[] {
  const words = question
    .toLowerCase()
    .match(/\bhow (?:many|much) ((?:[\p{L}'-]+ ){0,3}?[\p{L}'-]+)(?= (?:[\p{L}'-]+ )*?(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could|should)\b)/u)?.[1];
  return words?.split(' ').filter((word) => !AUXILIARY.test(word)) ?? [];
}

function figureOf(nouns: string[], sentence: string): boolean {
  const stems = new Set(nouns.flatMap((word) => tokenize(word)));
  const relatives = new Set(nouns.flatMap((word) => [...textTerms(word).related]));
  return typedSpans(sentence).some((span) => {
    if (span.type !== 'number') return false;
    const after = textTerms(sentence.slice(span.end).match(/^\s*(?:[\p{L}\p{N}'-]+\s*){0,3}/u)?.[0] ?? '');
    return [...stems].some((stem) => after.exact.has(stem) || after.related.has(stem)) || [...relatives].some((stem) => after.exact.has(stem));
  });
}

const { instances: raw } = await loadAnswerInstances();
const instances = raw.map((inst) => {
  const nouns = countedNouns(inst.question);
  const lexicalNone = inst.candidates.every((c) => c.features!.lexicalShare === 0) ? 1 : 0;
  const bestCoverage = Math.max(0, ...inst.candidates.map((c) => c.features!.coverage!));
  return {
    ...inst,
    candidates: inst.candidates.map((c) => {
      const met = nouns.length > 0 && figureOf(nouns, c.passage.text);
      return { ...c, features: { ...c.features!, countedMet: met ? 1 : 0, countedUnmet: nouns.length > 0 && !met ? 1 : 0, lexicalNone, bestCoverage } };
    }),
  };
});
printHeldOutVariants(instances, [[], ['countedMet'], ['countedUnmet'], ['countedMet', 'countedUnmet'], ['lexicalNone'], ['bestCoverage'], ['lexicalNone', 'bestCoverage']]);
process.exit(0);
