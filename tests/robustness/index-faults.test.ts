/**
 * A damaged or foreign index is rebuilt, never trusted; a write that fails midway (disk full) leaves the previous
 * index serving; two ingests at once are refused with INDEX_LOCKED; a stale lock from a dead process is taken over.
 *
 * The embedder here is the TEST DOUBLE from support.ts: these are properties of the index files and the lock, not of
 * the model, and the double keeps the file fast.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { FootnoteError, isFootnoteError } from '../../src/errors.js';
import { BackgroundGraphBuild } from '../../src/index/graph-build.js';
import { ingestArticles } from '../../src/index/ingest.js';
import { acquireIngestLock } from '../../src/index/lock.js';
import { MANIFEST_FILE, readIndex, readManifest } from '../../src/index/store.js';
import { VectorIndex } from '../../src/index/vector-index.js';
import { createQaService } from '../../src/qa-service.js';
import { fakeEmbedder, removeTempDirs, seedCorpus, tempDir, writeVariants, canMountTmpfs } from './support.js';

afterEach(() => vi.restoreAllMocks());
afterAll(() => removeTempDirs());

async function built(embedder = fakeEmbedder()) {
  const articlesDir = seedCorpus();
  const indexDir = tempDir('index');
  await ingestArticles({ articlesDir, indexDir, embedder });
  const manifest = readManifest(indexDir);
  return { articlesDir, indexDir, manifest, embedder };
}

/** Opens the service, collecting notices; it must answer afterwards. */
async function openAndAsk(articlesDir: string, indexDir: string, embedder = fakeEmbedder()) {
  const notices: string[] = [];
  const service = await createQaService({ articlesDir, indexDir, embedder, onNotice: (m) => notices.push(m) });
  const answer = await service.ask('Who leads the Russian delegation?');
  expect(answer.citations.length).toBeGreaterThan(0);
  await service.close();
  return notices.join('\n');
}

function indexFile(indexDir: string, kind: 'hnsw' | 'vectors' | 'lexical'): string {
  return path.join(indexDir, readManifest(indexDir).files[kind]!.name);
}

describe('damaged or foreign index on disk: refused by readIndex, rebuilt by the service', () => {
  const damages: Array<[string, (indexDir: string) => void, RegExp]> = [
    ['index: HNSW file truncated to half', (d) => fs.truncateSync(indexFile(d, 'hnsw'), Math.floor(fs.statSync(indexFile(d, 'hnsw')).size / 2)), /has \d+ bytes, expected \d+/],
    ['index: HNSW file one byte flipped', (d) => {
      const file = indexFile(d, 'hnsw');
      const bytes = fs.readFileSync(file);
      bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0xff;
      fs.writeFileSync(file, bytes);
    }, /checksum differs/],
    ['index: HNSW file missing', (d) => fs.rmSync(indexFile(d, 'hnsw')), /is missing/],
    ['index: BM25 index missing', (d) => fs.rmSync(indexFile(d, 'lexical')), /lexical-.* is missing/],
    ['index: BM25 index one byte changed', (d) => {
      const file = indexFile(d, 'lexical');
      const bytes = fs.readFileSync(file);
      bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0xff;
      fs.writeFileSync(file, bytes);
    }, /lexical-.* checksum differs/],
    ['index: manifest truncated mid-JSON', (d) => {
      const file = path.join(d, MANIFEST_FILE);
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').slice(0, 200));
    }, /manifest is not JSON/],
    ['index: manifest empty (0 bytes)', (d) => fs.writeFileSync(path.join(d, MANIFEST_FILE), ''), /manifest is not JSON/],
    ['index: manifest from another format version', (d) => {
      const file = path.join(d, MANIFEST_FILE);
      fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), version: 1 }));
    }, /format version 1, expected 2/],
    ['index: manifest with a field of the wrong type', (d) => {
      const file = path.join(d, MANIFEST_FILE);
      fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), count: 'many' }));
    }, /does not match the expected shape/],
    ['index: HNSW file replaced by one with fewer vectors', (d) => {
      const file = indexFile(d, 'hnsw');
      VectorIndex.build([[1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]], 16).write(file);
      const manifest = JSON.parse(fs.readFileSync(path.join(d, MANIFEST_FILE), 'utf8'));
      const bytes = fs.readFileSync(file);
      manifest.files.hnsw.bytes = bytes.length;
      manifest.files.hnsw.sha256 = createHash('sha256').update(bytes).digest('hex');
      fs.writeFileSync(path.join(d, MANIFEST_FILE), JSON.stringify(manifest));
    }, /HNSW holds 1 vectors, manifest \d+/],
  ];

  it.each(damages)('%s', async (_label, damage, reason) => {
    const { articlesDir, indexDir } = await built();
    damage(indexDir);
    let error: unknown;
    try {
      readIndex(indexDir);
    } catch (e) {
      error = e;
    }
    expect(isFootnoteError(error, 'INDEX_CORRUPT')).toBe(true);
    expect((error as Error).message).toMatch(reason);
    expect(await openAndAsk(articlesDir, indexDir)).toMatch(/Rebuilding the index: .*unreadable/);
    expect(() => readIndex(indexDir)).not.toThrow();
  });

  it('index: stored vectors truncated: an update re-embeds instead of reusing garbage', async () => {
    const { articlesDir, indexDir, embedder } = await built();
    fs.truncateSync(indexFile(indexDir, 'vectors'), 100);
    writeVariants(articlesDir, 1);
    const before = embedder.texts;
    const report = await ingestArticles({ articlesDir, indexDir, embedder });
    expect(report.reused).toBe(0);
    expect(embedder.texts - before).toBe(report.passages);
    expect(readIndex(indexDir).vectors.size).toBe(report.passages);
  });

  it('index: built by another model is rebuilt with the configured one, never mixed', async () => {
    const { articlesDir, indexDir } = await built(fakeEmbedder({ model: 'other-model', dimensions: 8 }));
    const notices = await openAndAsk(articlesDir, indexDir, fakeEmbedder({ model: 'test-double-hash', dimensions: 16 }));
    expect(notices).toMatch(/built with other-model, the configured model is test-double-hash/);
    expect(readManifest(indexDir)).toMatchObject({ model: 'test-double-hash', dimensions: 16 });
  });
});

