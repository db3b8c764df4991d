import { loadArticles } from '../article/load.js';
import { articlePassages } from '../article/segment.js';
import { candidateFeatures, analyzeQuestion, weighedStems } from '../answer/features.js';
import { RESCORE_CANDIDATES } from '../answer/rescore.js';
import { articleContext } from '../answer/article-context.js';
import { candidatesWithSpelling } from '../retrieval/spelling.js';
import type { SecondOpinion } from '../answer/second-opinion.js';
import type { Embedder } from '../embedding/embedder.js';
import type { Candidates, TermWeights } from '../index/passage-store.js';
import { normalizeQuestion } from '../retrieval/clean-question.js';
import type { Passage, ScoredPassage } from '../types.js';
import { DEV_SETS, devArticlesFolder, isGoldCitation, loadDevSet, type DevKind, type DevQuestion } from './dev-sets.js';
import type { EvalCollection, EvalStores } from './eval-stores.js';
import type { EmbeddedXquad } from './evaluate.js';
import { loadOwnQuestions, OWN_ARTICLES_DIR, OWN_SET_PREFIX, ownQuestionArticles } from './own-questions.js';

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
  /** How many articles the index asked held, when more than one question's worth (`crowdedXquadInstances`). */
  articles?: number;
}

function withFeatures(question: string, candidates: ScoredPassage[], lexical: TermWeights, passages: readonly Passage[]): ScoredPassage[] {
  const features = candidateFeatures(analyzeQuestion(question, lexical), candidates, articleContext(passages));
  return candidates.map((candidate, i) => ({ ...candidate, features: features[i]! }));
}

/** Retrieval's candidates as the service finds them (misspellings put right), with the question they were found for. */
function candidatesOf(collection: EvalCollection, question: string, vector: number[], limit: number): Promise<Candidates & { question: string }> {
  return candidatesWithSpelling(collection.store, question, vector, limit, { weigh: weighedStems });
}

/** Retrieval's candidates with the answer model's features, weighed by the collection they came from. */
async function candidatesFor(collection: EvalCollection, question: string, vector: number[], limit = RESCORE_CANDIDATES): Promise<Candidates> {
  const found = await candidatesOf(collection, question, vector, limit);
  return { ...found, passages: withFeatures(found.question, found.passages, found.lexical, collection.passages) };
}

/** Every XQuAD question as answerable, gold-removed and foreign instances. */
export async function xquadInstances(data: EmbeddedXquad): Promise<AnswerInstance[]> {
  const out: AnswerInstance[] = [];
  const n = data.articles.length;
  for (const [a, article] of data.articles.entries()) {
    const collection = data.collections[a]!;
    for (const [i, q] of article.questions.entries()) {
      const question = normalizeQuestion(q.question);
      const vector = data.questionVectors[a]![i]!;
      const gold = new Set([article.passages[q.gold]!]);
      // Features are computed per list: the removed list is re-featured, since some features compare candidates.
      const own = await candidatesOf(collection, question, vector, RESCORE_CANDIDATES + 1);
      const base = { group: `xquad-${a}`, set: 'xquad', question, goldText: q.answer };
      const featured = (list: ScoredPassage[]) => withFeatures(own.question, list, own.lexical, collection.passages);
      out.push({ ...base, kind: 'paraphrase', candidates: featured(own.passages.slice(0, RESCORE_CANDIDATES)), gold });
      const removed = own.passages.filter((s) => !gold.has(s.passage)).slice(0, RESCORE_CANDIDATES);
      out.push({ ...base, kind: 'removed', candidates: featured(removed), gold: new Set() });
      const other = await candidatesFor(data.collections[(a + 1) % n]!, question, vector);
      out.push({ ...base, kind: 'foreign', candidates: other.passages, gold: new Set() });
    }
  }
  return out;
}

/**
 * Every XQuAD question asked of all XQuAD articles in one index, as a server holding many articles is asked: with its
 * own article left out (`foreign`: an off-topic question meeting 47 articles' best sentences) and with it in
 * (`paraphrase`, when the gold is among the candidates). Not fitted on: they choose how the threshold rises with the
 * articles asked (`crowdedThreshold`) and measure it.
 */
