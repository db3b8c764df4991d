/**
 * When the index's checksums are computed: at write, and at open only for a file whose size, mtime or inode differs
 * from what the manifest stamped (or one stamped so close to the manifest that a same-tick change can't be ruled out).
 * The embedder is the test double: this is about files on disk, not the model.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestArticles } from '../../src/index/ingest.js';
import { MANIFEST_FILE, readIndex, readManifest } from '../../src/index/store.js';
import { fakeEmbedder, removeTempDirs, seedCorpus, tempDir } from '../robustness/support.js';

afterAll(() => removeTempDirs());

async function built() {
  const indexDir = tempDir('index');
  await ingestArticles({ articlesDir: seedCorpus(), indexDir, embedder: fakeEmbedder() });
  return indexDir;
}

function flipMiddleByte(file: string): void {
  const bytes = fs.readFileSync(file);
  bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0xff;
  fs.writeFileSync(file, bytes);
}

/** Marks the manifest as written a second later than its data files, as it is for any index that takes time to write. */
function ageDataFiles(indexDir: string): void {
  const manifestFile = path.join(indexDir, MANIFEST_FILE);
  const later = new Date(Date.now() + 1000);
  fs.utimesSync(manifestFile, later, later);
}

/** Records the file's current mtime and inode in the manifest, as if the generation had been written that way. */
function restamp(indexDir: string, kind: 'hnsw' | 'lexical'): void {
  const manifestFile = path.join(indexDir, MANIFEST_FILE);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const stat = fs.statSync(path.join(indexDir, manifest.files[kind].name), { bigint: true });
  manifest.files[kind].mtimeNs = stat.mtimeNs.toString();
  manifest.files[kind].ino = Number(stat.ino);
  fs.writeFileSync(manifestFile, JSON.stringify(manifest));
}

describe('index checksums', () => {
  it('stamps every data file of a generation with its checksum, size, mtime and inode', async () => {
    const indexDir = await built();
    const { files } = readManifest(indexDir);
    for (const entry of [files.hnsw, files.vectors, files.lexical!]) {
      const stat = fs.statSync(path.join(indexDir, entry.name), { bigint: true });
      expect(entry).toMatchObject({ bytes: Number(stat.size), mtimeNs: stat.mtimeNs.toString(), ino: Number(stat.ino) });
      expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('a file rewritten after the manifest is checksummed and refused, even with its size unchanged', async () => {
    const indexDir = await built();
    ageDataFiles(indexDir);
    flipMiddleByte(path.join(indexDir, readManifest(indexDir).files.hnsw.name));
    expect(() => readIndex(indexDir)).toThrow(/checksum differs/);
  });

  it('a file stamped close to its manifest is checksummed at every open, its mtime proving nothing', async () => {
    const indexDir = await built();
    flipMiddleByte(path.join(indexDir, readManifest(indexDir).files.lexical!.name));
    restamp(indexDir, 'lexical');
    expect(() => readIndex(indexDir)).toThrow(/checksum differs/);
  });

  it('the trade-off: a same-size change that also keeps the stamped mtime and inode is trusted without hashing', async () => {
    const indexDir = await built();
    flipMiddleByte(path.join(indexDir, readManifest(indexDir).files.hnsw.name));
    restamp(indexDir, 'hnsw');
    ageDataFiles(indexDir);
    expect(() => readIndex(indexDir)).not.toThrow();
  });
});
