/**
 * `npx tsx bench/typed-spans-check.ts` — does tagging a candidate sentence with compromise's tags-only pipeline
 * (`tagWords`, what the answer model uses) give the same names, at the same offsets, as the full pipeline? Over
 * every sentence at hand: XQuAD's paragraphs and the development articles (when ../shared/eval is there), the seed
 * articles and the bench's synthetic news. Prints the counts, the first differences and both paths' time per
 * sentence; exits 1 on any difference.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { taggedSpans } from '../src/answer/answer-types.js';
import { segmentArticle } from '../src/article/segment.js';
import { EVAL_DIR } from '../src/eval/datasets.js';
import { nlp, tagWords } from '../src/nlp.js';
import { SEEDS_DIR, loadAverage, syntheticSentences } from './lib.js';

const sentencesOf = (name: string, text: string) => segmentArticle(name, text).map((p) => p.text);
const sets = new Map<string, string[]>();
const xquad = path.join(EVAL_DIR, 'xquad.en.json');
if (existsSync(xquad)) {
  const data = JSON.parse(readFileSync(xquad, 'utf8')) as { data: Array<{ paragraphs: Array<{ context: string }> }> };
  sets.set('XQuAD', data.data.flatMap((a, i) => a.paragraphs.flatMap((p, j) => sentencesOf(`x${i}-${j}`, p.context))));
}
const devArticles = path.join(EVAL_DIR, 'articles');
if (existsSync(devArticles)) sets.set('development articles', readdirSync(devArticles).flatMap((f) => sentencesOf(f, readFileSync(path.join(devArticles, f), 'utf8'))));
sets.set('seed articles', readdirSync(SEEDS_DIR).filter((f) => /\.(txt|md)$/.test(f)).flatMap((f) => sentencesOf(f, readFileSync(path.join(SEEDS_DIR, f), 'utf8'))));
sets.set('synthetic news', syntheticSentences(3_000, 1));

let differences = 0;
let total = 0;
for (const [name, sentences] of sets) {
  let differ = 0;
  for (const sentence of sentences) {
    const full = JSON.stringify(taggedSpans(sentence, nlp));
    const fast = JSON.stringify(taggedSpans(sentence, tagWords));
    if (full !== fast && ++differ <= 5) console.log(`  differs: ${sentence}\n    full ${full}\n    fast ${fast}`);
  }
  console.log(`${name}: ${sentences.length} sentences, ${differ} with other spans`);
  differences += differ;
  total += sentences.length;
}
const sample = [...sets.values()].flat().slice(0, 2_000);
const time = (tag: typeof nlp) => {
  const t = performance.now();
  for (const sentence of sample) taggedSpans(sentence, tag);
  return (performance.now() - t) / sample.length;
};
const ms = { full: 0, fast: 0 };
for (let round = 0; round < 3; round++) {
  ms.full += time(nlp) / 3;
  ms.fast += time(tagWords) / 3;
}
console.log(`${total} sentences, ${differences} differ; ms per sentence: full pipeline ${ms.full.toFixed(3)}, tags only ${ms.fast.toFixed(3)} (load ${loadAverage().join(' ')})`);
process.exit(differences === 0 ? 0 : 1);