export async function crowdedXquadInstances(data: EmbeddedXquad): Promise<AnswerInstance[]> {
  const out: AnswerInstance[] = [];
  const { pooled } = data;
  const articles = data.articles.length;
  for (const [a, article] of data.articles.entries()) {
    const own = `xquad-${a}`;
    for (const [i, q] of article.questions.entries()) {
      const found = await candidatesOf(pooled, normalizeQuestion(q.question), data.questionVectors[a]![i]!, RESCORE_CANDIDATES + article.passages.length);
      const featured = (list: ScoredPassage[]) => withFeatures(found.question, list, found.lexical, pooled.passages);
      const base = { group: own, set: 'xquad', question: found.question, goldText: q.answer };
      const others = found.passages.filter((c) => c.passage.article !== own).slice(0, RESCORE_CANDIDATES);
      out.push({ ...base, kind: 'foreign', candidates: featured(others), gold: new Set(), articles: articles - 1 });
      const gold = article.passages[q.gold]!;
      const all = found.passages.slice(0, RESCORE_CANDIDATES);
      if (all.some((c) => c.passage === gold)) out.push({ ...base, kind: 'paraphrase', candidates: featured(all), gold: new Set([gold]), articles });
    }
  }
  return out;
}

/** The development questions, all asked of one collection holding every development article and the seed. */
export async function devInstances(embedder: Embedder, stores: EvalStores): Promise<AnswerInstance[]> {
  const folder = devArticlesFolder();
  try {
    const { articles } = loadArticles(folder.dir);
    const passages = articles.flatMap((article) => articlePassages(article));
    const vectors = await embedder.embed(passages.map((p) => p.text));
    const collection = await stores.collection('dev-instances', articles, passages, vectors, embedder.model, embedder.dimensions);
    const questions = DEV_SETS.flatMap(loadDevSet);
    const questionVectors = await embedder.embed(questions.map((q) => normalizeQuestion(q.q)));
    const out: AnswerInstance[] = [];
    for (const [i, q] of questions.entries()) {
      const question = normalizeQuestion(q.q);
      const { passages: candidates } = await candidatesFor(collection, question, questionVectors[i]!);
      const gold = new Set(passages.filter((p) => isGoldCitation({ article: p.article, quote: p.text }, q)));
      out.push({ group: q.article, set: q.article, kind: q.kind, question, candidates, gold, dev: q });
    }
    return out;
  } finally {
    folder.remove();
  }
}

/**
 * The project's own questions, each asked of its article alone (as XQuAD's are): the near questions then meet only
 * sentences on their own subject, the hardest negatives a question gets.
 */
export async function ownInstances(embedder: Embedder, stores: EvalStores): Promise<AnswerInstance[]> {
  const asked = new Set(ownQuestionArticles());
  if (asked.size === 0) return [];
  const articles = loadArticles(OWN_ARTICLES_DIR).articles.filter((article) => asked.has(article.id));
  const passagesOf = articles.map((article) => articlePassages(article));
  const vectors = await embedder.embed(passagesOf.flat().map((p) => p.text));
  const out: AnswerInstance[] = [];
  let offset = 0;
  for (const [a, article] of articles.entries()) {
    const passages = passagesOf[a]!;
    const collection = await stores.collection(`own-${a}`, [article], passages, vectors.slice(offset, offset + passages.length), embedder.model, embedder.dimensions);
    offset += passages.length;
    const questions = loadOwnQuestions(article.id);
    const questionVectors = await embedder.embed(questions.map((q) => normalizeQuestion(q.q)));
    for (const [i, q] of questions.entries()) {
      const question = normalizeQuestion(q.q);
      const { passages: candidates } = await candidatesFor(collection, question, questionVectors[i]!);
      const gold = new Set(passages.filter((p) => isGoldCitation({ article: p.article, quote: p.text }, q)));
      out.push({ group: article.id, set: `${OWN_SET_PREFIX}${article.id}`, kind: q.kind, question, candidates, gold, dev: q });
    }
  }
  return out;
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
