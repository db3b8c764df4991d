import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackgroundGraphBuild } from '../../src/index/graph-build.js';
import { VectorIndex } from '../../src/index/vector-index.js';
import { rng } from '../support/random.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'footnote-graph-build-'));
afterEach(() => fs.rmSync(path.join(dir, 'graph.bin'), { force: true }));

function unitRows(count: number, dimensions: number, seed: number): number[][] {
  const next = rng(seed);
  return Array.from({ length: count }, () => {
    const row = Array.from({ length: dimensions }, () => next() - 0.5);
    const norm = Math.hypot(...row);
    return row.map((x) => x / norm);
  });
}

describe('BackgroundGraphBuild', () => {
  it('fills the graph on its own thread from steps in any label order and writes what it was given', async () => {
    const rows = unitRows(300, 16, 3);
    const build = BackgroundGraphBuild.start(16, rows.length);
    // Labels 200..299 first, then 0..199 in two steps, as an ingest sends stored vectors before fresh ones.
    build.add(rows.slice(200), rows.slice(200).map((_, i) => 200 + i));
    build.add(rows.slice(0, 120), rows.slice(0, 120).map((_, i) => i));
    build.add(rows.slice(120, 200), rows.slice(120, 200).map((_, i) => 120 + i));
    const file = path.join(dir, 'graph.bin');
    expect(await build.writeTo(file)).toBe(300);

    const graph = VectorIndex.read(file, 16);
    expect(graph.size).toBe(300);
    for (const label of [0, 119, 120, 199, 200, 299]) {
      expect(graph.point(label).reduce((sum, x, i) => sum + x * rows[label]![i]!, 0)).toBeCloseTo(1, 5);
      expect(graph.search(rows[label]!, 1)[0]!.label).toBe(label);
    }
  });

  it('reports a failed build instead of writing a short graph, and stops its thread', async () => {
    const rows = unitRows(3, 8, 4);
    const build = BackgroundGraphBuild.start(8, 2); // room for two points, sent three
    build.add(rows, [0, 1, 2]);
    await expect(build.writeTo(path.join(dir, 'graph.bin'))).rejects.toThrow(/exceed|maximum|elements/i);
    expect(fs.existsSync(path.join(dir, 'graph.bin'))).toBe(false);
    await build.stop();
  });
});
