import { loadArticles } from '../article/load.js';
import { segmentArticle } from '../article/segment.js';
import { candidateFeatures, analyzeQuestion } from '../answer/features.js';
import { RESCORE_CANDIDATES } from '../answer/rescore.js';
import { articleContext } from '../answer/article-context.js';
import type { SecondOpinion } from '../answer/second-opinion.js';
import type { Embedder } from '../embedding/embedder.js';
import { buildCorpus, type Corpus } from '../retrieval/corpus.js';
import { normalizeQuestion } from '../retrieval/clean-question.js';
import { retrievePassages } from '../retrieval/retrieve.js';
import type { Passage, ScoredPassage } from '../types.js';
import { DEV_SETS, devArticlesFolder, isGoldCitation, loadDevSet, type DevKind, type DevQuestion } from './dev-sets.js';
import type { EmbeddedXquad } from './evaluate.js';

/**
 * One question put to one index, with retrieval's candidates already carrying the answer model's features, so a fit
 * only re-weighs them. `removed` is an XQuAD question asked of its own article with the gold sentence taken out: an
 * on-topic question the text no longer answers. `foreign` is the question asked of another article.
 */
export interface AnswerInstance {
  /** The article the question is about: folds are split by it. */
  group: string;
  set: 'xquad' | string;
  kind: DevKind | 'removed' | 'foreign';
  question: string;
  candidates: ScoredPassage[];
  gold: Set<Passage>;
  /** Answer phrase (XQuAD only). */
  goldText?: string;
  dev?: DevQuestion;
}

function withFeatures(question: string, candidates: ScoredPassage[], corpus: Corpus): ScoredPassage[] {
  const features = candidateFeatures(analyzeQuestion(question, corpus.lexical), candidates, articleContext(corpus.passages));
  return candidates.map((candidate, i) => ({ ...candidate, features: features[i]! }));
}

function candidatesFor(corpus: Corpus, question: string, vector: number[], limit = RESCORE_CANDIDATES): ScoredPassage[] {
  return retrievePassages(corpus, question, vector, { limit });
}

/** Every XQuAD question as answerable, gold-removed and foreign instances. */
export function xquadInstances(data: EmbeddedXquad): AnswerInstance[] {
  const out: AnswerInstance[] = [];
  const n = data.articles.length;
  data.articles.forEach((article, a) => {
    const corpus = data.corpora[a]!;
    article.questions.forEach((q, i) => {
      const question = normalizeQuestion(q.question);
      const vector = data.questionVectors[a]![i]!;
      const gold = new Set([article.passages[q.gold]!]);
      const own = candidatesFor(corpus, question, vector, RESCORE_CANDIDATES + 1);
      const base = { group: `xquad-${a}`, set: 'xquad', question, goldText: q.answer };
      out.push({ ...base, kind: 'paraphrase', candidates: withFeatures(question, own.slice(0, RESCORE_CANDIDATES), corpus), gold });
      const removed = own.filter((s) => !gold.has(s.passage)).slice(0, RESCORE_CANDIDATES);
      out.push({ ...base, kind: 'removed', candidates: withFeatures(question, removed, corpus), gold: new Set() });
      const other = data.corpora[(a + 1) % n]!;
      out.push({ ...base, kind: 'foreign', candidates: withFeatures(question, candidatesFor(other, question, vector), other), gold: new Set() });
    });
  });
  return out;
}

/** The development questions, all asked of one index holding every development article and the seed. */
export async function devInstances(embedder: Embedder): Promise<AnswerInstance[]> {
  const folder = devArticlesFolder();
  try {
    const { articles } = loadArticles(folder.dir);
    const passages = articles.flatMap((article) => segmentArticle(article.id, article.text));
    const corpus = buildCorpus(passages, await embedder.embed(passages.map((p) => p.text)), embedder.dimensions);
    const questions = DEV_SETS.flatMap(loadDevSet);
    const vectors = await embedder.embed(questions.map((q) => normalizeQuestion(q.q)));
    return questions.map((q, i) => {
      const question = normalizeQuestion(q.q);
      const candidates = withFeatures(question, candidatesFor(corpus, question, vectors[i]!), corpus);
      const gold = new Set(passages.filter((p) => isGoldCitation({ article: p.article, quote: p.text }, q)));
      return { group: q.article, set: q.article, kind: q.kind, question, candidates, gold, dev: q };
    });
  } finally {
    folder.remove();
  }
}

/** The same instances with a second encoder's features on every candidate (`RERANK_MODEL`). */
export async function addSecondOpinion(instances: AnswerInstance[], second: SecondOpinion): Promise<AnswerInstance[]> {
  const out: AnswerInstance[] = [];
  for (const instance of instances) {
    const extra = await second.features(instance.question, instance.candidates);
    out.push({ ...instance, candidates: instance.candidates.map((c, i) => ({ ...c, features: { ...c.features, ...extra[i] } })) });
  }
  return out;
}
