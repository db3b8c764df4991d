/**
 * Signals measured beside `previousCoverage` (shipped) and not kept, cross-validated by article as `npm run eval`
 * does:
 *   - `refersBack`: the sentence opens (first three words) with a word that refers to the one before ("These include
 *     the Miller–Rabin test…", "She gave birth to a son, Jochi…"); on XQuAD the closest sentence often restates the
 *     question and the next one, opening so, answers;
 *   - `inherited`: `refersBack` times the previous sentence's coverage of the question;
 *   - `unknownName`: the question names something (a capitalised word after its first) the index never mentions
 *     ("Who is the Prime Minister of Canada?").
 * It also prints how often a gold and a non-gold candidate refer back, among each question's first ten.
 *
 *   npx tsx bench/anaphora-check.ts
 */
import type { AnswerInstance } from '../src/eval/answer-data.js';
import { isAnswerable } from '../src/eval/cross-validate.js';
import { loadAnswerInstances, printHeldOutVariants } from './held-out-variants.js';

const REFERRING = new Set(['it', 'its', 'this', 'these', 'those', 'that', 'he', 'she', 'they', 'his', 'her', 'their', 'them', 'such', 'latter', 'former']);
const refersBack = (text: string) => ((text.toLowerCase().match(/[\p{L}']+/gu) ?? []).slice(0, 3).some((w) => REFERRING.has(w)) ? 1 : 0);

/** Capitalised words after the first that no candidate of the question's own index holds (approximated by its candidates' words). */
function unknownName(instance: AnswerInstance, known: Set<string>): number {
  const names = instance.question.match(/(?<=\S\s+)[\p{Lu}][\p{L}'’-]*/gu) ?? [];
  return names.some((name) => !known.has(name.replace(/['’]s$/, '').toLowerCase())) ? 1 : 0;
}

const { instances: raw, xquad } = await loadAnswerInstances();

// The words of every sentence of every index, by article group, for `unknownName`.
const wordsOf = (text: string) => text.toLowerCase().match(/[\p{L}'’-]+/gu) ?? [];
const xquadWords = xquad.map((article) => new Set(article.passages.flatMap((p) => wordsOf(p.text))));
const devWords = new Set(raw.filter((i) => i.set !== 'xquad').flatMap((i) => i.candidates.flatMap((c) => wordsOf(c.passage.text))));
const knownFor = (i: AnswerInstance) => {
  if (i.set !== 'xquad') return devWords;
  const a = Number(i.group.slice(6));
  return i.kind === 'foreign' ? xquadWords[(a + 1) % xquadWords.length]! : xquadWords[a]!;
};

const instances = raw.map((instance) => {
  const unknown = unknownName(instance, knownFor(instance));
  return {
    ...instance,
    candidates: instance.candidates.map((c) => {
      const back = refersBack(c.passage.text);
      return { ...c, features: { ...c.features, refersBack: back, inherited: back * (c.features?.previousCoverage ?? 0), unknownName: unknown } };
    }),
  };
});

for (const set of ['xquad', 'dev']) {
  const counts = { gold: [0, 0], other: [0, 0] };
  for (const i of instances.filter((x) => isAnswerable(x) && (x.set === 'xquad') === (set === 'xquad'))) {
    for (const c of i.candidates.slice(0, 10)) {
      const tally = i.gold.has(c.passage) ? counts.gold : counts.other;
      tally[0]! += c.features.refersBack;
      tally[1]!++;
    }
  }
  console.log(`${set}: refers back, gold ${counts.gold[0]}/${counts.gold[1]}, other candidates ${counts.other[0]}/${counts.other[1]}`);
}
printHeldOutVariants(instances, [[], ['refersBack'], ['inherited'], ['refersBack', 'inherited'], ['unknownName']]);
