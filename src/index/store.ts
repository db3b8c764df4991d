import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { FootnoteError } from '../errors.js';
import { stampFile, verifyFile } from './file-check.js';
import { LexicalIndex } from './lexical-index.js';
import { VectorIndex } from './vector-index.js';

/** Bumped whenever the on-disk layout or what is embedded changes; an older index is rebuilt. */
export const INDEX_FORMAT_VERSION = 2;
export const MANIFEST_FILE = 'manifest.json';

type ManifestPassage = { id: string; start: number; end: number };
function isPassage(value: unknown): value is ManifestPassage {
  const p = value as Partial<ManifestPassage> | null;
  return typeof p === 'object' && p !== null && typeof p.id === 'string' && Number.isInteger(p.start) && Number.isInteger(p.end);
}
/**
 * Checked in place rather than by a zod object schema, which copies each of them: a manifest lists every sentence,
 * and at 200k sentences that copy took a start about 0.1–0.2 s (README, Performance).
 */
const passagesSchema = z.custom<ManifestPassage[]>((value) => Array.isArray(value) && value.every(isPassage));
const articleSchema = z.object({
  id: z.string(),
  file: z.string(),
  hash: z.string(),
  title: z.string().optional(),
  url: z.string().optional(),
  published: z.string().optional(),
  /** Passages in label order; `firstLabel` is the label of the first one. */
  firstLabel: z.number().int(),
  passages: passagesSchema,
});

const fileSchema = z.object({
  name: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  mtimeNs: z.string().regex(/^\d+$/).optional(),
  ino: z.number().int().optional(),
});