// ───────────────────────────── disk full ─────────────────────────────

/** Previous index is byte-for-byte intact, readable, and a service on the unchanged articles serves it without rebuilding. */
async function expectPreviousIndexServes(articlesDir: string, indexDir: string, manifestBefore: string, filesBefore: string[], embedder = fakeEmbedder()) {
  expect(fs.readFileSync(path.join(indexDir, MANIFEST_FILE), 'utf8')).toBe(manifestBefore);
  expect(fs.readdirSync(indexDir).sort()).toEqual(filesBefore); // the failed generation's partial files are gone
  expect(() => readIndex(indexDir)).not.toThrow();
  expect(await openAndAsk(articlesDir, indexDir, embedder)).not.toMatch(/Rebuilding/);
}

function enospc(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
}

describe('disk full while writing the index', () => {
  it.each([
    ['disk full: vectors file short-written then ENOSPC', 0],
    ['disk full: BM25 index short-written then ENOSPC', 1],
    ['disk full: manifest short-written then ENOSPC', 2],
  ])('%s → INDEX_WRITE_FAILED, previous index still serves', async (_label, failAt) => {
    const { articlesDir, indexDir } = await built();
    const manifestBefore = fs.readFileSync(path.join(indexDir, MANIFEST_FILE), 'utf8');
    const filesBefore = fs.readdirSync(indexDir).sort();
    const running = await createQaService({ articlesDir, indexDir, embedder: fakeEmbedder() });

    const bigger = seedCorpus('bigger');
    writeVariants(bigger, 3);
    const realWrite = fs.writeSync;
    let call = 0;
    let full = false;
    // Seam: the Nth durable write gets only half its bytes (as write(2) does on a nearly full disk), the next ENOSPC.
    const fakeWrite = (fd: number, buffer: Buffer, offset = 0, length = buffer.length - offset): number => {
      if (length < 64) return realWrite(fd, buffer, offset, length); // the lock file's pid
      if (full) throw enospc();
      if (call++ === failAt) {
        full = true;
        return realWrite(fd, buffer, offset, Math.floor(length / 2));
      }
      return realWrite(fd, buffer, offset, length);
    };
    vi.spyOn(fs, 'writeSync').mockImplementation(fakeWrite as unknown as typeof fs.writeSync);
    const error = await ingestArticles({ articlesDir: bigger, indexDir, embedder: fakeEmbedder() }).catch((e: unknown) => e);
    vi.restoreAllMocks();
    expect(isFootnoteError(error, 'INDEX_WRITE_FAILED')).toBe(true);
    expect((error as Error).message).toMatch(/Could not write the index in .* \(ENOSPC: no space left on device, write\); the previous index is unchanged/);
    expect(fs.existsSync(path.join(indexDir, '.ingest.lock'))).toBe(false);
    expect((await running.ask('Who leads the Russian delegation?')).citations.length).toBeGreaterThan(0);
    await running.close();
    await expectPreviousIndexServes(articlesDir, indexDir, manifestBefore, filesBefore);
  });

  it('disk full: HNSW writer silently truncates (as hnswlib does on ENOSPC) → caught by read-back, previous index serves', async () => {
    const { articlesDir, indexDir } = await built();
    const manifestBefore = fs.readFileSync(path.join(indexDir, MANIFEST_FILE), 'utf8');
    const filesBefore = fs.readdirSync(indexDir).sort();
    // The graph is written by its build thread; truncate what it wrote before the generation takes it.
    const realWrite = BackgroundGraphBuild.prototype.writeTo;
    vi.spyOn(BackgroundGraphBuild.prototype, 'writeTo').mockImplementation(async function (this: BackgroundGraphBuild, file: string) {
      const size = await realWrite.call(this, file);
      fs.truncateSync(file, Math.floor(fs.statSync(file).size / 3));
      return size;
    });
    const bigger = seedCorpus('bigger');
    writeVariants(bigger, 2);
    const error = await ingestArticles({ articlesDir: bigger, indexDir, embedder: fakeEmbedder() }).catch((e: unknown) => e);
    vi.restoreAllMocks();
    expect(isFootnoteError(error, 'INDEX_WRITE_FAILED')).toBe(true);
    await expectPreviousIndexServes(articlesDir, indexDir, manifestBefore, filesBefore);
  });

  it('write: the graph build thread fails (out of memory, killed) → INDEX_WRITE_FAILED naming the graph, previous index serves', async () => {
    const { articlesDir, indexDir } = await built();
    const manifestBefore = fs.readFileSync(path.join(indexDir, MANIFEST_FILE), 'utf8');
    const filesBefore = fs.readdirSync(indexDir).sort();
    vi.spyOn(BackgroundGraphBuild.prototype, 'writeTo').mockRejectedValue(new Error('Worker terminated due to reaching memory limit: JS heap out of memory'));
    const bigger = seedCorpus('bigger');
    writeVariants(bigger, 2);
    const error = await ingestArticles({ articlesDir: bigger, indexDir, embedder: fakeEmbedder() }).catch((e: unknown) => e);
    vi.restoreAllMocks();
    expect(isFootnoteError(error, 'INDEX_WRITE_FAILED')).toBe(true);
    expect((error as Error).message).toContain('building the HNSW graph: Worker terminated due to reaching memory limit');
    await expectPreviousIndexServes(articlesDir, indexDir, manifestBefore, filesBefore);
  });

  it('disk full: the service restarting on grown articles serves the previous index; on a changed article it refuses', async () => {
    const { articlesDir, indexDir } = await built();
    const realWrite = fs.writeSync;
    const fullDisk = (fd: number, buffer: Buffer, offset = 0, length = buffer.length - offset): number => {
      if (length < 64) return realWrite(fd, buffer, offset, length); // the lock file's pid
      throw enospc();
    };
    vi.spyOn(fs, 'writeSync').mockImplementation(fullDisk as unknown as typeof fs.writeSync);
    writeVariants(articlesDir, 2);
    const notices: string[] = [];
    const service = await createQaService({ articlesDir, indexDir, embedder: fakeEmbedder(), onNotice: (m) => notices.push(m) });
    expect(notices.at(-1)).toMatch(/ENOSPC.*the previous index is unchanged.* Serving the previous index \(1 of 3 article\(s\)\)\./);
    expect(service.about().articles.map((a) => a.id)).toEqual(['000_ce70d124781ea012']);
    const answer = await service.ask('Who leads the Russian delegation?');
    const seedText = fs.readFileSync(path.join(articlesDir, '000_ce70d124781ea012.txt'), 'utf8');
    for (const c of answer.citations) expect(seedText).toContain(c.quote);
    await service.close();

    // An indexed article changed: its stored offsets would quote the wrong text, so there is no fallback.
    fs.appendFileSync(path.join(articlesDir, '000_ce70d124781ea012.txt'), '\nA new closing paragraph.\n');
    await expect(createQaService({ articlesDir, indexDir, embedder: fakeEmbedder() })).rejects.toThrow(/Could not write the index/);
  });

  const canMount = canMountTmpfs();

  it.runIf(canMount)('disk full: real 1 MB tmpfs (root only) → INDEX_WRITE_FAILED, previous index still serves', async () => {
    const mountPoint = tempDir('tmpfs');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint]);
    try {
      const articlesDir = seedCorpus();
      const indexDir = path.join(mountPoint, 'index');
      const wide = () => fakeEmbedder({ dimensions: 128 });
      await ingestArticles({ articlesDir, indexDir, embedder: wide() });
      const manifestBefore = fs.readFileSync(path.join(indexDir, MANIFEST_FILE), 'utf8');
      const filesBefore = fs.readdirSync(indexDir).sort();
      const bigger = seedCorpus('bigger');
      writeVariants(bigger, 150); // ~2.5k sentences × 128 dimensions: over 2 MB of vectors and graph, the disk has 1 MB
      const error = await ingestArticles({ articlesDir: bigger, indexDir, embedder: wide() }).catch((e: unknown) => e);
      expect(isFootnoteError(error, 'INDEX_WRITE_FAILED'), JSON.stringify(error)).toBe(true);
      expect((error as Error).message).toMatch(/ENOSPC|not written completely|corrupted/);
      await expectPreviousIndexServes(articlesDir, indexDir, manifestBefore, filesBefore, wide());
      // Restart on the grown corpus while the disk is still full: the rebuild fails, the previous index serves.
      const notices = await openAndAsk(bigger, indexDir, wide());
      expect(notices).toMatch(/Could not write the index .* Serving the previous index \(1 of 151 article\(s\)\)\./);
    } finally {
      execFileSync('umount', [mountPoint]);
    }
  });
});

