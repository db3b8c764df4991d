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
import { emitConstMatMul, type QuantizeOptions } from './quantize.js';

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
  const emit = new LeanEmitter(b, consts, options);
  let x = emit.embedded();
  LAYERS.forEach((shape, l) => (x = emit.layer(x, l, shape)));
  return emit.pooled(x);
}

const { FLOAT, BOOL, INT64 } = onnx.TensorProto.DataType;

class LeanEmitter {
  /** 1 where a position counts, else 0: [B, S], and as a column [B, S, 1]. */
  private readonly kept: string;
  private readonly keptColumn: string;
  private readonly keptBool: string;
  private readonly positions: string;
  /** Additive attention bias [B, 1, 1, S]: −1e9 on keys that do not count. */
  private readonly bias: string;

  constructor(
    private readonly b: OnnxBuilder,
    private readonly consts: Map<string, ConstValue>,
    private readonly options: QuantizeOptions,
  ) {
    // Which positions count: unpadded, and among the sentence's first 128 tokens.
    const maskBool = this.op('Cast', ['attention_mask'], 'lean/mask_bool', { to: BOOL });
    const maskInt = this.op('Cast', [maskBool], 'lean/mask_int', { to: INT64 });
    const counted = this.op('CumSum', [maskInt, b.scalar('int64', 1, 'axis')], 'lean/cumsum');
    this.positions = this.op('Sub', [counted, b.scalar('int64', 1, 'one')], 'lean/positions');
    const inClip = this.op('Less', [this.positions, b.scalar('int64', MAX_TOKENS, 'max_tokens')], 'lean/in_clip');
    this.keptBool = this.op('And', [maskBool, inClip], 'lean/kept_bool');
    this.kept = this.op('Cast', [this.keptBool], 'lean/kept', { to: FLOAT });
    this.keptColumn = this.op('Unsqueeze', [this.kept, b.ints([-1], 'last')], 'lean/kept_3d');
    const notKept = this.op('Sub', [b.scalar('float', 1, 'one_f'), this.kept], 'lean/not_kept');
    const bias2d = this.op('Mul', [notKept, b.scalar('float', -1e9, 'neg_inf')], 'lean/bias_2d');
    this.bias = this.op('Unsqueeze', [bias2d, b.ints([1, 2], 'bias_axes')], 'lean/attention_bias');
  }

  /** The first layer's input: embedding + (embedding + timing signal), as the TF graph adds them. */
  embedded(): string {
    // Padded cells read position 0 and token 0; their values never reach a kept position.
    const safePositions = this.op('Where', [this.keptBool, this.positions, this.b.scalar('int64', 0, 'zero')], 'lean/safe_positions');
    const safeIds = this.op('Where', [this.keptBool, 'input_ids', this.b.scalar('int64', 0, 'zero_id')], 'lean/safe_ids');
    const embedded = this.op('Gather', [this.init('module/Embeddings_en'), safeIds], 'lean/embedded', { axis: 0 });
    const signal = timingSignal(this.weight(`${STACK}/Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1`));
    const timing = this.op('Gather', [this.b.initializer('lean/timing_signal', signal), safePositions], 'lean/timing', { axis: 0 });
    const timed = this.op('Add', [embedded, timing], 'lean/embedded_timed');
    return this.op('Add', [embedded, timed], 'lean/layer0_input');
  }

  /** One Transformer layer: self-attention with its residual, then the feed-forward block with its own. */
  layer(x: string, l: number, { width, heads }: LayerShape): string {
    const layer = `${PREFIX}/Layer_${l}/TransformerLayer`;
    const tag = `lean/l${l}`;
    const normed = this.layerNorm(x, `${layer}/layer_prepostprocess/layer_norm`, `${tag}/ln`);
    const attended = this.attention(normed, l, { width, heads }, tag);
    // The first layer widens its input to 512 for the residual path [AdjustResidualInput].
    const residual = width === 512 ? x : this.dense(x, `${layer}/dense/kernel/ConcatPartitions/concat`, `${layer}/dense/bias/ConcatPartitions/concat`, `${tag}/adjust`);
    const afterAttention = this.op('Add', [attended, residual], `${tag}/attention_residual`);
    const ffnNormed = this.layerNorm(afterAttention, `${layer}/FFN/layer_prepostprocess/layer_norm`, `${tag}/ffn_ln`);
    const ffn = `${STACK}/Layer_${l}/TransformerLayer/FFN`;
    const hidden = this.op('Relu', [this.dense(ffnNormed, `${ffn}/conv1/Tensordot/Reshape_1`, `${layer}/FFN/conv1/bias/ConcatPartitions/concat`, `${tag}/ffn1`)], `${tag}/ffn1_relu`);
    const ffnOut = this.dense(hidden, `${ffn}/conv2/Tensordot/Reshape_1`, `${layer}/FFN/conv2/bias/ConcatPartitions/concat`, `${tag}/ffn2`);
    return this.op('Add', [ffnOut, afterAttention], `${tag}/output`);
  }

