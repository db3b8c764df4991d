/**
 * USE-lite as a dense ONNX graph written from its architecture (a two-layer Transformer encoder from Tensor2Tensor),
 * with the weights of the TF.js graph: 90 nodes instead of the op-by-op translation's 339.
 *
 * The op-by-op graph (convert.ts) keeps TF's own bookkeeping: every layer gathers the unpadded tokens out of the
 * batch and scatters them back, and every reshape computes its shape from Shape/Slice/Pack nodes at run time. For a
 * question (one short sentence) that bookkeeping was most of the run: each node costs onnxruntime a few
 * microseconds whatever its size. Here every position is computed densely instead, which leaves each sentence's
 * embedding unchanged, because a padded position never reaches an unpadded one: attention gives padded keys a
 * −1e9 bias (as the TF graph does), layer norms and feed-forward layers work position by position, and the mean
 * over the sentence counts unpadded positions only. Positions count unpadded tokens, so left or right padding
 * (or any holes in the mask) give the same vectors, as before. `tests/integration/use-lite-lean.test.ts` holds
 * the two graphs to each other.
 *
 * What the TF graph does, in order (node names in brackets):
 * - token embeddings, 256-d [embedding_lookup]; the input to the first layer is embedding + (embedding + timing
 *   signal) [Layer_0/add adds the scattered embeddings to the scattered AddTimingSignal output], the timing
 *   signal being sin and cos of position × 128 inverse timescales [AddTimingSignal/TimingSignal];
 * - per layer: layer norm (ε 1e-6) → q, k, v from one projection → 4 heads, q scaled by depth^-½ → softmax with
 *   the padding bias → output projection → residual (layer 0 projects its 256-d input to 512 for it:
 *   AdjustResidualInput) → layer norm → ReLU feed-forward 512→1536→512 → residual;
 * - mean over the unpadded positions (at least one), a 512→512 tanh layer, L2 normalisation (ε 1e-12).
 * Only the first 128 tokens of a sentence count [ClipToMaxLength], as in the TF graph.
 */
import onnxProto from 'onnx-proto';
import type { Attribute, ConstValue, OnnxBuilder } from './onnx-builder.js';
import { emitConstMatMul, USE_LITE_INT8_DEFAULT, type QuantizeOptions } from './quantize.js';

const { onnx } = onnxProto;
const MAX_TOKENS = 128;
/** The graph's own ε [layer_norm/Cast/x], 1e-6 in float32. */
const LAYER_NORM_EPSILON = 9.999999974752427e-7;
/** Where the TF.js graph keeps each kind of weight: biases and norms, 1×1 convolution kernels, the rest. */
const PREFIX = 'module_apply_default/Encoder_en/KonaTransformer/Encode';
const KERNELS = 'module/Encoder_en/KonaTransformer/Encode';
const STACK = `${PREFIX}/TransformerStack`;

interface LayerShape {
  width: number; // model width at the layer's input
  heads: number;
}
const LAYERS: LayerShape[] = [
  { width: 256, heads: 4 },
  { width: 512, heads: 4 },
];

