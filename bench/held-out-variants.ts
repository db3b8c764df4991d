/**
 * What the answer-model lever benches print for each variant: the shipped features plus the variant's extra ones,
 * cross-validated by article as `npm run eval` does (3 folds), then fitted on everything to show the extra features'
 * weights.
 */
import { FEATURE_NAMES } from '../src/answer/features.js';
import { loadArticles } from '../src/article/load.js';
import { segmentArticle } from '../src/article/segment.js';
import type { Embedder } from '../src/embedding/embedder.js';
import type { Passage } from '../src/types.js';
import { loadConfig } from '../src/config.js';
import { createEmbedder } from '../src/embedding/create-embedder.js';
import { devInstances, xquadInstances, type AnswerInstance } from '../src/eval/answer-data.js';
import { loadXquad, type XquadArticle } from '../src/eval/datasets.js';
import { embeddedStores } from '../src/eval/eval-stores.js';
import { embedXquad, openXquad } from '../src/eval/evaluate.js';
import { crossValidate, fitAnswerModel, SHIPPED_FIT } from '../src/eval/cross-validate.js';
import { DEV_SETS, devArticlesFolder, formatTallyRow } from '../src/eval/dev-sets.js';

const f3 = (x: number) => x.toFixed(3);

/**
 * The configured model with XQuAD embedded and the answer instances built as `npm run eval` builds them (XQuAD's
 * first, three per question: answerable, gold removed, another article), for the benches that add signals of their
 * own from the vectors; `close` releases the stores and the model.
 */
export async function openAnswerData() {
  const config = loadConfig();
  const embedder = await createEmbedder(config.model, { modelsDir: config.modelsDir });
  const stores = embeddedStores();
  const xquad = await embedXquad(loadXquad(), embedder);
  const data = await openXquad(xquad, stores);
  const dev = await devInstances(embedder, stores);
  const xq = await xquadInstances(data);
  return {
    embedder,
    xquad,
    xq,
    dev,
    instances: [...xq, ...dev],
    async close() {
      await stores.close();
      await embedder.close();
    },
  };
}

export const unit = (v: readonly number[]) => {
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
};
export const dot = (a: readonly number[], b: readonly number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

/** Each development article's sentences, segmented as ingest does, one list per article. */
export function devArticlePassages(): Passage[][] {
  const folder = devArticlesFolder();
  try {
    return loadArticles(folder.dir).articles.map((article) => segmentArticle(article.id, article.text));
  } finally {
    folder.remove();
  }
}

/** Each distinct question of the instances, embedded once, as a unit vector. */
export async function questionVectors(embedder: Embedder, instances: readonly AnswerInstance[]): Promise<Map<string, number[]>> {
  const questions = [...new Set(instances.map((i) => i.question))];
  const vectors = await embedder.embed(questions);
  return new Map(questions.map((q, i) => [q, unit(vectors[i]!)]));
}

/** XQuAD's and the development sets' instances under the configured model, as `npm run eval` builds them. */
export async function loadAnswerInstances(): Promise<{ instances: AnswerInstance[]; xquad: XquadArticle[] }> {
  const config = loadConfig();
  const embedder = await createEmbedder(config.model, { modelsDir: config.modelsDir });
  try {
    const stores = embeddedStores();
    const xquad = loadXquad();
    const data = await openXquad(await embedXquad(xquad, embedder), stores);
    return { instances: [...(await xquadInstances(data)), ...(await devInstances(embedder, stores))], xquad };
  } finally {
    await embedder.close();
  }
}

export function printHeldOutVariants(instances: AnswerInstance[], variants: string[][]): void {
  for (const extra of variants) {
    const options = { ...SHIPPED_FIT, features: [...FEATURE_NAMES, ...extra] };
    const report = crossValidate(instances, options, 3, DEV_SETS);
    const weights = fitAnswerModel(instances, options).weights;
    console.log(`${extra.length ? `+ ${extra.join(', ')}` : 'shipped features'}  (fitted on all: ${extra.map((e) => `${e} ${f3(weights[e]!)}`).join(', ') || '-'})`);
    console.log(`  ${formatTallyRow('pooled', report.pooled)}`);
    for (const [set, tally] of report.dev) console.log(`    ${formatTallyRow(set, tally)}`);
    console.log(
      `  XQuAD R@1 ${f3(report.xquad.r1)}  R@5 ${f3(report.xquad.r5)}  removed answered ${f3(report.xquadAnswered.removed)}  ` +
        `another article answered ${f3(report.xquadAnswered.foreign)}  dev rank R@1 ${f3(report.devRanks.r1)}`,
    );
  }
}

/**
 * The gold's R@1 and R@3 among each answerable question's candidates, ordered by the cosine (`dense`) or by one of
 * the extra features a bench gave them, for XQuAD and for the development sets apart.
 */
export function printGoldRanks(instances: AnswerInstance[], features: string[]): void {
  const of = (xquadSet: boolean) => instances.filter((i) => (i.set === 'xquad') === xquadSet && i.gold.size > 0 && i.kind !== 'removed' && i.kind !== 'foreign');
  for (const [label, list] of [['XQuAD', of(true)], ['development', of(false)]] as const) {
    const line = ['dense', ...features].map((name) => {
      const ranks = list.map((i) => {
        const key = (c: (typeof i.candidates)[number]) => (name === 'dense' ? c.dense : c.features![name]!);
        const sorted = [...i.candidates].sort((a, b) => key(b) - key(a));
        const r = sorted.findIndex((c) => i.gold.has(c.passage)) + 1;
        return r > 0 ? r : Infinity;
      });
      const at = (n: number) => f3(ranks.filter((r) => r <= n).length / ranks.length);
      return `${name} R@1 ${at(1)} R@3 ${at(3)}`;
    });
    console.log(`${label} gold among the candidates (${list.length}): ${line.join('   ')}`);
  }
}
