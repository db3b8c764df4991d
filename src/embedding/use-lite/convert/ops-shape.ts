/** TF ops that reshape, slice, gather or scatter tensors. Axes, perms and bounds must be constants in the graph. */
import { rankPlus, sameAsInput, type OpCall, type Translate } from './op-call.js';
import { attrInt, attrInts } from './tf-graph.js';

const INT_MAX = 2147483647;

/** TF's begin/end/shrink masks resolved into plain ONNX Slice bounds, plus the axes to squeeze afterwards. */
function stridedBounds(call: OpCall): { starts: number[]; ends: number[]; strides: number[]; shrink: number[] } {
  const { node, ins, t } = call;
  const begin = t.staticInts(ins[1]!);
  const end = t.staticInts(ins[2]!);
  const strides = t.staticInts(ins[3]!);
  const beginMask = attrInt(node, 'begin_mask', 0);
  const endMask = attrInt(node, 'end_mask', 0);
  const shrinkMask = attrInt(node, 'shrink_axis_mask', 0);
  const starts: number[] = [];
  const ends: number[] = [];
  const shrink: number[] = [];
  for (let d = 0; d < begin.length; d++) {
    const s = strides[d]!;
    let st = begin[d]!;
    let en = end[d]!;
    if (beginMask & (1 << d)) st = s > 0 ? 0 : INT_MAX;
    if (endMask & (1 << d)) en = s > 0 ? INT_MAX : -INT_MAX;
    if (shrinkMask & (1 << d)) {
      en = st === -1 ? INT_MAX : st + 1;
      shrink.push(d);
    }
    starts.push(st);
    ends.push(en);
  }
  return { starts, ends, strides, shrink };
}

function stridedSlice(call: OpCall): void {
  const { node, ins, out, n, t } = call;
  if (attrInt(node, 'ellipsis_mask', 0) !== 0 || attrInt(node, 'new_axis_mask', 0) !== 0) {
    throw new Error(`${n}: ellipsis/new_axis masks not supported`);
  }
  const { starts, ends, strides, shrink } = stridedBounds(call);
  const axes = starts.map((_, d) => d);
  const sliceOut = shrink.length > 0 ? `${n}/__slice` : out;
  const b = t.b;
  b.op('Slice', [t.input(ins[0]!), b.ints(starts), b.ints(ends), b.ints(axes), b.ints(strides)], [sliceOut], {}, shrink.length > 0 ? `${n}/__slice` : n);
  if (shrink.length > 0) b.op('Squeeze', [sliceOut, b.ints(shrink)], [out], {}, n);
  t.define(out, t.dtypeOf(ins[0]!), rankPlus(call, -shrink.length));
}

function pack(call: OpCall): void {
  const { node, ins, out, n, t } = call;
  const count = attrInt(node, 'N');
  const axis = attrInt(node, 'axis', 0);
  const parts = ins.slice(0, count).map((x, i) => {
    const [u] = t.b.op('Unsqueeze', [t.input(x), t.b.ints([axis])], [`${n}/__unsqueeze_${i}`], {}, `${n}/__unsqueeze_${i}`);
    return u!;
  });
  t.b.op('Concat', parts, [out], { axis }, n);
  t.define(out, t.dtypeOf(ins[0]!), rankPlus(call, 1));
}

/** TF's dense-from-sparse ops: `base` expanded to `shape`, with `updates` scattered in at `indices`. */
function scatterInto(call: OpCall, base: string, shape: string, indices: string, updates: string, tag: string): void {
  const { out, n, t } = call;
  const [dense] = t.b.op('Expand', [base, t.input(shape)], [`${n}/__${tag}`], {}, `${n}/__${tag}`);
  t.b.op('ScatterND', [dense!, t.input(indices), t.input(updates)], [out], {}, n);
  t.define(out, t.dtypeOf(updates));
}

