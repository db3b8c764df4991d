import { calibrationFor } from './answer/calibration.js';
import { combinedModelId, type SecondOpinion } from './answer/second-opinion.js';
import type { Calibration } from './answer/abstain.js';
import { createClaimChecker, type ClaimChecker } from './claims/check-claims.js';
import { composeAnswer } from './answer/compose.js';
import { asksForGist, gistAnswer } from './answer/gist.js';
import { articleContext } from './answer/article-context.js';
import { weighedStems } from './answer/features.js';
import { rescorePassages, RESCORE_CANDIDATES } from './answer/rescore.js';
import { candidatesWithSpelling } from './retrieval/spelling.js';
import { defaultConfig, type Config } from './config.js';
import { createEmbedder } from './embedding/create-embedder.js';
import { warmUpSoon } from './warm-up.js';
import type { Embedder } from './embedding/embedder.js';
import { normalizeQuestion } from './retrieval/clean-question.js';
import { validateQuestion } from './question.js';
import { LiveGeneration } from './service/live-generation.js';
import { visibleArticles } from './service/scope.js';
import { openSecondOpinion } from './service/open-second-opinion.js';
import { nextGeneration, openGeneration, type GenerationSource, type ServedGeneration } from './service/served-generation.js';
import { watchArticles } from './service/watch-articles.js';
import type { ArticleScope, QaService } from './types.js';

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
  /** A second encoder re-ranking the candidates; otherwise opened from `config.rerankModel` when set (null: none). */
  secondOpinion?: SecondOpinion | null;
  /** Watch the articles folder and swap in a new generation when it changes (the bot and the playground do). */
  watch?: boolean;
}

/** Opens (building or refreshing when needed) the index and returns the API both the CLI and the bot call. */
export async function createQaService(options: QaServiceOptions = {}): Promise<QaService> {
  const base = options.config ?? defaultConfig();
  const { articlesDir = base.articlesDir, indexDir = base.indexDir, model = base.model } = options;
  const embedder = options.embedder ?? (await createEmbedder(model, { modelsDir: base.modelsDir, bulkThreads: base.embedThreads }));
  const { calibration, notice: calibrationNotice } = calibrationFor(embedder.model);
  if (calibrationNotice) options.onNotice?.(calibrationNotice);
  const ownSecond = options.secondOpinion === undefined && base.rerankModel !== undefined;
  const second = ownSecond
    ? await openSecondOpinion(base.rerankModel!, embedder.model, base.modelsDir, options.onNotice)
    : (options.secondOpinion ?? undefined);
  // Answers weigh the second encoder's features by the model fitted with them; claims keep the main model's.
  const judging: Judging = {
    answer: second ? calibrationFor(combinedModelId(embedder.model, second.model)).calibration : calibration,
    claims: calibration,
    second,
  };
  const databaseUrl = options.databaseUrl ?? base.databaseUrl;
  // Whoever asked for a reload sees its embedding progress (an /article add shows it in Discord).
  const progress = new Set<(done: number, total: number) => void>();
  const onProgress = (done: number, total: number) => {
    options.onProgress?.(done, total);
    for (const listener of progress) listener(done, total);
  };
  const source: GenerationSource = { articlesDir, indexDir, embedder, onProgress, tagAhead: base.tagAhead, ...(databaseUrl ? { databaseUrl, guild: options.guild } : {}) };
  const live = new LiveGeneration<ServedGeneration>({
    initial: await openGeneration(source, options.onNotice),
    next: (current) => nextGeneration(source, current),
    onNotice: options.onNotice,
  });
  const stopWatching = options.watch ? watchArticles(articlesDir, () => void live.reload()) : () => {};
  const cancelWarmUp = warmUpSoon();
  const service = serveLive(live, embedder, judging, async () => {
    cancelWarmUp();
    stopWatching();
    await live.close();
    if (ownSecond) await second?.close();
    if (!options.embedder) await embedder.close();
  });
  return {
    ...service,
    async reload(reloadOptions) {
      const listener = reloadOptions?.onProgress;
      if (listener) progress.add(listener);
      try {
        return await live.reload();
      } finally {
        if (listener) progress.delete(listener);
      }
    },
  };
}

/** The answer models a service weighs its evidence with. */
interface Judging {
  answer: Calibration;
  claims: Calibration;
  second?: SecondOpinion;
}

/** The API over whichever generation is current when each call starts. */
function serveLive(live: LiveGeneration<ServedGeneration>, embedder: Embedder, judging: Judging, close: () => Promise<void>): QaService {
  const visibleIds = (generation: ServedGeneration, scope?: ArticleScope) => new Set(visibleArticles(generation.lookup.articles, scope).map((a) => a.id));
  const scoped = (generation: ServedGeneration, scope?: ArticleScope) => generation.storeFor(visibleIds(generation, scope));

  /** Retrieval's candidates within the scope, with the store they came from and how many articles it holds. */
  async function rank(generation: ServedGeneration, text: string, limit: number, scope?: ArticleScope) {
    const question = normalizeQuestion(validateQuestion(text));
    const ids = visibleIds(generation, scope);
    const target = generation.storeFor(ids);
    // A scope with no articles (all it named were removed) has nothing to find; no need to embed.
    if (target.passages.length === 0) return { question, target, articles: ids.size, passages: [], lexical: { idf: () => 0 } };
    const [vector] = await embedder.embed([question]);
    // The question as the answer model reads it: misspellings put right where the candidates spell them.
    return { target, articles: ids.size, ...(await candidatesWithSpelling(target.store, question, vector!, limit, { weigh: weighedStems })) };
  }

  function claimsFor(generation: ServedGeneration, scope?: ArticleScope): ClaimChecker {
    const target = scoped(generation, scope);
    let checker = generation.claims.get(target);
    if (!checker) {
      const search = async (text: string, limit: number) => (await rank(generation, text, limit, scope)).passages;
      checker = createClaimChecker({ passages: [...target.passages], calibration: judging.claims, search });
      generation.claims.set(target, checker);
    }
    return checker;
  }

  return {
    ask: (text, scope) =>
      live.use(async (generation) => {
        if (asksForGist(normalizeQuestion(validateQuestion(text)))) {
          const gist = gistAnswer(text.trim(), scoped(generation, scope).passages);
          if (gist) return gist;
        }
        const { question, passages: candidates, lexical, target, articles } = await rank(generation, text, RESCORE_CANDIDATES, scope);
        const extra = await judging.second?.features(question, candidates);
        const ranked = rescorePassages(question, candidates, { lexical, passages: target.passages }, judging.answer, extra);
        return composeAnswer(text.trim(), ranked, judging.answer, articleContext(target.passages), articles);
      }),
    search: (query, limit = DEFAULT_SEARCH_LIMIT, scope) =>
      live.use(async (generation) => (await rank(generation, query, Math.max(1, Math.min(limit, 25)), scope)).passages),
    source: (ref, scope) => live.current().lookup.source(ref, scope),
    matches: (ref, scope) => live.current().lookup.matches(ref, scope),
    article: (id, scope) => live.current().lookup.article(id, scope),
    suggest: (prefix, limit = 25, scope) => live.current().lookup.suggest(prefix, limit, scope),
    about: (scope) => live.current().lookup.about(live.current().built, scope),
    check: (text, scope) => live.use((generation) => claimsFor(generation, scope).check(text)),
    reload: () => live.reload(),
    onReload: (listener) => live.onReload(listener),
    close,
  };
}
