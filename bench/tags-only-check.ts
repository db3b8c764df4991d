/**
 * `npx tsx bench/tags-only-check.ts` — does the answer model's question tagging (`tagWords`: compromise without its
 * chunker and typeahead) find the same verbs, and the same tags on every word, as the full pipeline? Over every
 * question at hand: XQuAD and the development sets' questions and claims (when ../shared/eval is there) and the
 * bench's generated questions over the seed article and the development articles. Prints the counts and the first
 * differences, times both paths, and exits 1 on any difference.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { EVAL_DIR } from '../src/eval/datasets.js';
import { nlp, tagWords } from '../src/nlp.js';
import { SEEDS_DIR, loadAverage, questionsFor } from './lib.js';

type Doc = ReturnType<typeof nlp>;

function questions(): Map<string, string[]> {
  const sets = new Map<string, string[]>();
  const xquad = path.join(EVAL_DIR, 'xquad.en.json');
  if (existsSync(xquad)) {
    const data = JSON.parse(readFileSync(xquad, 'utf8')) as { data: Array<{ paragraphs: Array<{ qas: Array<{ question: string }> }> }> };
    sets.set('XQuAD', data.data.flatMap((a) => a.paragraphs.flatMap((p) => p.qas.map((q) => q.question))));
  }
  if (existsSync(EVAL_DIR)) {
    const lines = readdirSync(EVAL_DIR)
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) => readFileSync(path.join(EVAL_DIR, f), 'utf8').split('\n').filter(Boolean));
    sets.set('development questions and claims', lines.map((line) => JSON.parse(line) as { q?: string; claim?: string }).map((o) => o.q ?? o.claim ?? '').filter(Boolean));
  }
  const seed = readFileSync(path.join(SEEDS_DIR, readdirSync(SEEDS_DIR).filter((f) => /\.(txt|md)$/.test(f)).sort()[0]!), 'utf8');
  // The bench's own question sets (warm-up, latency, memory) over the seed article.
  sets.set('bench questions (seed article)', [...questionsFor(seed, 60, 999), ...questionsFor(seed, 600, 42), ...questionsFor(seed, 10_000, 4242)]);
  const devArticles = path.join(EVAL_DIR, 'articles');
  if (existsSync(devArticles))
    sets.set('generated questions (development articles)', readdirSync(devArticles).flatMap((f) => questionsFor(readFileSync(path.join(devArticles, f), 'utf8'), 2_000, 7)));
  return sets;
}

const verbs = (doc: Doc) => JSON.stringify(doc.match('#Verb').not('(#Auxiliary|#Copula|#Modal)').out('array'));
const tags = (doc: Doc) => JSON.stringify(doc.docs.map((terms: Array<{ text: string; tags?: Set<string> }>) => terms.map((t) => [t.text, [...(t.tags ?? [])].sort()])));

let differences = 0;
let total = 0;
for (const [name, texts] of questions()) {
  let differ = 0;
  for (const text of texts) {
    const full = nlp(text);
    const fast = tagWords(text);
    if (verbs(full) !== verbs(fast) || tags(full) !== tags(fast)) {
      if (++differ <= 5) console.log(`  differs: ${text}\n    full ${verbs(full)}\n    fast ${verbs(fast)}`);
    }
  }
  console.log(`${name}: ${texts.length} texts, ${differ} with other verbs or tags`);
  differences += differ;
  total += texts.length;
}
const sample = [...questions().values()].flat().slice(0, 3_000);
const time = (tag: (text: string) => Doc) => {
  const t = performance.now();
  for (const text of sample) verbs(tag(text));
  return (performance.now() - t) / sample.length;
};
// Alternated, after both are warm, so that both see the same load.
time(nlp);
time(tagWords);
const ms = { full: 0, fast: 0 };
for (let round = 0; round < 3; round++) {
  ms.full += time(nlp) / 3;
  ms.fast += time(tagWords) / 3;
}
console.log(`${total} texts, ${differences} differ; ms per text: full pipeline ${ms.full.toFixed(3)}, tags only ${ms.fast.toFixed(3)} (load ${loadAverage().join(' ')})`);
process.exit(differences === 0 ? 0 : 1);
