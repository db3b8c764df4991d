import { loadConfig } from '../config.js';
import { createEmbedder } from '../embedding/create-embedder.js';
import { isFootnoteError, isUserError } from '../errors.js';
import { ingestArticles } from '../index/ingest.js';
import { openPostgresCollection } from '../index/postgres/open-collection.js';
import { addArticle } from './add-article.js';
import { createProgress } from './progress.js';

/** A running bot rebuilding for the same new file holds the lock for a moment; wait for it rather than fail. */
const LOCK_WAIT_MS = 30_000;

export async function runIngest(source?: string): Promise<number> {
  const config = loadConfig();
  if (source) {
    try {
      const added = await addArticle(config, source);
      console.log(added.existed ? `“${added.title}” is already in the articles as ${added.file}.` : `Added “${added.title}” as ${added.file}.`);
    } catch (error) {
      if (!isUserError(error)) throw error;
      console.error(error.detail);
      return 1;
    }
  }
  const embedder = await createEmbedder(config.model, { modelsDir: config.modelsDir, bulkThreads: config.embedThreads });
  const progress = createProgress('Embedding sentences');
  const started = performance.now();
  try {
    if (config.databaseUrl) {
      const opened = await openPostgresCollection({ databaseUrl: config.databaseUrl, articlesDir: config.articlesDir, embedder, onProgress: progress.update });
      progress.stop();
      await opened.store.close();
      for (const problem of opened.problems) console.error(`warning: ${problem.file}: ${problem.reason}`);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `Database generation ${opened.generation} ${opened.status} in ${seconds} s: ${opened.articles.length} article(s), ${opened.passages.length} sentences; ` +
          `${opened.embedded} embedded, ${opened.reused} reused. Model ${opened.built.model}.`,
      );
      return opened.articles.length === 0 ? 1 : 0;
    }
    const report = await ingestWaitingForLock({ articlesDir: config.articlesDir, indexDir: config.indexDir, embedder, onProgress: progress.update });
    progress.stop();
    for (const problem of report.problems) console.error(`warning: ${problem.file}: ${problem.reason}`);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (report.status === 'up-to-date') {
      console.log(`Index is up to date: ${report.articles} article(s), ${report.passages} sentences (${report.manifest.model}).`);
    } else {
      console.log(
        `Index ${report.status} in ${seconds} s (${report.reason}): ${report.articles} article(s), ${report.passages} sentences; ` +
          `${report.embedded} embedded, ${report.reused} reused. Model ${report.manifest.model}, written to ${config.indexDir}.`,
      );
    }
    return report.articles === 0 ? 1 : 0;
  } finally {
    progress.stop();
    await embedder.close();
  }
}

async function ingestWaitingForLock(options: Parameters<typeof ingestArticles>[0]) {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      return await ingestArticles(options);
    } catch (error) {
      if (!isFootnoteError(error, 'INDEX_LOCKED') || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
