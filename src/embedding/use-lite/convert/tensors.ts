import type { ConstValue, DType, OnnxBuilder } from './onnx-builder.js';

/**
 * What the translation knows about each TF tensor: constants (emitted as initializers on first use), and the
 * element type and rank of every tensor produced so far (ranks are needed to translate transposes and slices).
 */
export class TensorTable {
  private readonly dtypes = new Map<string, DType>();
  private readonly ranks = new Map<string, number>();

  constructor(
    readonly b: OnnxBuilder,
    private readonly consts: Map<string, ConstValue>,
  ) {}

  constant(name: string): ConstValue | undefined {
    return this.consts.get(name);
  }

  /** The ONNX name to feed `name` as an input: its initializer for a constant, else the tensor itself. */
  input(name: string): string {
    const c = this.consts.get(name);
    if (c) return this.b.initializer(name.replace(/:0$/, ''), c);
    if (!this.dtypes.has(name)) throw new Error(`tensor ${name} used before defined`);
    return name;
  }

  /** The values of a constant int tensor, for attributes ONNX wants static (axes, perms, slice bounds). */
  staticInts(name: string): number[] {
    const c = this.consts.get(name);
    if (!c || c.dtype !== 'int64') throw new Error(`expected a constant int tensor, got ${name}`);
    return c.ints!;
  }

  dtypeOf(name: string): DType {
    return this.consts.get(name)?.dtype ?? this.dtypes.get(name)!;
  }

  rankOf(name: string): number | undefined {
    const c = this.consts.get(name);
    return c ? c.dims.length : this.ranks.get(name);
  }

  /** The largest input rank (broadcasting), when every input's rank is known. */
  maxRank(names: string[]): number | undefined {
    const rs = names.map((name) => this.rankOf(name));
    return rs.every((r) => r !== undefined) ? Math.max(...(rs as number[])) : undefined;
  }

  define(out: string, dtype: DType, rank?: number): void {
    this.dtypes.set(out, dtype);
    if (rank !== undefined) this.ranks.set(out, rank);
  }
}
