import { loadArticles } from './article/load.js';
import { loadConfig, type Config } from './config.js';
import { calibrationFor } from './answer/calibration.js';
import { composeAnswer } from './answer/compose.js';
import { rescorePassages, RESCORE_CANDIDATES } from './answer/rescore.js';
import { createEmbedder } from './embedding/create-embedder.js';
import type { Embedder } from './embedding/embedder.js';
import { FootnoteError, isFootnoteError } from './errors.js';
import { DEFAULT_EMBEDDING_TEXT } from './index/embedding-text.js';
import { ingestArticles, staleReason } from './index/ingest.js';
import { readIndex, type StoredIndex } from './index/store.js';
import { corpusFromIndex } from './retrieval/corpus.js';
import { cleanQuestion, normalizeQuestion } from './retrieval/clean-question.js';
import { retrievePassages } from './retrieval/retrieve.js';
import type { AboutInfo, Article, Passage, QaService, SourceView } from './types.js';

export const MAX_QUESTION_LENGTH = 1000;
export const DEFAULT_SEARCH_LIMIT = 5;

export interface QaServiceOptions {
  articlesDir?: string;
  indexDir?: string;
  model?: string;
  /** An embedder already loaded (tests share one); otherwise created from `model`. */
  embedder?: Embedder;
  /** Human-readable notices: index rebuilt and why, files skipped. */
  onNotice?: (message: string) => void;
  onProgress?: (done: number, total: number) => void;
}

/** Opens (building or refreshing when needed) the index and returns the API both the CLI and the bot call. */
export async function createQaService(options: QaServiceOptions = {}): Promise<QaService> {
  const base = loadConfig();
  const config: Config = {
    ...base,
    articlesDir: options.articlesDir ?? base.articlesDir,
    indexDir: options.indexDir ?? base.indexDir,
    model: options.model ?? base.model,
  };
  const embedder = options.embedder ?? (await createEmbedder(config.model, { modelsDir: config.modelsDir }));
  const notice = options.onNotice ?? (() => {});
  const { calibration, notice: calibrationNotice } = calibrationFor(embedder.model);
  if (calibrationNotice) notice(calibrationNotice);
  const { stored, articles } = await openFreshIndex(config, embedder, notice, options.onProgress);
  const passages = passagesFromManifest(stored, articles);
  const corpus = corpusFromIndex(passages, stored.vectors);
  const byRef = new Map(passages.map((passage) => [`${passage.article}:${passage.id}`, passage]));
  const articleById = new Map(articles.map((article) => [article.id, article]));
  const defaultArticle = articles[0]?.id;

  async function rank(text: string, limit: number) {
    const question = normalizeQuestion(validateQuestion(text));
    const [vector] = await embedder.embed([question]);
    return { question, candidates: retrievePassages(corpus, question, vector!, { limit }) };
  }

  return {
    async ask(text) {
      const { question, candidates } = await rank(text, RESCORE_CANDIDATES);
      return composeAnswer(text.trim(), rescorePassages(question, candidates, corpus.lexical, calibration), calibration);
    },
    async search(query, limit = DEFAULT_SEARCH_LIMIT) {
      return (await rank(query, Math.max(1, Math.min(limit, 25)))).candidates;
    },
    source(ref) {
      const passage = resolveRef(ref, byRef, defaultArticle);
      if (!passage) return undefined;
      return sourceView(passage, articleById.get(passage.article)!, passages);
    },
    suggest(prefix, limit = 25) {
      const needle = prefix.trim().toLowerCase();
      const multi = articles.length > 1;
      return passages
        .filter((p) => !needle || p.id.startsWith(needle) || `${p.article}:${p.id}`.startsWith(needle) || p.text.toLowerCase().includes(needle))
        .slice(0, limit)
        .map((p) => ({ ref: multi ? `${p.article}:${p.id}` : p.id, label: `${p.id} — ${p.text}` }));
    },
    about(): AboutInfo {
      return {
        articles: articles.map((a) => ({
          id: a.id,
          ...(a.title ? { title: a.title } : {}),
          ...(a.url ? { url: a.url } : {}),
          sentences: passages.filter((p) => p.article === a.id).length,
        })),
        sentences: passages.length,
        model: stored.manifest.model,
        dimensions: stored.manifest.dimensions,
        builtAt: stored.manifest.builtAt,
      };
    },
    async close() {
      if (!options.embedder) await embedder.close();
    },
  };
}

