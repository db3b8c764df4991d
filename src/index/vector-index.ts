import hnswlib from 'hnswlib-node';

/** HNSW settings chosen by measurement (see README, Performance): recall@10 against exact search stays ≥ 0.99. */
export const HNSW_DEFAULTS = { m: 16, efConstruction: 200, efSearch: 256, seed: 100 } as const;

export interface VectorHit {
  label: number;
  /** Cosine similarity, higher is better. */
  similarity: number;
}

/** The only importer of hnswlib-node. Labels are positions in the passage list; `distance` never leaves this file. */
export class VectorIndex {
  private constructor(
    private readonly index: hnswlib.HierarchicalNSW,
    readonly dimensions: number,
  ) {}

  static build(vectors: ReadonlyArray<readonly number[] | Float32Array>, dimensions: number, options: Partial<Record<keyof typeof HNSW_DEFAULTS, number>> = {}): VectorIndex {
    const index = VectorIndex.empty(dimensions, vectors.length, options);
    vectors.forEach((vector, label) => index.add(vector, label));
    return index;
  }

  /** An empty graph for up to `capacity` points, filled with `add` (a build that receives its vectors in steps). */
  static empty(dimensions: number, capacity: number, options: Partial<Record<keyof typeof HNSW_DEFAULTS, number>> = {}): VectorIndex {
    const settings = { ...HNSW_DEFAULTS, ...options };
    const index = new hnswlib.HierarchicalNSW('cosine', dimensions);
    index.initIndex({
      maxElements: Math.max(1, capacity),
      m: settings.m,
      efConstruction: settings.efConstruction,
      randomSeed: settings.seed,
    });
    index.setEf(settings.efSearch);
    return new VectorIndex(index, dimensions);
  }

  add(vector: readonly number[] | Float32Array, label: number): void {
    // hnswlib-node wants plain arrays, not typed arrays: typed rows are copied one at a time.
    this.index.addPoint(Array.isArray(vector) ? (vector as number[]) : Array.from(vector), label);
  }

  static read(file: string, dimensions: number, efSearch: number = HNSW_DEFAULTS.efSearch): VectorIndex {
    const index = new hnswlib.HierarchicalNSW('cosine', dimensions);
    index.readIndexSync(file);
    index.setEf(efSearch);
    return new VectorIndex(index, dimensions);
  }

  /** As `read`, but the file is read on libuv's thread pool, so a start can load its articles meanwhile. */
  static async readAsync(file: string, dimensions: number, efSearch: number = HNSW_DEFAULTS.efSearch): Promise<VectorIndex> {
    const index = new hnswlib.HierarchicalNSW('cosine', dimensions);
    await index.readIndex(file);
    index.setEf(efSearch);
    return new VectorIndex(index, dimensions);
  }

  get size(): number {
    return this.index.getCurrentCount();
  }

  /** The stored vector of one label (a scope's exact search reads its passages' vectors from here). */
  point(label: number): number[] {
    return this.index.getPoint(label);
  }

  write(file: string): void {
    this.index.writeIndexSync(file);
  }

  /** Nearest `k` passages; `ef` is kept ≥ k so small collections are searched exhaustively. */
  search(vector: number[], k: number): VectorHit[] {
    const limit = Math.min(k, this.size);
    if (limit === 0) return [];
    if (this.index.getEf() < limit) this.index.setEf(limit);
    const { neighbors, distances } = this.index.searchKnn(vector, limit);
    return neighbors.map((label, i) => ({ label, similarity: 1 - distances[i]! }));
  }
}
