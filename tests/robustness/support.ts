/** Shared helpers for the robustness suite. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Embedder } from '../../src/embedding/embedder.js';
import type { QaService } from '../../src/types.js';
import { copySeedArticle, seedArticleText } from '../support/articles.js';

export { ROOT, SEED_FILE } from '../support/articles.js';
export { childEnv, TSX_LOADER } from '../support/spawn-script.js';

const made: string[] = [];
/** A fresh temporary folder, removed by `removeTempDirs()`. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `footnote-rb-${prefix}-`));
  made.push(dir);
  return dir;
}
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * TEST DOUBLE — not the real model. A deterministic bag-of-characters embedder: fast enough to embed a 5 MB article
 * (tens of thousands of sentences) inside the suite. It proves the ingest *pipeline* (segmentation, batching, HNSW,
 * manifest) copes with the volume; it says nothing about retrieval quality.
 */
export function fakeEmbedder(options: { dimensions?: number; model?: string } = {}): Embedder & { calls: number; texts: number } {
  const dimensions = options.dimensions ?? 16;
  const embedder = {
    model: options.model ?? 'test-double-hash',
    dimensions,
    calls: 0,
    texts: 0,
    async embed(texts: string[]) {
      embedder.calls += 1;
      embedder.texts += texts.length;
      return texts.map((text) => {
        if (!text) throw new Error('empty text');
        const v = new Array<number>(dimensions).fill(0);
        for (let i = 0; i < text.length; i++) v[(text.charCodeAt(i) * 31 + (i % 7)) % dimensions]! += 1;
        const norm = Math.hypot(...v) || 1;
        return v.map((x) => x / norm);
      });
    },
    async close() {},
  };
  return embedder;
}

/** Copy the seed article into a fresh articles folder. */
export function seedCorpus(prefix = 'articles'): string {
  return copySeedArticle(tempDir(prefix));
}

/** `n` distinct articles made from the seed text (each differs, so none is skipped as a duplicate). */
export function writeVariants(dir: string, n: number, from = 1): void {
  const seed = seedArticleText();
  for (let i = from; i < from + n; i++) {
    fs.writeFileSync(path.join(dir, `variant_${String(i).padStart(4, '0')}.txt`), seed.replaceAll('Istanbul', `Istanbul-${i}`));
  }
}

/**
 * Raw mention markup Discord would turn into a ping if `allowed_mentions` were ever lost: `@everyone`, `@here`,
 * `<@id>`, `<@!id>`, `<@&role>`. The bot neutralises these with a zero-width space, so none may appear.
 */
export function rawPings(text: string): string[] {
  return [...text.matchAll(/@(?:everyone|here)\b|<@[!&]?\d+>/g)].map((m) => m[0]);
}

/** Every user-visible string of a message body (content, embeds, component labels). */
export function visibleText(body: any): string {
  if (!body || typeof body !== 'object') return '';
  const parts: string[] = [];
  if (typeof body.content === 'string') parts.push(body.content);
  for (const e of body.embeds ?? []) {
    parts.push(e.title ?? '', e.description ?? '', e.footer?.text ?? '', e.author?.name ?? '');
    for (const f of e.fields ?? []) parts.push(f.name ?? '', f.value ?? '');
  }
  for (const row of body.components ?? []) for (const c of row.components ?? []) parts.push(c.label ?? '');
  return parts.join('\n');
}

/**
 * TEST DOUBLE of the engine for Discord-only properties (logging, permissions, feedback storage): always cites one
 * fixed sentence; a question containing "explode" makes it throw, to exercise the failure path.
 */
export function stubService(): QaService {
  const quote = 'The Russian delegation is led by Vladimir Medinsky.';
  return {
    async ask(question) {
      if (question.includes('explode')) throw new Error('engine exploded');
      return { question: question.trim(), answered: true, citations: [{ n: 1, article: 'stub', id: '1.1', quote, score: 0.9, highlights: [] }] };
    },
    async search() {
      return [];
    },
    source() {
      return undefined;
    },
    matches() {
      return [];
    },
    async reload() {
      return { status: 'unchanged', added: [], changed: [], removed: [], problems: [], embedded: 0, ms: 0 };
    },
    onReload() {
      return () => {};
    },
    article() {
      return undefined;
    },
    suggest() {
      return [];
    },
    async check(text) {
      const citations = [{ n: 1, article: 'stub', id: '1.1', quote, score: 0.9, highlights: [] }];
      return { claim: text.trim(), verdict: 'supported', confidence: 0.9, citations, deciding: 1, parts: [] };
    },
    about() {
      return { articles: [{ id: 'stub', sentences: 1 }], sentences: 1, model: 'stub', dimensions: 1, builtAt: new Date(0).toISOString() };
    },
    async close() {},
  };
}

/** Whether this process may mount a tmpfs (root on Linux): the real disk-full cases run only then. */
export function canMountTmpfs(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = fs.mkdtempSync('/tmp/footnote-rb-mountprobe-');
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status === 0;
  if (ok) spawnSync('umount', [probe]);
  fs.rmSync(probe, { recursive: true, force: true });
  return ok;
}