/** Rejects what cannot be a question; returns the text to retrieve with. */
export function validateQuestion(text: string): string {
  const question = cleanQuestion(text);
  if (question === '') throw new FootnoteError('EMPTY_QUESTION');
  if (question.length > MAX_QUESTION_LENGTH) throw new FootnoteError('QUESTION_TOO_LONG', { max: MAX_QUESTION_LENGTH });
  return question;
}

async function openFreshIndex(
  config: Config,
  embedder: Embedder,
  notice: (message: string) => void,
  onProgress?: (done: number, total: number) => void,
): Promise<{ stored: StoredIndex; articles: Article[] }> {
  const { articles, problems } = loadArticles(config.articlesDir);
  for (const problem of problems) notice(`${problem.file}: ${problem.reason}`);
  if (articles.length === 0) throw new FootnoteError('NO_ARTICLES', { dir: config.articlesDir });
  let reason: string | undefined;
  let previous: StoredIndex | undefined;
  try {
    previous = readIndex(config.indexDir);
    reason = staleReason(previous.manifest, articles, embedder.model, DEFAULT_EMBEDDING_TEXT);
    if (!reason) return { stored: previous, articles };
  } catch (error) {
    if (!isFootnoteError(error, 'INDEX_MISSING') && !isFootnoteError(error, 'INDEX_CORRUPT')) throw error;
    reason = error.detail;
  }
  notice(`Rebuilding the index: ${reason}`);
  try {
    await ingestArticles({ articlesDir: config.articlesDir, indexDir: config.indexDir, embedder, onProgress });
    return { stored: readIndex(config.indexDir), articles };
  } catch (error) {
    // The rebuild could not be written (disk full) or another ingest holds the lock: keep serving the previous index
    // when it is still true to the files, i.e. every article it covers is unchanged (only new articles are missing).
    const covered = previous && servableArticles(previous, articles, embedder.model);
    if (!covered || !(isFootnoteError(error, 'INDEX_WRITE_FAILED') || isFootnoteError(error, 'INDEX_LOCKED'))) throw error;
    notice(`${error.detail} Serving the previous index (${covered.length} of ${articles.length} article(s)).`);
    return { stored: previous!, articles: covered };
  }
}

/** The articles of a stale index, when each is still on disk unchanged and the model matches; otherwise undefined. */
function servableArticles(stored: StoredIndex, articles: Article[], model: string): Article[] | undefined {
  if (stored.manifest.model !== model || stored.manifest.embeddingText !== DEFAULT_EMBEDDING_TEXT) return undefined;
  const byFile = new Map(articles.map((article) => [article.file, article]));
  const covered = stored.manifest.articles.map((entry) => byFile.get(entry.file));
  return covered.length > 0 && covered.every((article, i) => article && article.hash === stored.manifest.articles[i]!.hash && article.id === stored.manifest.articles[i]!.id)
    ? (covered as Article[])
    : undefined;
}

function passagesFromManifest(stored: StoredIndex, articles: Article[]): Passage[] {
  const byId = new Map(articles.map((article) => [article.id, article]));
  return stored.manifest.articles.flatMap((entry) => {
    const article = byId.get(entry.id)!;
    return entry.passages.map(({ id, start, end }) => {
      const [paragraph, sentence] = id.split('.').map(Number);
      return { article: entry.id, id, paragraph: paragraph!, sentence: sentence!, text: article.text.slice(start, end), start, end };
    });
  });
}

/** `6.2` means the first article's 6.2; `article:6.2` names the article. Brackets and spaces are forgiven. */
function resolveRef(ref: string, byRef: Map<string, Passage>, defaultArticle: string | undefined): Passage | undefined {
  const cleaned = ref.trim().replace(/^\[|\]$/g, '').replace(/\s+/g, '');
  if (byRef.has(cleaned)) return byRef.get(cleaned);
  return defaultArticle ? byRef.get(`${defaultArticle}:${cleaned}`) : undefined;
}

function sourceView(passage: Passage, article: Article, passages: Passage[]): SourceView {
  const siblings = passages.filter((p) => p.article === passage.article && p.paragraph === passage.paragraph);
  const paragraphStart = siblings[0]!.start;
  const paragraphEnd = siblings.at(-1)!.end;
  return {
    passage,
    paragraph: article.text.slice(paragraphStart, paragraphEnd),
    start: passage.start - paragraphStart,
    end: passage.end - paragraphStart,
    ...(article.title ? { title: article.title } : {}),
    ...(article.url ? { url: article.url } : {}),
  };
}