  /** Mean over the positions that count (at least one), then the tanh layer and L2 normalisation. */
  pooled(x: string): string {
    const summed = this.op('ReduceSum', [this.op('Mul', [x, this.keptColumn], 'lean/masked'), this.b.ints([1], 'time_axis')], 'lean/summed', { keepdims: 0 });
    const count = this.op('ReduceSum', [this.kept, this.b.ints([1], 'time_axis_2')], 'lean/count', { keepdims: 1 });
    const atLeastOne = this.op('Max', [count, this.b.scalar('float', 1, 'one_count')], 'lean/count_at_least_1');
    const pooled = this.op('Div', [summed, atLeastOne], 'lean/pooled');
    const tanhLayer = 'module/Encoder_en/hidden_layers/tanh_layer_0';
    const hidden = this.op('Tanh', [this.dense(pooled, `${tanhLayer}/weights`, `${tanhLayer}/bias`, 'lean/tanh_in')], 'lean/tanh');
    const squares = this.op('ReduceSum', [this.op('Mul', [hidden, hidden], 'lean/square'), this.b.ints([-1], 'last_axis')], 'lean/sum_squares', { keepdims: 1 });
    const epsilon = this.weight('module_apply_default/Encoder_en/hidden_layers/l2_normalize/Maximum/y').floats![0]!;
    const floored = this.op('Max', [squares, this.b.scalar('float', epsilon, 'l2_eps')], 'lean/sum_squares_eps');
    const inverseNorm = this.op('Reciprocal', [this.op('Sqrt', [floored], 'lean/norm')], 'lean/inverse_norm');
    return this.op('Mul', [hidden, inverseNorm], 'lean/normalized');
  }

  /** Multi-head self-attention over the positions that count, through the output projection. */
  private attention(normed: string, l: number, { width, heads }: LayerShape, tag: string): string {
    const layer = `${PREFIX}/Layer_${l}/TransformerLayer/MultiheadAttention`;
    const kernels = `${KERNELS}/Layer_${l}/TransformerLayer/MultiheadAttention`;
    const qkvMatrix = this.matmul(normed, `${kernels}/qkv_transform_single/kernel/part_0`, `${tag}/qkv_mm`, width, 3 * width);
    const qkv = this.op('Add', [qkvMatrix, this.init(`${layer}/qkv_transform_single/bias/ConcatPartitions/concat`)], `${tag}/qkv`);
    const [q, k, v] = this.b.op('Split', [qkv, this.b.ints([width, width, width], 'split')], [`${tag}/q`, `${tag}/k`, `${tag}/v`], { axis: -1 }, `${tag}/split`);
    const splitHeads = (t: string, name: string) =>
      this.op('Transpose', [this.op('Reshape', [t, this.b.ints([0, 0, heads, width / heads], 'heads_shape')], `${name}_r`)], name, { perm: [0, 2, 1, 3] });
    const scale = this.weight(`${STACK}/Layer_${l}/TransformerLayer/MultiheadAttention/mul/y`).floats![0]!;
    const qh = this.op('Mul', [splitHeads(q!, `${tag}/qh`), this.b.scalar('float', scale, 'q_scale')], `${tag}/qh_scaled`);
    const kt = this.op('Transpose', [splitHeads(k!, `${tag}/kh`)], `${tag}/kt`, { perm: [0, 1, 3, 2] });
    const scores = this.op('Add', [this.op('MatMul', [qh, kt], `${tag}/qk`), this.bias], `${tag}/scores`);
    const weights = this.op('Softmax', [scores], `${tag}/weights`, { axis: -1 });
    const attended = this.op('MatMul', [weights, splitHeads(v!, `${tag}/vh`)], `${tag}/attended`);
    const merged = this.op('Transpose', [attended], `${tag}/attended_t`, { perm: [0, 2, 1, 3] });
    const combined = this.op('Reshape', [merged, this.b.ints([0, 0, width], 'combine_shape')], `${tag}/combined`);
    const projected = this.matmul(combined, `${kernels}/output_transform_single/kernel/part_0`, `${tag}/out_mm`, width, 512);
    return this.op('Add', [projected, this.init(`${layer}/output_transform_single/bias/ConcatPartitions/concat`)], `${tag}/out`);
  }

  private layerNorm(x: string, weights: string, name: string): string {
    const scale = this.init(`${weights}/layer_norm_scale/ConcatPartitions/concat`);
    const bias = this.init(`${weights}/layer_norm_bias/ConcatPartitions/concat`);
    return this.op('LayerNormalization', [x, scale, bias], name, { axis: -1, epsilon: { float: LAYER_NORM_EPSILON } });
  }

  private dense(x: string, kernel: string, bias: string, name: string): string {
    return this.op('Add', [this.matmul(x, kernel, `${name}_mm`), this.init(bias)], name);
  }

  /** `a · W` for a constant W (a 1×1 convolution kernel is read as its [rows, cols] matrix). */
  private matmul(a: string, name: string, out: string, rows?: number, cols?: number): string {
    const w = this.weight(name);
    const [r, c] = rows !== undefined ? [rows, cols!] : [w.dims[0]!, w.dims[1]!];
    emitConstMatMul(this.b, this.options, a, { name: rows !== undefined ? `${name}/__as_matrix` : name, rows: r, cols: c, values: w.floats! }, out, out);
    return out;
  }

  private weight(name: string): ConstValue {
    const found = this.consts.get(`${name}:0`);
    if (!found) throw new Error(`USE-lite weight ${name} not found`);
    return found;
  }

  private init(name: string): string {
    return this.b.initializer(name, this.weight(name));
  }

  private op(type: string, inputs: string[], name: string, attrs: Record<string, Attribute> = {}): string {
    return this.b.op(type, inputs, [name], attrs, name)[0]!;
  }
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
