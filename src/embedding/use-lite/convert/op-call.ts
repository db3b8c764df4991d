import type { MatrixWeight } from './quantize.js';
import type { TensorTable } from './tensors.js';
import type { TfNode } from './tf-graph.js';

/** One TF node being translated: its data inputs (control dependencies dropped), its first output, its name. */
export interface OpCall {
  node: TfNode;
  ins: string[];
  out: string;
  n: string;
  t: TensorTable;
  /** `out = a · W` for a constant weight matrix, quantized when the options ask for it. */
  matmul: (a: string, weight: MatrixWeight, out: string, n: string) => void;
}

/** Emits the ONNX nodes for one TF op and records the type and rank of what they produce. */
export type Translate = (call: OpCall) => void;

/** Keeps the first input's type and rank (element-wise ops). */
export function sameAsInput({ ins, out, t }: OpCall, dtype = t.dtypeOf(ins[0]!)): void {
  t.define(out, dtype, t.rankOf(ins[0]!));
}

/** The first input's rank plus `delta`, or unknown when that rank is. */
export function rankPlus({ ins, t }: OpCall, delta: number): number | undefined {
  const r = t.rankOf(ins[0]!);
  return r === undefined ? undefined : r + delta;
}
