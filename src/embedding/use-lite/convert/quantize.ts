import onnxProto from 'onnx-proto';
import type { OnnxBuilder } from './onnx-builder.js';

const { onnx } = onnxProto;

/**
 * The weight matrices quantized by default: the FFN layers only. Quantizing the attention projections or the
 * dense/tanh layers as well costs too much accuracy (worst cosine vs the reference falls to ~0.997; FFN only
 * stays above 0.999).
 */
export const USE_LITE_INT8_DEFAULT = /\/FFN\/conv[12]\//;

export interface QuantizeOptions {
  /**
   * `'int8'`: dynamic quantization of MatMuls with a constant weight matrix (per-column symmetric int8 weights,
   * activations quantized per tensor at run time: DynamicQuantizeLinear → MatMulInteger → rescale, the pattern
   * onnxruntime fuses into its integer MatMul kernels). Default: full float32.
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

/** Emits `out = a · W`, as a float MatMul or, when the options select W, as an int8 MatMulInteger and a rescale. */
export function emitConstMatMul(b: OnnxBuilder, options: QuantizeOptions, a: string, weight: MatrixWeight, out: string, n: string): void {
  const { name: wName, rows: k, cols } = weight;
  if (options.quantize !== 'int8' || !(options.quantizeOnly ?? USE_LITE_INT8_DEFAULT).test(wName)) {
    b.op('MatMul', [a, b.initializer(wName, { dtype: 'float', dims: [k, cols], floats: weight.values })], [out], {}, n);
    return;
  }
  const { q, scale } = quantizeColumns(weight);
  const wq = b.raw(`${wName}/__int8`, onnx.TensorProto.DataType.INT8, [k, cols], new Uint8Array(q.buffer));
  const ws = b.raw(`${wName}/__scale`, onnx.TensorProto.DataType.FLOAT, [cols], new Uint8Array(scale.buffer));
  const wz = b.raw(`${wName}/__zero`, onnx.TensorProto.DataType.INT8, [], new Uint8Array(1));
  const [aq, as, az] = b.op('DynamicQuantizeLinear', [a], [`${n}/__aq`, `${n}/__ascale`, `${n}/__azero`], {}, `${n}/__dql`);
  const [mi] = b.op('MatMulInteger', [aq!, wq, az!, wz], [`${n}/__mmi`], {}, `${n}/__mmi`);
  const [mf] = b.op('Cast', [mi!], [`${n}/__mmf`], { to: onnx.TensorProto.DataType.FLOAT }, `${n}/__cast`);
  const [sc] = b.op('Mul', [as!, ws], [`${n}/__scale`], {}, `${n}/__scale`);
  b.op('Mul', [mf!, sc!], [out], {}, n);
}
