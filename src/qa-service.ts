import { calibrationFor } from './answer/calibration.js';
import { createClaimChecker } from './claims/check-claims.js';
import { composeAnswer } from './answer/compose.js';
import { rescorePassages, RESCORE_CANDIDATES } from './answer/rescore.js';
import { cleanRef, passageRef } from './article/ref.js';
import { defaultConfig, type Config } from './config.js';
import { createEmbedder } from './embedding/create-embedder.js';
import type { Embedder } from './embedding/embedder.js';
import { FootnoteError } from './errors.js';
import { openIndex, type OpenedIndex } from './index/open-index.js';
import { createEmbeddedStore, type ServedCollection } from './index/passage-store.js';
import { openPostgresCollection } from './index/postgres/open-collection.js';
import { corpusFromIndex } from './retrieval/corpus.js';
import { normalizeQuestion } from './retrieval/clean-question.js';
import { validateQuestion } from './question.js';
import type { Calibration } from './answer/abstain.js';
import type { AboutInfo, Article, ArticleView, Passage, QaService, SourceView } from './types.js';

export { MAX_QUESTION_LENGTH, validateQuestion } from './question.js';
export const DEFAULT_SEARCH_LIMIT = 5;

export interface QaServiceOptions {
  /** The settings to open with, as `loadConfig()` reads them; without it, the built-in defaults. */
  config?: Config;
  /** Overrides of `config`. */
  articlesDir?: string;
  indexDir?: string;
  model?: string;
  /** An embedder already loaded (tests share one); otherwise created from the model setting. */
  embedder?: Embedder;
  /** Human-readable notices: index rebuilt and why, files skipped. */
  onNotice?: (message: string) => void;
  onProgress?: (done: number, total: number) => void;
  /** A PostgreSQL + pgvector store to serve from instead of the embedded index (`DATABASE_URL`). */
  databaseUrl?: string;
  /** The server whose article set a PostgreSQL store serves; the shared set when omitted. */
  guild?: string;
}

/** Opens (building or refreshing when needed) the index and returns the API both the CLI and the bot call. */
export async function createQaService(options: QaServiceOptions = {}): Promise<QaService> {
  const base = options.config ?? defaultConfig();
  const { articlesDir = base.articlesDir, indexDir = base.indexDir, model = base.model } = options;
  const embedder = options.embedder ?? (await createEmbedder(model, { modelsDir: base.modelsDir }));
  const { calibration, notice: calibrationNotice } = calibrationFor(embedder.model);
  if (calibrationNotice) options.onNotice?.(calibrationNotice);
  const closeEmbedder = options.embedder ? async () => {} : () => embedder.close();
  const databaseUrl = options.databaseUrl ?? base.databaseUrl;
  if (databaseUrl) {
    const collection = await openPostgresCollection({ databaseUrl, articlesDir, embedder, guild: options.guild, onNotice: options.onNotice, onProgress: options.onProgress });
    return serveCollection(collection, embedder, calibration, closeEmbedder);
  }
  const opened = await openIndex({ articlesDir, indexDir, embedder, onNotice: options.onNotice, onProgress: options.onProgress });
  return serveCollection(embeddedCollection(opened), embedder, calibration, closeEmbedder);
}

function embeddedCollection(opened: OpenedIndex): ServedCollection {
  const passages = passagesFromManifest(opened);
  const { model, dimensions, builtAt } = opened.manifest;
  return { articles: opened.articles, passages, built: { model, dimensions, builtAt }, store: createEmbeddedStore(corpusFromIndex(passages, opened.vectors, opened.lexical)) };
}

