/** TF ops that map onto one ONNX op (or a pair) applied element by element, plus casts and reductions. */
import { onnxDType } from './onnx-builder.js';
import { rankPlus, sameAsInput, type OpCall, type Translate } from './op-call.js';
import { attrBool, attrString, tfDType } from './tf-graph.js';

function binary(onnxOp: string, isCompare = false): Translate {
  return ({ node, ins, out, n, t }) => {
    const format = attrString(node, 'data_format');
    if (format !== undefined && format !== 'NHWC') throw new Error(`${n}: data_format ${format}`);
    t.b.op(onnxOp, [t.input(ins[0]!), t.input(ins[1]!)], [out], {}, n);
    t.define(out, isCompare ? 'bool' : t.dtypeOf(ins[0]!), t.maxRank(ins));
  };
}

function unary(onnxOp: string): Translate {
  return (call) => {
    call.t.b.op(onnxOp, [call.t.input(call.ins[0]!)], [call.out], {}, call.n);
    sameAsInput(call);
  };
}

function reduce(onnxOp: string): Translate {
  return (call) => {
    const { node, ins, out, n, t } = call;
    const axes = t.staticInts(ins[1]!);
    const keep = attrBool(node, 'keep_dims') ? 1 : 0;
    t.b.op(onnxOp, [t.input(ins[0]!), t.b.ints(axes)], [out], { keepdims: keep }, n);
    t.define(out, t.dtypeOf(ins[0]!), keep ? t.rankOf(ins[0]!) : rankPlus(call, -axes.length));
  };
}

export const ELEMENTWISE_OPS: Record<string, Translate> = {
  Identity: unary('Identity'),
  Add: binary('Add'),
  AddV2: binary('Add'),
  BiasAdd: binary('Add'),
  Sub: binary('Sub'),
  Mul: binary('Mul'),
  RealDiv: binary('Div'),
  Maximum: binary('Max'),
  Less: binary('Less', true),
  Greater: binary('Greater', true),
  Square: (call: OpCall) => {
    const x = call.t.input(call.ins[0]!);
    call.t.b.op('Mul', [x, x], [call.out], {}, call.n);
    sameAsInput(call);
  },
  Rsqrt: (call: OpCall) => {
    const { ins, out, n, t } = call;
    const [s] = t.b.op('Sqrt', [t.input(ins[0]!)], [`${n}/__sqrt`], {}, `${n}/__sqrt`);
    t.b.op('Reciprocal', [s!], [out], {}, n);
    sameAsInput(call, 'float');
  },
  Sin: unary('Sin'),
  Cos: unary('Cos'),
  Tanh: unary('Tanh'),
  Relu: unary('Relu'),
  LogicalNot: unary('Not'),
  Softmax: (call: OpCall) => {
    call.t.b.op('Softmax', [call.t.input(call.ins[0]!)], [call.out], { axis: -1 }, call.n);
    sameAsInput(call, 'float');
  },
  Cast: (call: OpCall) => {
    const to = tfDType(call.node.attr?.DstT?.type);
    call.t.b.op('Cast', [call.t.input(call.ins[0]!)], [call.out], { to: onnxDType(to) }, call.n);
    sameAsInput(call, to);
  },
  Sum: reduce('ReduceSum'),
  Mean: reduce('ReduceMean'),
  Max: reduce('ReduceMax'),
  Prod: reduce('ReduceProd'),
  Where: ({ ins, out, n, t }: OpCall) => {
    if (ins.length !== 1) throw new Error(`${n}: only the one-input Where is supported`);
    const [nzOut] = t.b.op('NonZero', [t.input(ins[0]!)], [`${n}/__nonzero`], {}, `${n}/__nonzero`);
    t.b.op('Transpose', [nzOut!], [out], { perm: [1, 0] }, n);
    t.define(out, 'int64', 2);
  },
};