export const manifestSchema = z.object({
  version: z.literal(INDEX_FORMAT_VERSION),
  model: z.string(),
  dimensions: z.number().int().positive(),
  /** How passages were turned into text to embed (see retrieval/embedding-text.ts). */
  embeddingText: z.string(),
  builtAt: z.string(),
  count: z.number().int().nonnegative(),
  files: z.object({
    vectors: fileSchema,
    hnsw: fileSchema,
    /** BM25 index; an index written before it was stored has none, and rebuilds it in memory at each start. */
    lexical: fileSchema.optional(),
  }),
  articles: z.array(articleSchema),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestArticle = z.infer<typeof articleSchema>;

export interface StoredIndex {
  manifest: Manifest;
  vectors: VectorIndex;
  /** The stored BM25 index; undefined when the generation has none (built in memory from the passages then). */
  lexical?: LexicalIndex;
}

/** Reads and checks the manifest only (cheap); throws INDEX_MISSING or INDEX_CORRUPT. */
export function readManifest(dir: string): Manifest {
  const file = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(file)) throw new FootnoteError('INDEX_MISSING', { dir });
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new FootnoteError('INDEX_CORRUPT', { dir, reason: 'manifest is not JSON' }, { cause: error });
  }
  if ((raw as { version?: unknown })?.version !== INDEX_FORMAT_VERSION) {
    const found = (raw as { version?: unknown })?.version;
    throw new FootnoteError('INDEX_CORRUPT', { dir, reason: `format version ${String(found)}, expected ${INDEX_FORMAT_VERSION}` });
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new FootnoteError('INDEX_CORRUPT', { dir, reason: 'manifest does not match the expected shape' });
  return parsed.data;
}

/** Reads the manifest and loads the generation it names; throws INDEX_MISSING or INDEX_CORRUPT. */
export function readIndex(dir: string): StoredIndex {
  const manifest = readManifest(dir);
  return { manifest, ...readGeneration(dir, manifest) };
}

/** Loads the HNSW graph and the BM25 index a manifest names; throws INDEX_CORRUPT. */
export function readGeneration(dir: string, manifest: Manifest): Omit<StoredIndex, 'manifest'> {
  const stamp = manifestMtime(dir);
  const file = graphFile(dir, manifest, stamp);
  let graph: VectorIndex;
  try {
    graph = VectorIndex.read(file, manifest.dimensions);
  } catch (error) {
    throw unreadableGraph(dir, error);
  }
  const vectors = checkedGraph(dir, manifest, graph);
  return manifest.files.lexical ? { vectors, lexical: readLexical(dir, manifest, stamp) } : { vectors };
}

/**
 * As `readGeneration`, with the graph (most of the bytes at scale) read on libuv's thread pool: the BM25 index is
 * read meanwhile, and so is whatever the caller does before awaiting the result (a start loads its articles).
 */
export async function loadGeneration(dir: string, manifest: Manifest): Promise<Omit<StoredIndex, 'manifest'>> {
  const stamp = manifestMtime(dir);
  const reading = VectorIndex.readAsync(graphFile(dir, manifest, stamp), manifest.dimensions).then(
    (graph) => checkedGraph(dir, manifest, graph),
    (error: unknown) => Promise.reject(unreadableGraph(dir, error)),
  );
  reading.catch(() => {}); // awaited below; if the BM25 file fails first, this rejection is not left unhandled
  const lexical = manifest.files.lexical ? readLexical(dir, manifest, stamp) : undefined;
  const vectors = await reading;
  return lexical ? { vectors, lexical } : { vectors };
}

/** The HNSW file a manifest names, after checking its size (and checksum, when it was touched); throws INDEX_CORRUPT. */
function graphFile(dir: string, manifest: Manifest, manifestMtimeNs: bigint | undefined): string {
  const hnswFile = path.join(dir, manifest.files.hnsw.name);
  verifyFile(dir, hnswFile, manifest.files.hnsw, manifestMtimeNs);
  return hnswFile;
}

function manifestMtime(dir: string): bigint | undefined {
  try {
    return fs.statSync(path.join(dir, MANIFEST_FILE), { bigint: true }).mtimeNs;
  } catch {
    return undefined;
  }
}

function unreadableGraph(dir: string, error: unknown): FootnoteError {
  return new FootnoteError('INDEX_CORRUPT', { dir, reason: `HNSW file unreadable: ${(error as Error).message}` }, { cause: error });
}

function checkedGraph(dir: string, manifest: Manifest, vectors: VectorIndex): VectorIndex {
  if (vectors.size !== manifest.count) {
    throw new FootnoteError('INDEX_CORRUPT', { dir, reason: `HNSW holds ${vectors.size} vectors, manifest ${manifest.count}` });
  }
  return vectors;
}

function readLexical(dir: string, manifest: Manifest, manifestMtimeNs: bigint | undefined): LexicalIndex {
  const entry = manifest.files.lexical!;
  const file = path.join(dir, entry.name);
  verifyFile(dir, file, entry, manifestMtimeNs);
  let lexical: LexicalIndex;
  try {
    lexical = LexicalIndex.deserialize(fs.readFileSync(file));
  } catch (error) {
    throw new FootnoteError('INDEX_CORRUPT', { dir, reason: `${entry.name} unreadable: ${(error as Error).message}` }, { cause: error });
  }
  if (lexical.size !== manifest.count) {
    throw new FootnoteError('INDEX_CORRUPT', { dir, reason: `${entry.name} holds ${lexical.size} passages, manifest ${manifest.count}` });
  }
  return lexical;
}

/** Stored vectors of the previous build, so unchanged articles are not embedded again. */
export function readStoredVectors(dir: string, manifest: Manifest): Float32Array {
  const file = path.join(dir, manifest.files.vectors.name);
  verifyFile(dir, file, manifest.files.vectors, manifestMtime(dir));
  const bytes = fs.readFileSync(file);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

/** What a generation needs of its graph: a `VectorIndex` in memory, or a graph built elsewhere that moves into place. */
export interface GraphSource {
  readonly size: number;
  readonly dimensions: number;
  write(file: string): void;
}

/**
 * Writes a new generation: data files under fresh names, fsync'd, then the manifest by atomic rename. A crash at any
 * point leaves the previous manifest pointing at its own, untouched files. Old generations are removed afterwards.
 * Returns the graph as read back from disk, so what is served is what the next start will load.
 */
export function writeIndex(
  dir: string,
  data: Omit<Manifest, 'files' | 'version' | 'count'>,
  vectors: Float32Array,
  index: GraphSource,
  lexical: LexicalIndex,
): StoredIndex {
  fs.mkdirSync(dir, { recursive: true });
  const generation = `${Date.now().toString(36)}-${process.pid}`;
  const names = { vectors: `vectors-${generation}.f32`, lexical: `lexical-${generation}.bm25`, hnsw: `hnsw-${generation}.bin` };
  const at = (name: string) => path.join(dir, name);
  const tmp = at(`${MANIFEST_FILE}.${generation}.tmp`);
  let manifest: Manifest;
  let written: VectorIndex;
  try {
    const vectorBytes = Buffer.from(vectors.buffer, vectors.byteOffset, vectors.byteLength);
    writeFileDurably(at(names.vectors), vectorBytes);
    const lexicalBytes = lexical.serialize();
    writeFileDurably(at(names.lexical), lexicalBytes);
    index.write(at(names.hnsw));
    fsyncFile(at(names.hnsw));
    // hnswlib's writer does not report a short write (e.g. a full disk): read the graph back before trusting it.
    written = VectorIndex.read(at(names.hnsw), index.dimensions);
    if (written.size !== index.size) throw new Error(`${names.hnsw} was not written completely`);
    const hnswBytes = fs.readFileSync(at(names.hnsw));
    manifest = {
      version: INDEX_FORMAT_VERSION,
      ...data,
      count: index.size,
      files: {
        vectors: { ...stampFile(at(names.vectors), vectorBytes), name: names.vectors },
        hnsw: { ...stampFile(at(names.hnsw), hnswBytes), name: names.hnsw },
        lexical: { ...stampFile(at(names.lexical), lexicalBytes), name: names.lexical },
      },
    };
    writeFileDurably(tmp, Buffer.from(JSON.stringify(manifest, null, 1)));
    fs.renameSync(tmp, at(MANIFEST_FILE));
  } catch (error) {
    // The previous manifest and its files are untouched; drop this generation's partial files so a full disk is not fuller.
    for (const file of [...Object.values(names).map(at), tmp]) fs.rmSync(file, { force: true });
    const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    throw new FootnoteError('INDEX_WRITE_FAILED', { dir, reason }, { cause: error });
  }
  fsyncDirectory(dir);
  removeOtherGenerations(dir, new Set([...Object.values(names), MANIFEST_FILE]));
  return { manifest, vectors: written, lexical };
}

function removeOtherGenerations(dir: string, keep: Set<string>): void {
  for (const name of fs.readdirSync(dir)) {
    if (!keep.has(name) && /^(vectors-|hnsw-|graph-|lexical-|manifest\.json\.).+/.test(name)) fs.rmSync(path.join(dir, name), { force: true });
  }
}

function writeFileDurably(file: string, data: Buffer): void {
  const fd = fs.openSync(file, 'w');
  try {
    // writeSync may write only part of the buffer (a nearly full disk); loop so the shortfall surfaces as ENOSPC.
    for (let offset = 0; offset < data.length; ) offset += fs.writeSync(fd, data, offset, data.length - offset);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDirectory(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  } catch {
    // Some filesystems refuse fsync on directories; the rename is still atomic there.
  }
}
