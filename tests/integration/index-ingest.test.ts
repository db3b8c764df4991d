import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEmbedder } from '../../src/embedding/create-embedder.js';
import { DEFAULT_MODEL } from '../../src/config.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { ingestArticles } from '../../src/index/ingest.js';
import { MANIFEST_FILE, readIndex, readManifest, readStoredVectors } from '../../src/index/store.js';
import { createQaService } from '../../src/qa-service.js';
import { copySeedArticle } from '../support/articles.js';

const EXTRA = '---\ntitle: Grain corridor\nurl: https://example.com/grain\n---\nShips carried grain from Odesa.\n\nThe corridor reopened in July.';

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
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'footnote-ingest-'));
  articlesDir = path.join(root, 'articles');
  indexDir = path.join(root, 'index');
  copySeedArticle(articlesDir, 'seed.txt');
  return () => fs.rmSync(root, { recursive: true, force: true });
});

const ingest = () => ingestArticles({ articlesDir, indexDir, embedder });

describe('ingestArticles', () => {
  it('builds an index on disk whose manifest records model, dimensions, hashes and citation ids', async () => {
    const report = await ingest();
    expect(report).toMatchObject({ status: 'built', articles: 1, passages: 17, embedded: 17, reused: 0 });
    const manifest = readManifest(indexDir);
    expect(manifest).toMatchObject({ model: embedder.model, dimensions: 512, count: 17 });
    expect(manifest.articles[0]!.passages.map((p) => p.id).slice(0, 7)).toEqual(['1.1', '2.1', '3.1', '4.1', '5.1', '6.1', '6.2']);
    expect(readIndex(indexDir).vectors.size).toBe(17);
  });

  it('round-trips: a second run finds the index up to date and embeds nothing', async () => {
    await ingest();
    const again = await ingest();
    expect(again).toMatchObject({ status: 'up-to-date', embedded: 0, reused: 17 });
  });

  it('re-embeds only the article that was added or changed', async () => {
    await ingest();
    fs.writeFileSync(path.join(articlesDir, 'grain.md'), EXTRA);
    expect(await ingest()).toMatchObject({ status: 'updated', reason: 'the articles changed since it was built', embedded: 2, reused: 17 });
    // A name sorting before the seed: its fresh vectors take labels ahead of the seed's reused ones.
    fs.writeFileSync(path.join(articlesDir, 'alpha.md'), `${EXTRA}\n\nIt closed again in August.`);
    expect(await ingest()).toMatchObject({ status: 'updated', embedded: 3, reused: 19 });
    // The graph was filled on its own thread, stored vectors first, fresh ones as they came: every label still holds
    // its own passage's vector.
    const { manifest, vectors } = readIndex(indexDir);
    const flat = readStoredVectors(indexDir, manifest);
    expect(vectors.size).toBe(22);
    for (let label = 0; label < 22; label++) {
      const stored = flat.subarray(label * 512, (label + 1) * 512);
      const point = vectors.point(label);
      expect(point.reduce((sum, x, i) => sum + x * stored[i]!, 0)).toBeCloseTo(1, 5);
    }
  });

  it('leaves only the current generation of data files behind', async () => {
    await ingest();
    fs.writeFileSync(path.join(articlesDir, 'grain.md'), EXTRA);
    const { files } = (await ingest()).manifest;
    const current = [files.hnsw.name, files.lexical!.name, files.vectors.name, MANIFEST_FILE].sort();
    expect(fs.readdirSync(indexDir).filter((f) => !f.startsWith('.')).sort()).toEqual(current);
  });
});

describe('a stale or corrupt index', () => {
  const notices: string[] = [];
  const open = () => createQaService({ articlesDir, indexDir, embedder, onNotice: (m) => notices.push(m) });
  beforeEach(() => {
    notices.length = 0;
  });

  it('is built when missing, with a message saying so', async () => {
    const service = await open();
    expect(notices).toEqual([`Rebuilding the index: No index in ${indexDir}; run \`npm run ingest\`.`]);
    expect((await service.ask('Where did Zelenskyy land?')).citations[0]!.id).toBe('10.1');
  });

  it('is refreshed when an article changed, and then answers from the new text', async () => {
    await ingest();
    fs.writeFileSync(path.join(articlesDir, 'grain.md'), EXTRA);
    const service = await open();
    expect(notices).toEqual(['Rebuilding the index: the articles changed since it was built']);
    const answer = await service.ask('When did the grain corridor reopen?');
    expect(answer.citations[0]).toMatchObject({ article: 'grain', id: '2.1', quote: 'The corridor reopened in July.' });
    expect(service.source('grain:1.1')).toMatchObject({ title: 'Grain corridor', url: 'https://example.com/grain' });
  });

  it('is rebuilt when the HNSW file is truncated', async () => {
    const { manifest } = await ingest();
    const hnsw = path.join(indexDir, manifest.files.hnsw.name);
    fs.truncateSync(hnsw, 100);
    expect(() => readIndex(indexDir)).toThrow(/unreadable \(hnsw-.* has 100 bytes, expected \d+\)/);
    await open();
    expect(notices[0]).toMatch(/^Rebuilding the index: The index in .* is unreadable/);
    expect(readIndex(indexDir).vectors.size).toBe(17);
  });

  it('is rebuilt when the manifest is garbage or from another format version', async () => {
    await ingest();
    fs.writeFileSync(path.join(indexDir, MANIFEST_FILE), '{not json');
    await open();
    expect(notices[0]).toMatch(/manifest is not JSON/);
    const manifest = JSON.parse(fs.readFileSync(path.join(indexDir, MANIFEST_FILE), 'utf8'));
    fs.writeFileSync(path.join(indexDir, MANIFEST_FILE), JSON.stringify({ ...manifest, version: 0 }));
    notices.length = 0;
    await open();
    expect(notices[0]).toMatch(/format version 0, expected 2/);
  });

  it('is rebuilt, never mixed, when it was built by another model', async () => {
    await ingest();
    const manifestFile = path.join(indexDir, MANIFEST_FILE);
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    fs.writeFileSync(manifestFile, JSON.stringify({ ...manifest, model: 'Xenova/bge-small-en-v1.5' }));
    await open();
    expect(notices).toEqual([`Rebuilding the index: it was built with Xenova/bge-small-en-v1.5, the configured model is ${embedder.model}`]);
    expect(readManifest(indexDir)).toMatchObject({ model: embedder.model, count: 17 });
  });
});