/** The service over an opened collection; `close` releases what the service itself loaded. */
function serveCollection(collection: ServedCollection, embedder: Embedder, calibration: Calibration, closeEmbedder: () => Promise<void>): QaService {
  const { articles, passages, built, store } = collection;
  const byRef = new Map(passages.map((passage) => [passageRef(passage), passage]));
  const articleById = new Map(articles.map((article) => [article.id, article]));
  const paragraphs = paragraphsByArticle(articles, passages);
  const defaultArticle = articles[0]?.id;
  const claims = createClaimChecker({ passages, calibration, search: async (text, limit) => (await rank(text, limit)).passages });

  async function rank(text: string, limit: number) {
    const question = normalizeQuestion(validateQuestion(text));
    const [vector] = await embedder.embed([question]);
    return { question, ...(await store.candidates(question, vector!, limit)) };
  }

  return {
    async ask(text) {
      const { question, passages: candidates, lexical } = await rank(text, RESCORE_CANDIDATES);
      return composeAnswer(text.trim(), rescorePassages(question, candidates, { lexical, passages }, calibration), calibration);
    },
    async search(query, limit = DEFAULT_SEARCH_LIMIT) {
      return (await rank(query, Math.max(1, Math.min(limit, 25)))).passages;
    },
    source(ref) {
      const cleaned = cleanRef(ref);
      // `6.2` means the first article's 6.2; `article:6.2` names the article.
      const passage = byRef.get(cleaned) ?? (defaultArticle ? byRef.get(passageRef({ article: defaultArticle, id: cleaned })) : undefined);
      if (!passage) return undefined;
      return sourceView(passage, articleById.get(passage.article)!, paragraphs.get(passage.article)!.get(passage.paragraph)!);
    },
    article(id) {
      const article = articleById.get(id);
      return article && articleView(article, paragraphs.get(id)!);
    },
    suggest(prefix, limit = 25) {
      const needle = prefix.trim().toLowerCase();
      const multi = articles.length > 1;
      return passages
        .filter((p) => !needle || p.id.startsWith(needle) || passageRef(p).startsWith(needle) || p.text.toLowerCase().includes(needle))
        .slice(0, limit)
        .map((p) => ({ ref: multi ? passageRef(p) : p.id, label: `${p.id} — ${p.text}` }));
    },
    about(): AboutInfo {
      return {
        articles: articles.map((a) => ({
          id: a.id,
          ...(a.title ? { title: a.title } : {}),
          ...(a.url ? { url: a.url } : {}),
          sentences: [...paragraphs.get(a.id)!.values()].reduce((sum, sentences) => sum + sentences.length, 0),
        })),
        sentences: passages.length,
        ...built,
      };
    },
    check: (text) => claims.check(text),
    async close() {
      await store.close();
      await closeEmbedder();
    },
  };
}


/** The passages the manifest lists, in label order, with their text sliced from the article as loaded. */
function passagesFromManifest({ manifest, articles }: OpenedIndex): Passage[] {
  const byId = new Map(articles.map((article) => [article.id, article]));
  return manifest.articles.flatMap((entry) => {
    const article = byId.get(entry.id)!;
    return entry.passages.map(({ id, start, end }) => {
      const [paragraph, sentence] = id.split('.').map(Number);
      return { article: entry.id, id, paragraph: paragraph!, sentence: sentence!, text: article.text.slice(start, end), start, end };
    });
  });
}

/** article id → paragraph number → its sentences in order (an article without sentences has no paragraphs). */
function paragraphsByArticle(articles: Article[], passages: Passage[]): Map<string, Map<number, Passage[]>> {
  const byArticle = new Map(articles.map((article) => [article.id, new Map<number, Passage[]>()]));
  for (const passage of passages) {
    const paragraphs = byArticle.get(passage.article)!;
    let sentences = paragraphs.get(passage.paragraph);
    if (!sentences) paragraphs.set(passage.paragraph, (sentences = []));
    sentences.push(passage);
  }
  return byArticle;
}

function sourceView(passage: Passage, article: Article, siblings: Passage[]): SourceView {
  const paragraphStart = siblings[0]!.start;
  return {
    passage,
    paragraph: article.text.slice(paragraphStart, siblings.at(-1)!.end),
    start: passage.start - paragraphStart,
    end: passage.end - paragraphStart,
    ...(article.title ? { title: article.title } : {}),
    ...(article.url ? { url: article.url } : {}),
  };
}

function articleView(article: Article, paragraphs: Map<number, Passage[]>): ArticleView {
  return {
    id: article.id,
    ...(article.title ? { title: article.title } : {}),
    ...(article.url ? { url: article.url } : {}),
    paragraphs: [...paragraphs].map(([n, sentences]) => {
      const paragraphStart = sentences[0]!.start;
      return {
        n,
        text: article.text.slice(paragraphStart, sentences.at(-1)!.end),
        sentences: sentences.map((p) => ({ id: p.id, ref: passageRef(p), start: p.start - paragraphStart, end: p.end - paragraphStart })),
      };
    }),
  };
}