// ───────────────────────────── the ingest lock ─────────────────────────────

describe('ingest lock', () => {
  it('lock: two ingests at once in one process: the second gets INDEX_LOCKED naming the folder and pid', async () => {
    const articlesDir = seedCorpus();
    const indexDir = tempDir('index');
    const results = await Promise.allSettled([
      ingestArticles({ articlesDir, indexDir, embedder: fakeEmbedder() }),
      ingestArticles({ articlesDir, indexDir, embedder: fakeEmbedder() }),
    ]);
    expect(results[0].status).toBe('fulfilled');
    const second = (results[1] as PromiseRejectedResult).reason;
    expect(isFootnoteError(second, 'INDEX_LOCKED')).toBe(true);
    expect(second.message).toBe(
      `Footnote: Another ingest is running on ${indexDir} (lock held by pid ${process.pid}); try again when it finishes.`,
    );
    // Released afterwards: a third run goes through.
    await expect(ingestArticles({ articlesDir, indexDir, embedder: fakeEmbedder() })).resolves.toMatchObject({ status: 'up-to-date' });
  });

  it('lock: held by another live process: INDEX_LOCKED, also when the service needs a rebuild', async () => {
    const holder = spawn('sleep', ['30']);
    try {
      const articlesDir = seedCorpus();
      const indexDir = tempDir('index');
      fs.writeFileSync(path.join(indexDir, '.ingest.lock'), String(holder.pid));
      await expect(ingestArticles({ articlesDir, indexDir, embedder: fakeEmbedder() })).rejects.toThrow(
        new FootnoteError('INDEX_LOCKED', { dir: indexDir, pid: holder.pid! }).message,
      );
      await expect(createQaService({ articlesDir, indexDir, embedder: fakeEmbedder() })).rejects.toThrow(/lock held by pid/);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('lock: a service that must rebuild while another process ingests serves the previous index meanwhile', async () => {
    const { articlesDir, indexDir } = await built();
    writeVariants(articlesDir, 1);
    const holder = spawn('sleep', ['30']);
    try {
      fs.writeFileSync(path.join(indexDir, '.ingest.lock'), String(holder.pid));
      expect(await openAndAsk(articlesDir, indexDir)).toMatch(
        new RegExp(`Another ingest is running on .* \\(lock held by pid ${holder.pid}\\).* Serving the previous index \\(1 of 2 article\\(s\\)\\)`),
      );
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it.each([
    ['lock: stale lock from a dead pid is taken over', async () => {
      const dead = spawnSync('true').pid!; // exited already
      return String(dead);
    }],
    ['lock: lock file with garbage (torn write) is taken over', async () => 'not-a-pid\0'],
    ['lock: lock file with our own pid but not held by us (pid reused after a crash) is taken over', async () => String(process.pid)],
  ])('%s', async (_label, content) => {
    const articlesDir = seedCorpus();
    const indexDir = tempDir('index');
    fs.writeFileSync(path.join(indexDir, '.ingest.lock'), await content());
    await expect(ingestArticles({ articlesDir, indexDir, embedder: fakeEmbedder() })).resolves.toMatchObject({ status: 'built' });
    expect(fs.existsSync(path.join(indexDir, '.ingest.lock'))).toBe(false);
  });

  it('lock: released even when the ingest fails', async () => {
    const articlesDir = seedCorpus();
    const indexDir = tempDir('index');
    const broken = { ...fakeEmbedder(), embed: async () => Promise.reject(new Error('model crashed')) };
    await expect(ingestArticles({ articlesDir, indexDir, embedder: broken })).rejects.toThrow('model crashed');
    expect(() => acquireIngestLock(indexDir)()).not.toThrow();
  });
});