/** Emits the encoder on `input_ids`, `attention_mask` (int64 [batch, seq]); returns the output tensor's name. */
export function emitLeanUseLite(b: OnnxBuilder, consts: Map<string, ConstValue>, options: QuantizeOptions): string {
  const { FLOAT, BOOL, INT64 } = onnx.TensorProto.DataType;
  const weight = (name: string): ConstValue => {
    const found = consts.get(`${name}:0`);
    if (!found) throw new Error(`USE-lite weight ${name} not found`);
    return found;
  };
  const init = (name: string) => b.initializer(name, weight(name));
  const op = (type: string, inputs: string[], name: string, attrs: Record<string, Attribute> = {}) => b.op(type, inputs, [name], attrs, name)[0]!;

  // Which positions count: unpadded, and among the sentence's first 128 tokens.
  const maskBool = op('Cast', ['attention_mask'], 'lean/mask_bool', { to: BOOL });
  const maskInt = op('Cast', [maskBool], 'lean/mask_int', { to: INT64 });
  const positions = op('Sub', [op('CumSum', [maskInt, b.scalar('int64', 1, 'axis')], 'lean/cumsum'), b.scalar('int64', 1, 'one')], 'lean/positions');
  const keptBool = op('And', [maskBool, op('Less', [positions, b.scalar('int64', MAX_TOKENS, 'max_tokens')], 'lean/in_clip')], 'lean/kept_bool');
  const kept = op('Cast', [keptBool], 'lean/kept', { to: FLOAT }); // [B, S]
  const keptColumn = op('Unsqueeze', [kept, b.ints([-1], 'last')], 'lean/kept_3d'); // [B, S, 1]

  const matmul = (a: string, name: string, out: string, rows?: number, cols?: number) => {
    const w = weight(name);
    const [r, c] = rows !== undefined ? [rows, cols!] : [w.dims[0]!, w.dims[1]!];
    // int8 activations are quantized per tensor: padded rows are zeroed so that, as in the TF graph (which never
    // computes them), only the sentence's own tokens set the range (a zero row is always inside it).
    const quantized = options.quantize === 'int8' && (options.quantizeOnly ?? USE_LITE_INT8_DEFAULT).test(name);
    const input = quantized ? op('Mul', [a, keptColumn], `${out}/__kept_rows`) : a;
    emitConstMatMul(b, options, input, { name: rows !== undefined ? `${name}/__as_matrix` : name, rows: r, cols: c, values: w.floats! }, out, out);
    return out;
  };
  // Padded cells read position 0 and token 0; their values never reach a kept position.
  const safePositions = op('Where', [keptBool, positions, b.scalar('int64', 0, 'zero')], 'lean/safe_positions');
  const safeIds = op('Where', [keptBool, 'input_ids', b.scalar('int64', 0, 'zero_id')], 'lean/safe_ids');

  const embedded = op('Gather', [init('module/Embeddings_en'), safeIds], 'lean/embedded', { axis: 0 });
  const table = b.initializer('lean/timing_signal', timingSignal(weight(`${STACK}/Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1`)));
  const timed = op('Add', [embedded, op('Gather', [table, safePositions], 'lean/timing', { axis: 0 })], 'lean/embedded_timed');
  let x = op('Add', [embedded, timed], 'lean/layer0_input');

  // Additive attention bias [B, 1, 1, S]: −1e9 on keys that do not count.
  const notKept = op('Sub', [b.scalar('float', 1, 'one_f'), kept], 'lean/not_kept');
  const bias = op('Unsqueeze', [op('Mul', [notKept, b.scalar('float', -1e9, 'neg_inf')], 'lean/bias_2d'), b.ints([1, 2], 'bias_axes')], 'lean/attention_bias');

  LAYERS.forEach(({ width, heads }, l) => {
    const layer = `${PREFIX}/Layer_${l}/TransformerLayer`;
    const tag = `lean/l${l}`;
    const depth = width / heads;
    const normed = op('LayerNormalization', [x, init(`${layer}/layer_prepostprocess/layer_norm/layer_norm_scale/ConcatPartitions/concat`), init(`${layer}/layer_prepostprocess/layer_norm/layer_norm_bias/ConcatPartitions/concat`)], `${tag}/ln`, { axis: -1, epsilon: { float: LAYER_NORM_EPSILON } });
    const qkvWeight = `${KERNELS}/Layer_${l}/TransformerLayer/MultiheadAttention/qkv_transform_single/kernel/part_0`;
    const qkv = op('Add', [matmul(normed, qkvWeight, `${tag}/qkv_mm`, width, 3 * width), init(`${layer}/MultiheadAttention/qkv_transform_single/bias/ConcatPartitions/concat`)], `${tag}/qkv`);
    const [q, k, v] = b.op('Split', [qkv, b.ints([width, width, width], 'split')], [`${tag}/q`, `${tag}/k`, `${tag}/v`], { axis: -1 }, `${tag}/split`);
    const splitHeads = (t: string, name: string) =>
      op('Transpose', [op('Reshape', [t, b.ints([0, 0, heads, depth], 'heads_shape')], `${name}_r`)], name, { perm: [0, 2, 1, 3] });
    const scale = weight(`${STACK}/Layer_${l}/TransformerLayer/MultiheadAttention/mul/y`).floats![0]!;
    const qh = op('Mul', [splitHeads(q!, `${tag}/qh`), b.scalar('float', scale, 'q_scale')], `${tag}/qh_scaled`);
    const kh = splitHeads(k!, `${tag}/kh`);
    const vh = splitHeads(v!, `${tag}/vh`);
    const scores = op('Add', [op('MatMul', [qh, op('Transpose', [kh], `${tag}/kt`, { perm: [0, 1, 3, 2] })], `${tag}/qk`), bias], `${tag}/scores`);
    const attended = op('MatMul', [op('Softmax', [scores], `${tag}/weights`, { axis: -1 }), vh], `${tag}/attended`);
    const combined = op('Reshape', [op('Transpose', [attended], `${tag}/attended_t`, { perm: [0, 2, 1, 3] }), b.ints([0, 0, width], 'combine_shape')], `${tag}/combined`);
    const outWeight = `${KERNELS}/Layer_${l}/TransformerLayer/MultiheadAttention/output_transform_single/kernel/part_0`;
    const projected = op('Add', [matmul(combined, outWeight, `${tag}/out_mm`, width, 512), init(`${layer}/MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat`)], `${tag}/out`);
    // The first layer widens its input to 512 for the residual path [AdjustResidualInput].
    const residual = width === 512 ? x : op('Add', [matmul(x, `${layer}/dense/kernel/ConcatPartitions/concat`, `${tag}/adjust_mm`), init(`${layer}/dense/bias/ConcatPartitions/concat`)], `${tag}/adjusted`);
    const afterAttention = op('Add', [projected, residual], `${tag}/attention_residual`);

    const ffnNormed = op('LayerNormalization', [afterAttention, init(`${layer}/FFN/layer_prepostprocess/layer_norm/layer_norm_scale/ConcatPartitions/concat`), init(`${layer}/FFN/layer_prepostprocess/layer_norm/layer_norm_bias/ConcatPartitions/concat`)], `${tag}/ffn_ln`, { axis: -1, epsilon: { float: LAYER_NORM_EPSILON } });
    const stackLayer = `${STACK}/Layer_${l}/TransformerLayer`;
    const hidden = op('Relu', [op('Add', [matmul(ffnNormed, `${stackLayer}/FFN/conv1/Tensordot/Reshape_1`, `${tag}/ffn1_mm`), init(`${layer}/FFN/conv1/bias/ConcatPartitions/concat`)], `${tag}/ffn1`)], `${tag}/ffn1_relu`);
    const ffnOut = op('Add', [matmul(hidden, `${stackLayer}/FFN/conv2/Tensordot/Reshape_1`, `${tag}/ffn2_mm`), init(`${layer}/FFN/conv2/bias/ConcatPartitions/concat`)], `${tag}/ffn2`);
    x = op('Add', [ffnOut, afterAttention], `${tag}/output`);
  });

  // Mean over the positions that count (at least one), then the tanh layer and L2 normalisation.
  const summed = op('ReduceSum', [op('Mul', [x, keptColumn], 'lean/masked'), b.ints([1], 'time_axis')], 'lean/summed', { keepdims: 0 });
  const count = op('Max', [op('ReduceSum', [kept, b.ints([1], 'time_axis_2')], 'lean/count', { keepdims: 1 }), b.scalar('float', 1, 'one_count')], 'lean/count_at_least_1');
  const pooled = op('Div', [summed, count], 'lean/pooled');
  const hidden = op('Tanh', [op('Add', [matmul(pooled, 'module/Encoder_en/hidden_layers/tanh_layer_0/weights', 'lean/tanh_mm'), init('module/Encoder_en/hidden_layers/tanh_layer_0/bias')], 'lean/tanh_in')], 'lean/tanh');
  const squares = op('ReduceSum', [op('Mul', [hidden, hidden], 'lean/square'), b.ints([-1], 'last_axis')], 'lean/sum_squares', { keepdims: 1 });
  const epsilon = weight('module_apply_default/Encoder_en/hidden_layers/l2_normalize/Maximum/y').floats![0]!;
  const inverseNorm = op('Reciprocal', [op('Sqrt', [op('Max', [squares, b.scalar('float', epsilon, 'l2_eps')], 'lean/sum_squares_eps')], 'lean/norm')], 'lean/inverse_norm');
  return op('Mul', [hidden, inverseNorm], 'lean/normalized');
}

/** sin and cos of position × inverse timescale for the 128 positions the graph keeps: [128, 256], as TF computes it. */
function timingSignal(inverseTimescales: ConstValue): ConstValue {
  const inv = inverseTimescales.floats!;
  const half = inv.length;
  const table = new Float32Array(MAX_TOKENS * 2 * half);
  for (let p = 0; p < MAX_TOKENS; p++) {
    for (let i = 0; i < half; i++) {
      const scaled = Math.fround(p * inv[i]!); // float32 product, as the graph's Mul
      table[p * 2 * half + i] = Math.sin(scaled);
      table[p * 2 * half + half + i] = Math.cos(scaled);
    }
  }
  return { dtype: 'float', dims: [MAX_TOKENS, 2 * half], floats: table };
}
