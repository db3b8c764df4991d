/**
 * Opening the index (src/index/open-index.ts) with the real model and a real HNSW file on disk: the articles are
 * read once, the graph is loaded only when it can serve, and a rebuilt graph is served without being read again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEmbedder } from '../../src/embedding/create-embedder.js';
import { DEFAULT_MODEL } from '../../src/config.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { openIndex } from '../../src/index/open-index.js';
import { readManifest } from '../../src/index/store.js';
import { VectorIndex } from '../../src/index/vector-index.js';
import { createQaService } from '../../src/qa-service.js';

const TALKS = [
  '---',
  'title: Talks in Istanbul',
  'url: https://example.com/talks',
  '---',
  'Delegations met in Istanbul on Friday. The Russian delegation is led by Vladimir Medinsky.',
  '',
  'The talks lasted two hours. Both sides agreed to exchange prisoners.',
  '',
  'No ceasefire was agreed.',
].join('\n');
const GRAIN = 'Ships carried grain from Odesa.\n\nThe corridor reopened in July. It closed again in August.';

let embedder: Embedder;
let root: string;
let articlesDir: string;
let indexDir: string;

beforeAll(async () => {
  embedder = await createEmbedder(DEFAULT_MODEL);
});
afterAll(async () => {
  await embedder.close();
});
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'footnote-open-'));
  articlesDir = path.join(root, 'articles');
  indexDir = path.join(root, 'index');
  fs.mkdirSync(articlesDir);
  fs.writeFileSync(path.join(articlesDir, 'talks.md'), TALKS);
  return () => fs.rmSync(root, { recursive: true, force: true });
});
afterEach(() => vi.restoreAllMocks());

/** Counts, without changing them, the article files read and the HNSW graphs loaded while `open` runs. */
async function counting<T>(open: () => Promise<T>): Promise<{ result: T; articleReads: number; graphReads: string[] }> {
  const readFile = vi.spyOn(fs, 'readFileSync');
  // A graph is loaded on the main thread (`read`) or on the thread pool (`readAsync`, while the articles load).
  const readGraph = vi.spyOn(VectorIndex, 'read');
  const readGraphAsync = vi.spyOn(VectorIndex, 'readAsync');
  const result = await open();
  const articleReads = readFile.mock.calls.filter(([file]) => String(file).startsWith(articlesDir)).length;
  const graphReads = [...readGraph.mock.calls, ...readGraphAsync.mock.calls].map(([file]) => path.basename(String(file)));
  vi.restoreAllMocks();
  return { result, articleReads, graphReads };
}

const open = () => openIndex({ articlesDir, indexDir, embedder });

describe('openIndex', () => {
  it('builds a missing index reading each article once and the new graph once (the write check), then serves it', async () => {
    const { result, articleReads, graphReads } = await counting(open);
    expect(result).toMatchObject({ status: 'built', reason: 'there is no index yet', embedded: 5, reused: 0 });
    expect(articleReads).toBe(1);
    expect(graphReads).toEqual([readManifest(indexDir).files.hnsw.name]);
    expect(result.vectors.size).toBe(5);
    const [query] = await embedder.embed(['Who leads the Russian delegation?']);
    expect(result.vectors.search(query!, 1)[0]!.label).toBe(1);
  });

  it('serves a fresh index as it is: one article read, one graph load, nothing embedded', async () => {
    await open();
    const { result, articleReads, graphReads } = await counting(open);
    expect(result).toMatchObject({ status: 'up-to-date', embedded: 0, reused: 5 });
    expect(result.reason).toBeUndefined();
    expect(articleReads).toBe(1);
    expect(graphReads).toEqual([readManifest(indexDir).files.hnsw.name]);
  });

  it('on a changed article never loads the stale graph: only the rebuilt one, reusing unchanged vectors', async () => {
    const before = (await open()).manifest.files.hnsw.name;
    fs.writeFileSync(path.join(articlesDir, 'grain.md'), GRAIN);
    const notices: string[] = [];
    const { result, graphReads } = await counting(() => openIndex({ articlesDir, indexDir, embedder, onNotice: (m) => notices.push(m) }));
    expect(notices).toEqual(['Rebuilding the index: the articles changed since it was built']);
    expect(result).toMatchObject({ status: 'updated', embedded: 3, reused: 5 });
    expect(result.articles.map((a) => a.id)).toEqual(['grain', 'talks']);
    expect(graphReads).not.toContain(before);
    expect(graphReads).toEqual([result.manifest.files.hnsw.name]);
  });

  it('on an article edited in place neither loads the stale graph early nor serves it', async () => {
    const before = (await open()).manifest.files.hnsw.name;
    const file = path.join(articlesDir, 'talks.md');
    fs.writeFileSync(file, TALKS.replace('two hours', 'three hours'));
    const later = new Date(Date.now() + 10_000); // clearly after the manifest, whatever the filesystem clock's tick
    fs.utimesSync(file, later, later);
    const { result, graphReads } = await counting(open);
    expect(result).toMatchObject({ status: 'updated', embedded: 5, reused: 0 });
    expect(graphReads).toEqual([result.manifest.files.hnsw.name]);
    expect(graphReads).not.toContain(before);
  });

  it('in ingest mode reports skipped files instead of announcing them, and builds an empty folder into an empty index', async () => {
    fs.writeFileSync(path.join(articlesDir, 'empty.txt'), '');
    const notices: string[] = [];
    const result = await openIndex({ articlesDir, indexDir, embedder, mode: 'ingest', onNotice: (m) => notices.push(m) });
    expect(notices).toEqual([]);
    expect(result.problems).toEqual([{ file: 'empty.txt', reason: 'empty file; skipped' }]);
    const emptied = path.join(root, 'emptied');
    fs.mkdirSync(emptied);
    const empty = await openIndex({ articlesDir: emptied, indexDir, embedder, mode: 'ingest' });
    expect(empty).toMatchObject({ status: 'updated', articles: [] });
    expect(empty.manifest.count).toBe(0);
    await expect(openIndex({ articlesDir: emptied, indexDir, embedder })).rejects.toThrow(/No articles found in .*emptied/);
  });
});

describe('QaService.article', () => {
  it('returns every sentence of an article by paragraph, with offsets that slice the paragraph to the cited text', async () => {
    fs.writeFileSync(path.join(articlesDir, 'grain.md'), GRAIN);
    const service = await createQaService({ articlesDir, indexDir, embedder });
    try {
      const view = service.article('talks')!;
      expect(view).toMatchObject({ id: 'talks', title: 'Talks in Istanbul', url: 'https://example.com/talks' });
      expect(view.paragraphs.map((p) => [p.n, p.sentences.map((s) => s.id)])).toEqual([
        [1, ['1.1', '1.2']],
        [2, ['2.1', '2.2']],
        [3, ['3.1']],
      ]);
      for (const paragraph of view.paragraphs) {
        for (const sentence of paragraph.sentences) {
          const source = service.source(sentence.ref)!;
          expect(sentence.ref).toBe(`talks:${sentence.id}`);
          expect(paragraph.text).toBe(source.paragraph);
          expect(paragraph.text.slice(sentence.start, sentence.end)).toBe(source.passage.text);
        }
      }
      expect(service.article('grain')!.paragraphs.flatMap((p) => p.sentences.map((s) => s.id))).toEqual(['1.1', '2.1', '2.2']);
      expect(service.article('nope')).toBeUndefined();
    } finally {
      await service.close();
    }
  });
});