export const SHAPE_OPS: Record<string, Translate> = {
  Shape: ({ ins, out, n, t }: OpCall) => {
    t.b.op('Shape', [t.input(ins[0]!)], [out], {}, n);
    t.define(out, 'int64', 1);
  },
  Reshape: ({ ins, out, n, t }: OpCall) => {
    t.b.op('Reshape', [t.input(ins[0]!), t.input(ins[1]!)], [out], {}, n);
    t.define(out, t.dtypeOf(ins[0]!));
  },
  ExpandDims: (call: OpCall) => {
    const { ins, out, n, t } = call;
    const axis = t.staticInts(ins[1]!);
    t.b.op('Unsqueeze', [t.input(ins[0]!), t.b.ints(axis)], [out], {}, n);
    t.define(out, t.dtypeOf(ins[0]!), rankPlus(call, 1));
  },
  Squeeze: (call: OpCall) => {
    const { node, ins, out, n, t } = call;
    const axes = attrInts(node, 'squeeze_dims');
    if (axes.length === 0) throw new Error(`${n}: Squeeze without squeeze_dims`);
    t.b.op('Squeeze', [t.input(ins[0]!), t.b.ints(axes)], [out], {}, n);
    t.define(out, t.dtypeOf(ins[0]!), rankPlus(call, -axes.length));
  },
  Transpose: ({ ins, out, n, t }: OpCall) => {
    const perm = t.staticInts(ins[1]!);
    t.b.op('Transpose', [t.input(ins[0]!)], [out], { perm }, n);
    t.define(out, t.dtypeOf(ins[0]!), perm.length);
  },
  ConcatV2: (call: OpCall) => {
    const { node, ins, out, n, t } = call;
    const count = attrInt(node, 'N');
    const axis = t.staticInts(ins[count]!)[0]!;
    t.b.op('Concat', ins.slice(0, count).map((x) => t.input(x)), [out], { axis }, n);
    sameAsInput(call);
  },
  Pack: pack,
  StridedSlice: stridedSlice,
  Slice: (call: OpCall) => {
    const { ins, out, n, t } = call;
    const begin = t.staticInts(ins[1]!);
    const size = t.staticInts(ins[2]!);
    const ends = begin.map((st, d) => (size[d] === -1 ? INT_MAX : st + size[d]!));
    t.b.op('Slice', [t.input(ins[0]!), t.b.ints(begin), t.b.ints(ends), t.b.ints(begin.map((_, d) => d))], [out], {}, n);
    sameAsInput(call);
  },
  GatherV2: ({ node, ins, out, n, t }: OpCall) => {
    if (attrInt(node, 'batch_dims', 0) !== 0) throw new Error(`${n}: batch_dims`);
    const axis = t.staticInts(ins[2]!)[0]!;
    t.b.op('Gather', [t.input(ins[0]!), t.input(ins[1]!)], [out], { axis }, n);
    const rp = t.rankOf(ins[0]!);
    const ri = t.rankOf(ins[1]!);
    t.define(out, t.dtypeOf(ins[0]!), rp === undefined || ri === undefined ? undefined : rp - 1 + ri);
  },
  GatherNd: ({ ins, out, n, t }: OpCall) => {
    t.b.op('GatherND', [t.input(ins[0]!), t.input(ins[1]!)], [out], {}, n);
    t.define(out, t.dtypeOf(ins[0]!));
  },
  // TF: zeros(shape) with updates scattered at indices (indices are unique here).
  ScatterNd: (call: OpCall) => {
    const [indices, updates, shape] = call.ins as [string, string, string];
    scatterInto(call, call.t.b.scalar(call.t.dtypeOf(updates), 0, 'zero'), shape, indices, updates, 'zeros');
  },
  // (sparse_indices, output_shape, sparse_values, default_value)
  SparseToDense: (call: OpCall) => {
    const [indices, shape, values, fallback] = call.ins as [string, string, string, string];
    scatterInto(call, call.t.input(fallback), shape, indices, values, 'default');
  },
  Range: ({ ins, out, n, t }: OpCall) => {
    t.b.op('Range', [t.input(ins[0]!), t.input(ins[1]!), t.input(ins[2]!)], [out], {}, n);
    t.define(out, t.dtypeOf(ins[0]!), 1);
  },
  SplitV: ({ node, ins, n, t }: OpCall) => {
    const count = attrInt(node, 'num_split');
    const split = t.staticInts(ins[1]!);
    const axis = t.staticInts(ins[2]!)[0]!;
    const outs = Array.from({ length: count }, (_, i) => `${n}:${i}`);
    t.b.op('Split', [t.input(ins[0]!), t.b.ints(split)], outs, { axis }, n);
    for (const o of outs) t.define(o, t.dtypeOf(ins[0]!), t.rankOf(ins[0]!));
  },
};
