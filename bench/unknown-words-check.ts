/**
 * Whether the question's content words that the candidate's own article never says (as a term, a lemma or a WordNet
 * relation, the way `softCoverage` counts them) separate on-topic questions the article cannot answer from
 * answerable ones. `questionKnown` asks the same of the whole index; with several articles loaded, a word the
 * football article uses ("season") still counts as known for a question about the tram article.
 *
 * Per question, over the article of its closest candidate by cosine: the IDF-weighted share of its terms absent
 * from that article, the largest IDF of an absent term, the same over nouns only, and the share absent from the
 * closest candidate's window (the sentence and its neighbours); then the share and the noun's IDF counting the
 * article's own terms and lemmas only, no WordNet relation. AUC is the chance a question the article cannot
 * answer scores above an answerable one (0.5: no separation). XQuAD gold-removed is measured twice: with the
 * article as indexed (the gold sentence still in it, as the answer model would see it) and without the gold sentence.
 * With `--list`, the development questions one by one with their absent words. Then the answer model
 * cross-validated by article (as `npm run eval` reports it) with the signals added per candidate.
 *
 *   npx tsx bench/unknown-words-check.ts [--list]
 */
import { loadArticles } from '../src/article/load.js';
import { segmentArticle } from '../src/article/segment.js';
import { articleContext } from '../src/answer/article-context.js';
import { analyzeQuestion, textTerms, type PassageTerms, type QuestionAnalysis } from '../src/answer/features.js';
import { loadConfig } from '../src/config.js';
import { createEmbedder } from '../src/embedding/create-embedder.js';
import { devInstances, xquadInstances, type AnswerInstance } from '../src/eval/answer-data.js';
import { devArticlesFolder } from '../src/eval/dev-sets.js';
import { loadXquad } from '../src/eval/datasets.js';
import { embeddedStores } from '../src/eval/eval-stores.js';
import { embedXquad, openXquad } from '../src/eval/evaluate.js';
import { LexicalIndex, tokenize } from '../src/index/lexical-index.js';
import { tagWords } from '../src/nlp.js';
import type { Passage } from '../src/types.js';
import { printHeldOutVariants } from './held-out-variants.js';

const config = loadConfig();
const embedder = await createEmbedder(config.model, { modelsDir: config.modelsDir });
const stores = embeddedStores();
const xquad = loadXquad();
const data = await openXquad(await embedXquad(xquad, embedder), stores);
const xq = await xquadInstances(data);
const dev = await devInstances(embedder, stores);

// The passages and term statistics of each index, as the answer model saw them.
const folder = devArticlesFolder();
const devPassages = loadArticles(folder.dir).articles.flatMap((article) => segmentArticle(article.id, article.text));
folder.remove();
const devLexical = LexicalIndex.build(devPassages);
const xquadLexical = xquad.map((article) => LexicalIndex.build(article.passages));
const passagesOf = new Map<string, Passage[]>();
for (const passage of [...devPassages, ...xquad.flatMap((a) => a.passages)]) passagesOf.set(passage.article, [...(passagesOf.get(passage.article) ?? []), passage]);

const sentenceTerms = new Map<string, PassageTerms>();
const termsOfText = (text: string) => {
  let terms = sentenceTerms.get(text);
  if (!terms) sentenceTerms.set(text, (terms = textTerms(text)));
  return terms;
};
function unionTerms(passages: readonly Passage[]): PassageTerms {
  const exact = new Set<string>();
  const related = new Set<string>();
  for (const p of passages) {
    const terms = termsOfText(p.text);
    terms.exact.forEach((t) => exact.add(t));
    terms.related.forEach((t) => related.add(t));
  }
  return { exact, related };
}
const articleTermsCache = new Map<string, PassageTerms>();
function articleTerms(article: string, without?: Passage): PassageTerms {
  const key = `${article}\u0000${without?.text ?? ''}`;
  let terms = articleTermsCache.get(key);
  if (!terms) articleTermsCache.set(key, (terms = unionTerms(passagesOf.get(article)!.filter((p) => p.text !== without?.text))));
  return terms;
}

const has = (terms: PassageTerms, t: QuestionAnalysis['terms'][number]) =>
  terms.exact.has(t.term) || terms.related.has(t.term) || [...t.related].some((stem) => terms.exact.has(stem));

interface Signals {
  absentShare: number;
  absentMaxIdf: number;
  absentNounMaxIdf: number;
  windowAbsentShare: number;
  /** The same, counting only the article's own terms and lemmas (no WordNet relation either way). */
  strictAbsentShare: number;
  strictAbsentNounMaxIdf: number;
  absent: string[];
}

function nounStems(question: string): Set<string> {
  const nouns: string[] = tagWords(question).match('#Noun').not('#Pronoun').out('array');
  return new Set(nouns.flatMap((word) => tokenize(word.toLowerCase())));
}

function signals(analysis: QuestionAnalysis, nouns: Set<string>, article: PassageTerms, window: PassageTerms): Signals {
  let total = 0;
  let absentMass = 0;
  let windowMass = 0;
  let absentMaxIdf = 0;
  let absentNounMaxIdf = 0;
  let strictMass = 0;
  let strictAbsentNounMaxIdf = 0;
  const absent: string[] = [];
  for (const t of analysis.terms) {
    total += t.idf;
    if (!has(window, t)) windowMass += t.idf;
    if (!article.exact.has(t.term)) {
      strictMass += t.idf;
      if (nouns.has(t.term)) strictAbsentNounMaxIdf = Math.max(strictAbsentNounMaxIdf, t.idf);
    }
    if (has(article, t)) continue;
    absent.push(t.term);
    absentMass += t.idf;
    absentMaxIdf = Math.max(absentMaxIdf, t.idf);
    if (nouns.has(t.term)) absentNounMaxIdf = Math.max(absentNounMaxIdf, t.idf);
  }
  return {
    absentShare: total > 0 ? absentMass / total : 0,
    absentMaxIdf,
    absentNounMaxIdf,
    windowAbsentShare: total > 0 ? windowMass / total : 0,
    strictAbsentShare: total > 0 ? strictMass / total : 0,
    strictAbsentNounMaxIdf,
    absent,
  };
}

