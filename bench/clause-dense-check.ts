/**
 * Whether a question meets its answer nearer in a part of the sentence than in the whole. USE-lite embeds a sentence
 * as one vector, and a long news sentence often holds two or three statements ("X said on Thursday, after Y, that Z"):
 * a question about one of them meets the whole at a modest cosine. Each candidate gets the best cosine of its pieces
 * (clauses split at punctuation and conjunctions, and windows of words), with its gap to the best candidate's.
 *
 * Prints the gold's rank among the candidates by each cosine, then the answer model cross-validated by article (as
 * `npm run eval` reports it) with these as extra features.
 *
 *   npx tsx bench/clause-dense-check.ts
 */
import { passageRef } from '../src/article/ref.js';
import type { AnswerInstance } from '../src/eval/answer-data.js';
import { dot, openAnswerData, printGoldRanks, printHeldOutVariants, unit, devArticlePassages, questionVectors } from './held-out-variants.js';

const words = (text: string) => text.split(/\s+/).filter(Boolean);
/** Clauses: split at punctuation inside the sentence and before conjunctions that start a new statement. */
export function clauses(text: string): string[] {
  const parts = text
    .split(/[,;:()\u2014\u2013"“”]+|\s(?=(?:and|but|while|whereas|although|though|after|before|because|which|who|when|where|as)\s)/i)
    .map((p) => p.trim())
    .filter((p) => words(p).length >= 3);
  return parts.length > 1 ? parts : [];
}
/** Windows of `size` words, every `step` words; none for a sentence no longer than one window. */
export function windows(text: string, size: number, step: number): string[] {
  const w = words(text);
  if (w.length <= size) return [];
  const out: string[] = [];
  for (let i = 0; i + size <= w.length + step - 1 && i < w.length; i += step) out.push(w.slice(i, i + size).join(' '));
  return out;
}

const answerData = await openAnswerData();
const { embedder, xquad, instances } = answerData;
const textOf = new Map<string, string>();
const vectorOf = new Map<string, number[]>();
xquad.articles.forEach((article, a) => article.passages.forEach((p, i) => { vectorOf.set(passageRef(p), unit(xquad.passageVectors[a]![i]!)); textOf.set(passageRef(p), p.text); }));
for (const passages of devArticlePassages()) {
  const vectors = await embedder.embed(passages.map((p) => p.text));
  passages.forEach((p, i) => { vectorOf.set(passageRef(p), unit(vectors[i]!)); textOf.set(passageRef(p), p.text); });
}
const SPLITS: Record<string, (text: string) => string[]> = {
  clause: clauses,
  win8: (t) => windows(t, 8, 4),
  win12: (t) => windows(t, 12, 6),
};
const pieceVectors = new Map<string, number[]>();
const needed = new Set<string>();
for (const text of textOf.values()) for (const split of Object.values(SPLITS)) for (const piece of split(text)) needed.add(piece);
const list = [...needed];
for (let i = 0; i < list.length; i += 256) {
  const vs = await embedder.embed(list.slice(i, i + 256));
  vs.forEach((v, j) => pieceVectors.set(list[i + j]!, unit(v)));
}
console.log(`pieces embedded: ${list.length} for ${textOf.size} sentences`);
const qOf = await questionVectors(embedder, instances);

let missing = 0;
const names = Object.keys(SPLITS);
const withSignals: AnswerInstance[] = instances.map((instance) => {
  const q = qOf.get(instance.question)!;
  const raw = instance.candidates.map((c) => {
    const ref = passageRef(c.passage);
    const whole = vectorOf.get(ref) ? dot(q, vectorOf.get(ref)!) : c.dense;
    if (!vectorOf.get(ref)) missing++;
    const text = textOf.get(ref) ?? c.passage.text;
    return Object.fromEntries(names.map((name) => [name, Math.max(whole, ...SPLITS[name]!(text).map((p) => dot(q, pieceVectors.get(p) ?? q.map(() => 0))))]));
  });
  const best = Object.fromEntries(names.map((name) => [name, Math.max(...raw.map((r) => r[name]!))]));
  return {
    ...instance,
    candidates: instance.candidates.map((c, i) => ({
      ...c,
      features: { ...c.features!, ...Object.fromEntries(names.flatMap((name) => [[name, raw[i]![name]!], [`${name}Gap`, raw[i]![name]! - best[name]!], [`${name}Lift`, raw[i]![name]! - c.dense]])) },
    })),
  };
});
console.log(`candidates without a vector: ${missing}`);
printGoldRanks(withSignals, names);
printHeldOutVariants(withSignals, [[], ...names.flatMap((n) => [[n], [n, `${n}Gap`], [`${n}Lift`]])]);
await answerData.close();
