/** Matrix products: constant weight matrices go through the (optionally quantized) constant MatMul. */
import type { OpCall, Translate } from './op-call.js';
import { attrBool, attrInts, attrString } from './tf-graph.js';

/** The operand, transposed over its last two axes when TF asks for it (`transpose_a`, `adj_x`…). */
function operand({ n, t }: OpCall, x: string, transpose: boolean, tag: string): string {
  if (!transpose) return t.input(x);
  const r = t.rankOf(x);
  if (r === undefined) throw new Error(`${n}: rank of ${x} unknown for transpose`);
  const perm = Array.from({ length: r }, (_, i) => i);
  perm[r - 2] = r - 1;
  perm[r - 1] = r - 2;
  return t.b.op('Transpose', [t.input(x)], [`${n}/__t${tag}`], { perm }, `${n}/__t${tag}`)[0]!;
}

function matMul(call: OpCall): void {
  const { node, ins, out, n, t } = call;
  const ta = node.op === 'MatMul' ? attrBool(node, 'transpose_a') : attrBool(node, 'adj_x');
  const tb = node.op === 'MatMul' ? attrBool(node, 'transpose_b') : attrBool(node, 'adj_y');
  const weight = t.constant(ins[1]!);
  if (weight && weight.dtype === 'float' && weight.dims.length === 2 && !ta && !tb) {
    const name = ins[1]!.replace(/:0$/, '');
    call.matmul(t.input(ins[0]!), { name, rows: weight.dims[0]!, cols: weight.dims[1]!, values: weight.floats! }, out, n);
  } else {
    t.b.op('MatMul', [operand(call, ins[0]!, ta, 'a'), operand(call, ins[1]!, tb, 'b')], [out], {}, n);
  }
  t.define(out, 'float', t.maxRank(ins));
}

/** Only the 1×1, stride-1 NHWC convolutions this graph uses: a MatMul over the channel axis. */
function conv2d(call: OpCall): void {
  const { node, ins, out, n, t } = call;
  const kernel = t.constant(ins[1]!);
  if (!kernel || kernel.dims.length !== 4 || kernel.dims[0] !== 1 || kernel.dims[1] !== 1) {
    throw new Error(`${n}: only constant 1x1 kernels are supported`);
  }
  if (attrString(node, 'data_format') !== 'NHWC') throw new Error(`${n}: only NHWC`);
  if (attrInts(node, 'strides').some((s) => s !== 1) || attrInts(node, 'dilations').some((s) => s !== 1)) {
    throw new Error(`${n}: only stride/dilation 1`);
  }
  const name = `${ins[1]!.replace(/:0$/, '')}/__as_matrix`;
  call.matmul(t.input(ins[0]!), { name, rows: kernel.dims[2]!, cols: kernel.dims[3]!, values: kernel.floats! }, out, n);
  t.define(out, 'float', t.rankOf(ins[0]!));
}

export const MATMUL_OPS: Record<string, Translate> = {
  MatMul: matMul,
  BatchMatMul: matMul,
  BatchMatMulV2: matMul,
  Conv2D: conv2d,
};