/** Per candidate: the signals over its own article (without `removedGold` for a gold-removed XQuAD question). */
function candidateSignals(instance: AnswerInstance, lexical: LexicalIndex, passages: readonly Passage[], removedGold?: Passage): Signals[] {
  const analysis = analyzeQuestion(instance.question, lexical);
  const nouns = nounStems(instance.question);
  const context = articleContext(passages);
  return instance.candidates.map((c) => {
    const window = unionTerms([c.passage, ...context.neighbours(c.passage)].filter((p) => p.text !== removedGold?.text));
    return signals(analysis, nouns, articleTerms(c.passage.article, removedGold), window);
  });
}

interface Row {
  instance: AnswerInstance;
  label: string;
  perCandidate: Signals[];
}
const rows: Row[] = [];
for (const [i, instance] of xq.entries()) {
  const a = Number(instance.group.slice('xquad-'.length));
  const lexical = instance.kind === 'foreign' ? xquadLexical[(a + 1) % xquad.length]! : xquadLexical[a]!;
  const passages = instance.kind === 'foreign' ? xquad[(a + 1) % xquad.length]!.passages : xquad[a]!.passages;
  const gold = instance.kind === 'removed' ? [...xq[i - 1]!.gold][0] : undefined;
  rows.push({ instance, label: `xquad-${instance.kind}`, perCandidate: candidateSignals(instance, lexical, passages) });
  if (gold) rows.push({ instance, label: 'xquad-removed-nogold', perCandidate: candidateSignals(instance, lexical, passages, gold) });
}
for (const instance of dev) {
  const label = instance.kind === 'plain' || instance.kind === 'paraphrase' ? 'dev-answerable' : `dev-${instance.kind}`;
  rows.push({ instance, label, perCandidate: candidateSignals(instance, devLexical, devPassages) });
}

/** The question's value: that of its closest candidate by cosine. */
const closest = (row: Row): Signals => {
  let best = 0;
  row.instance.candidates.forEach((c, i) => {
    if (c.dense > row.instance.candidates[best]!.dense) best = i;
  });
  return row.perCandidate[best]!;
};

function auc(negatives: number[], positives: number[]): number {
  let wins = 0;
  for (const n of negatives) for (const p of positives) wins += n > p ? 1 : n === p ? 0.5 : 0;
  return wins / (negatives.length * positives.length || 1);
}
const f3 = (x: number) => x.toFixed(3);
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / (xs.length || 1);
const KEYS = ['absentShare', 'absentMaxIdf', 'absentNounMaxIdf', 'windowAbsentShare', 'strictAbsentShare', 'strictAbsentNounMaxIdf'] as const;
const of = (label: string) => rows.filter((r) => r.label === label).map(closest);
const share = (xs: Signals[], key: (typeof KEYS)[number]) => `${xs.filter((x) => x[key] > 0).length}/${xs.length}`;
console.log('closest candidate by cosine: mean (share > 0), AUC against the answerable questions of the same data');
for (const [negative, positive] of [
  ['dev-near', 'dev-answerable'],
  ['dev-off', 'dev-answerable'],
  ['xquad-removed', 'xquad-paraphrase'],
  ['xquad-removed-nogold', 'xquad-paraphrase'],
  ['xquad-foreign', 'xquad-paraphrase'],
] as const) {
  const neg = of(negative);
  const pos = of(positive);
  console.log(`${negative} (${neg.length}) vs ${positive} (${pos.length})`);
  for (const key of KEYS)
    console.log(
      `  ${key.padEnd(18)} ${f3(mean(neg.map((x) => x[key])))} (${share(neg, key)}) vs ${f3(mean(pos.map((x) => x[key])))} (${share(pos, key)})  AUC ${f3(auc(neg.map((x) => x[key]), pos.map((x) => x[key])))}`,
    );
}
if (process.argv.includes('--list'))
  for (const row of rows.filter((r) => r.label.startsWith('dev-'))) {
    const s = closest(row);
    console.log(`  ${row.label.padEnd(15)} ${f3(s.absentShare)} ${f3(s.absentNounMaxIdf)} strict ${f3(s.strictAbsentShare)} ${f3(s.strictAbsentNounMaxIdf)}  [${s.absent.join(' ')}]  ${row.instance.question}`);
  }

// The answer model with the signals per candidate: the gold-removed XQuAD questions read the article without the gold.
const fitRows = rows.filter((r) => r.label !== 'xquad-removed');
const withSignals = fitRows.map(({ instance, perCandidate }) => ({
  ...instance,
  candidates: instance.candidates.map((c, i) => {
    const { absent: _absent, ...numbers } = perCandidate[i]!;
    return { ...c, features: { ...c.features!, ...numbers } };
  }),
}));
printHeldOutVariants(withSignals, [[], ['absentShare'], ['absentMaxIdf'], ['absentNounMaxIdf'], ['windowAbsentShare'], ['absentShare', 'absentNounMaxIdf'], ['strictAbsentShare'], ['strictAbsentNounMaxIdf']]);
await stores.close();
await embedder.close();
