import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder } from '../../src/embedding/create-embedder.js';
import { DEFAULT_MODEL, loadConfig } from '../../src/config.js';
import { taggedSpans } from '../../src/answer/answer-types.js';
import { namesAhead } from '../../src/answer/names-ahead.js';
import { readNamesFile, sentenceKey } from '../../src/answer/names-file.js';
import { NAMES_FILE } from '../../src/service/served-generation.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { createQaService } from '../../src/qa-service.js';
import type { QaService } from '../../src/types.js';
import { tempSeedArticles } from '../support/articles.js';
import { until } from '../support/until.js';
import { startTestPostgres, type TestPostgres } from '../support/postgres.js';

let embedder: Embedder;
let postgres: TestPostgres;
let embedded: QaService;
let stored: QaService;
let indexDir: string;
let articlesDir: string;

beforeAll(async () => {
  indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'footnote-index-'));
  articlesDir = tempSeedArticles();
  embedder = await createEmbedder(DEFAULT_MODEL);
  postgres = await startTestPostgres();
  embedded = await createQaService({ articlesDir, indexDir, embedder });
  stored = await createQaService({ articlesDir, indexDir, embedder, databaseUrl: postgres.url });
}, 120_000);

afterAll(async () => {
  await stored?.close();
  await embedded?.close();
  await postgres?.stop();
  await embedder?.close();
  fs.rmSync(indexDir, { recursive: true, force: true });
  fs.rmSync(articlesDir, { recursive: true, force: true });
});

const citations = (answer: Awaited<ReturnType<QaService["ask"]>>) => answer.citations.map((c) => `${c.article}:${c.id}`);

describe('the PostgreSQL store', () => {
  it('answers "Who leads the Russian delegation?" with the embedded store\'s citations', async () => {
    const question = 'Who leads the Russian delegation?';
    const [fromPostgres, fromEmbedded] = [await stored.ask(question), await embedded.ask(question)];
    expect(fromPostgres.answered).toBe(true);
    expect(citations(fromPostgres)).toEqual(citations(fromEmbedded));
    expect(JSON.stringify(citations(fromPostgres))).toContain('11.1');
  });

  it('ranks search results with the embedded store\'s scores', async () => {
    for (const question of ['Where did Zelenskyy land?', 'What did the Kremlin spokesman tell CNN?', 'sanctions']) {
      const [a, b] = [await stored.search(question, 10), await embedded.search(question, 10)];
      expect(a.map((hit) => hit.passage.id)).toEqual(b.map((hit) => hit.passage.id));
      a.forEach((hit, i) => {
        expect(hit.lexical).toBeCloseTo(b[i]!.lexical, 9);
        expect(hit.dense).toBeCloseTo(b[i]!.dense, 5);
        expect(hit.coverage).toBeCloseTo(b[i]!.coverage, 12);
      });
    }
  });

  // Questions whose answer scores depended on the IDF of WordNet relations of their words (found by `npm run eval
  // -- --store both`): the database must weigh those stems too, or the answer model finds a question less on-topic.
  it('gives the embedded store\'s answer scores where a question meets the article only through related words', async () => {
    for (const question of ["Which countries are Ukraine's allies in the article?", 'Who is the Prime Minister of Canada?', 'Recommend me a good movie']) {
      const [a, b] = [await stored.ask(question), await embedded.ask(question)];
      expect(a.answered).toBe(b.answered);
      expect(citations(a)).toEqual(citations(b));
      a.citations.forEach((citation, i) => expect(citation.score).toBeCloseTo(b.citations[i]!.score, 9));
    }
  });

  it('serves the same articles and sentences', () => {
    expect(stored.about().sentences).toBe(embedded.about().sentences);
    expect(stored.source('11.1')?.passage.text).toBe(embedded.source('11.1')?.passage.text);
  });
});

describe('the PostgreSQL store, tagging names ahead (TAG_AHEAD=1)', () => {
  it('tags the served sentences, keeps them in an index folder it makes, and forgets them on close', async () => {
    // A database-backed bot may have no index folder yet: the names file is the only thing it keeps there.
    const folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'footnote-pg-names-')), 'not-yet');
    const service = await createQaService({ config: loadConfig({ TAG_AHEAD: '1' }), articlesDir, indexDir: folder, embedder, databaseUrl: postgres.url });
    const seed = service.source('11.1')!.passage.text;
    try {
      expect(await until(() => namesAhead(seed), 10_000)).toEqual(taggedSpans(seed));
      const saved = await until(async () => (await readNamesFile(path.join(folder, NAMES_FILE)))?.has(sentenceKey(seed)) || undefined, 10_000);
      expect(saved).toBe(true);
      expect((await service.ask('Who leads the Russian delegation?')).citations[0]).toMatchObject({ id: '11.1' });
    } finally {
      await service.close();
      fs.rmSync(path.dirname(folder), { recursive: true, force: true });
    }
    expect(namesAhead(seed)).toBeUndefined();
  });
});
