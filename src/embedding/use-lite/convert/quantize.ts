import onnxProto from 'onnx-proto';
import type { OnnxBuilder } from './onnx-builder.js';

const { onnx } = onnxProto;

/**
 * The weight matrices quantized by default: every product inside the two Transformer layers (attention
 * projections, the first layer's residual widening, the feed-forward layers). The 512→512 tanh layer stays float:
 * it runs once per sentence, not once per token, so int8 would only add nodes to a question's run.
 */
export const USE_LITE_INT8_DEFAULT = /Layer_\d\//;

export interface QuantizeOptions {
  /**
   * `'int8'`: MatMuls with a constant weight matrix become integer products of per-column symmetric int8 weights
   * and per-row symmetric int8 activations (each token's row gets its own scale at run time, stored as uint8 with
   * zero point 128 for onnxruntime's u8·s8 kernels). Per row, not per tensor: a sentence's vector does not depend
   * on the other sentences of its batch, and one outlier token cannot coarsen everyone's steps. Default: float32.
   */
  quantize?: 'int8';
  /** With `quantize`: which weight matrices (TF names) to quantize. Default {@link USE_LITE_INT8_DEFAULT}. */
  quantizeOnly?: RegExp;
}

/** A constant weight matrix W [rows, cols], row-major. */
export interface MatrixWeight {
  name: string;
  rows: number;
  cols: number;
  values: Float32Array;
}

/** Symmetric per-column int8: column j is `q[·, j] * scale[j]`. */
export function quantizeColumns({ rows: k, cols, values: w }: MatrixWeight): { q: Int8Array; scale: Float32Array } {
  const q = new Int8Array(k * cols);
  const scale = new Float32Array(cols);
  for (let j = 0; j < cols; j++) {
    let max = 0;
    for (let i = 0; i < k; i++) max = Math.max(max, Math.abs(w[i * cols + j]!));
    const s = max > 0 ? max / 127 : 1;
    scale[j] = s;
    for (let i = 0; i < k; i++) q[i * cols + j] = Math.max(-127, Math.min(127, Math.round(w[i * cols + j]! / s)));
  }
  return { q, scale };
}

/** Emits `out = a · W`, as a float MatMul or, when the options select W, as an integer product and its rescale. */
export function emitConstMatMul(b: OnnxBuilder, options: QuantizeOptions, a: string, weight: MatrixWeight, out: string, n: string): void {
  const { name: wName, rows: k, cols } = weight;
  if (options.quantize !== 'int8' || !(options.quantizeOnly ?? USE_LITE_INT8_DEFAULT).test(wName)) {
    b.op('MatMul', [a, b.initializer(wName, { dtype: 'float', dims: [k, cols], floats: weight.values })], [out], {}, n);
    return;
  }
  const { UINT8, INT8, FLOAT } = onnx.TensorProto.DataType;
  const { q, scale } = quantizeColumns(weight);
  const wq = b.raw(`${wName}/__int8`, INT8, [k, cols], new Uint8Array(q.buffer));
  const ws = b.raw(`${wName}/__scale`, FLOAT, [cols], new Uint8Array(scale.buffer));
  const wz = b.raw('__int8_zero', INT8, [], new Uint8Array(1));
  const az = b.raw('__uint8_128', UINT8, [], new Uint8Array([128]));
  const op = (type: string, inputs: string[], suffix: string, attrs = {}) => b.op(type, inputs, [`${n}/__${suffix}`], attrs, `${n}/__${suffix}`)[0]!;

  // Rows [tokens, k]: QuantizeLinear quantizes along one axis, here the row.
  const rows = op('Reshape', [a, b.ints([-1, k], 'rows_shape')], 'rows');
  const rowMax = op('ReduceMax', [op('Abs', [rows], 'abs'), b.ints([1], 'row_axis')], 'row_max', { keepdims: 0 });
  // A row of zeros (or of denormals) gets a tiny positive step instead of a division by zero.
  const rowScale = op('Mul', [op('Max', [rowMax, b.scalar('float', 1e-30, 'tiny')], 'row_max_floor'), b.scalar('float', 1 / 127, 'inv_127')], 'row_scale');
  const zeroPoints = op('Expand', [az, op('Shape', [rowScale], 'rows_count')], 'row_zero');
  const rowsQ = op('QuantizeLinear', [rows, rowScale, zeroPoints], 'rows_q', { axis: 0 });
  const product = op('Cast', [op('MatMulInteger', [rowsQ, wq, az, wz], 'mmi')], 'mmf', { to: FLOAT });
  const rescaled = op('Mul', [op('Mul', [product, op('Unsqueeze', [rowScale, b.ints([-1], 'last')], 'row_scale_col')], 'row_rescaled'), ws], 'rescaled');
  // Back to a's shape with the last axis now `cols`.
  const lead = op('Slice', [op('Shape', [a], 'a_shape'), b.ints([0], 'from'), b.ints([-1], 'to')], 'lead_shape');
  b.op('Reshape', [rescaled, op('Concat', [lead, b.ints([cols], 'cols')], 'out_shape', { axis: 0 })], [out], {}, n);
}
