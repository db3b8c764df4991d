/**
 * Word order and proximity as answer-model signals (bench/proximity-signals.ts), each cross-validated by article as
 * `npm run eval` reports the answer model: the shipped features, then each signal added alone, then pairs of them.
 * Prints per variant the pooled development tally (gold first / shown top 3 / false refusals / near refused / off
 * refused), XQuAD re-ranked R@1 and R@5, the share of XQuAD questions asked of another article answered, and the
 * signal's weight fitted on everything; first, what computing every signal costs per question.
 *
 *   npx tsx bench/proximity-check.ts [variant…]   (a variant: signal names joined by commas; default: all listed below)
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { createEmbedder } from '../src/embedding/create-embedder.js';
import { loadArticles } from '../src/article/load.js';
import { segmentArticle } from '../src/article/segment.js';
import { LexicalIndex } from '../src/index/lexical-index.js';
import type { Passage } from '../src/types.js';
import { proximitySignals } from './proximity-signals.js';
import { devInstances, xquadInstances } from '../src/eval/answer-data.js';
import { devArticlesFolder, TALLY_HEADER } from '../src/eval/dev-sets.js';
import { loadXquad } from '../src/eval/datasets.js';
import { embeddedStores } from '../src/eval/eval-stores.js';
import { embedXquad, openXquad } from '../src/eval/evaluate.js';
import { printHeldOutVariants } from './held-out-variants.js';

const config = loadConfig();
const embedder = await createEmbedder(config.model, { modelsDir: config.modelsDir });
const stores = embeddedStores();
const data = await openXquad(await embedXquad(loadXquad(), embedder), stores);
const plain = [...(await xquadInstances(data)), ...(await devInstances(embedder, stores))];

// IDF over the collection each question was asked of, as retrieval hands it to the answer model.
const folder = devArticlesFolder();
const devPassages = loadArticles(folder.dir).articles.flatMap((article) => segmentArticle(article.id, article.text));
folder.remove();
const indexes = new Map<readonly Passage[], LexicalIndex>();
const indexOf = (passages: readonly Passage[]) => indexes.get(passages) ?? indexes.set(passages, LexicalIndex.build(passages)).get(passages)!;
const askedOf = (group: string, kind: string): readonly Passage[] => {
  if (!group.startsWith('xquad-')) return devPassages;
  const a = Number(group.slice(6));
  return data.collections[kind === 'foreign' ? (a + 1) % data.collections.length : a]!.passages;
};
const started = performance.now();
const instances = plain.map((instance) => {
  const signals = proximitySignals(instance.question, instance.candidates, indexOf(askedOf(instance.group, instance.kind)));
  return { ...instance, candidates: instance.candidates.map((c, i) => ({ ...c, features: { ...c.features!, ...signals[i] } })) };
});
// Each sentence's positions are worked out once (as a memo per index generation would); the IDF tables are included.
const perQuestion = (performance.now() - started) / plain.length;
console.log(`signals computed in ${perQuestion.toFixed(2)} ms per question (${plain.length} questions, up to 20 candidates each; load ${os.loadavg()[0]!.toFixed(2)})`);

const variants: string[][] = [
  [],
  ['pairsOrdered'],
  ['pairsAny'],
  ['compactness'],
  ['orderedCoverage'],
  ['windowCoverage'],
  ['pairsOrdered', 'compactness'],
  ['pairsOrdered', 'pairsAny'],
  ['pairsAny', 'windowCoverage'],
  ['pairsSoft'],
  ['pairsSoftAny'],
  ['pairsAny2'],
  ['pairsAny5'],
  ['pairsAnyGap'],
  ['pairsSoftGap'],
  ['pairsSoft', 'pairsSoftGap'],
  ['pairsSoftAnyGap'],
  ['pairsOrderedGap'],
  ['windowCoverageGap'],
  ['windowCoverage', 'windowCoverageGap'],
  ['windowCoverage', 'pairsSoftGap'],
  ['verbPairs'],
  ['verbPairsGap'],
];
const only = process.argv.slice(2);
console.log(`  ${TALLY_HEADER}`);
printHeldOutVariants(instances, only.length ? [[], ...only.map((v) => v.split(','))] : variants);
await stores.close();
await embedder.close();
