import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export type DType = 'float' | 'int64' | 'bool';

/** A constant tensor: float32 values for floats, plain numbers for ints and bools. */
export interface ConstValue {
  dtype: DType;
  dims: number[];
  floats?: Float32Array;
  ints?: number[];
}

export type OnnxNode = InstanceType<typeof onnx.NodeProto>;
export type OnnxTensor = InstanceType<typeof onnx.TensorProto>;
/** Integers, integer lists and strings as they are; a float attribute as `{ float: x }`. */
export type Attribute = number | number[] | string | { float: number };

export function onnxDType(d: DType): number {
  return d === 'float' ? onnx.TensorProto.DataType.FLOAT : d === 'int64' ? onnx.TensorProto.DataType.INT64 : onnx.TensorProto.DataType.BOOL;
}

function int64Raw(values: number[]): Uint8Array {
  const arr = new BigInt64Array(values.map((v) => BigInt(v)));
  return new Uint8Array(arr.buffer);
}

function rawBytes(value: ConstValue): Uint8Array {
  if (value.dtype === 'float') return new Uint8Array(value.floats!.buffer, value.floats!.byteOffset, value.floats!.byteLength);
  if (value.dtype === 'int64') return int64Raw(value.ints!);
  return new Uint8Array(value.ints!.map((v) => (v ? 1 : 0)));
}

function attribute(key: string, v: Attribute) {
  if (typeof v === 'object' && !Array.isArray(v)) return onnx.AttributeProto.create({ name: key, type: onnx.AttributeProto.AttributeType.FLOAT, f: v.float });
  if (typeof v === 'number') return onnx.AttributeProto.create({ name: key, type: onnx.AttributeProto.AttributeType.INT, i: v });
  if (typeof v === 'string') {
    return onnx.AttributeProto.create({ name: key, type: onnx.AttributeProto.AttributeType.STRING, s: Buffer.from(v, 'utf8') });
  }
  return onnx.AttributeProto.create({ name: key, type: onnx.AttributeProto.AttributeType.INTS, ints: v });
}

/**
 * Collects nodes and initializers in the order they are emitted. Names of helper tensors and nodes come from
 * counters, and attributes are sorted, so the same calls always serialise to the same bytes.
 */
export class OnnxBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly emittedInitializers = new Set<string>();
  private helperCount = 0;
  private nodeCount = 0;

  fresh(hint: string): string {
    return `__${hint}_${this.helperCount++}`;
  }

  initializer(name: string, value: ConstValue): string {
    return this.raw(name, onnxDType(value.dtype), value.dims, rawBytes(value));
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

  op(opType: string, inputs: string[], outputs: string[] | number = 1, attrs: Record<string, Attribute> = {}, name?: string): string[] {
    const nodeName = name ?? `${opType}_${this.nodeCount}`;
    this.nodeCount++;
    const outs = typeof outputs === 'number' ? Array.from({ length: outputs }, (_, i) => `${nodeName}:${i}`) : outputs;
    const attributes = Object.keys(attrs)
      .sort()
      .map((key) => attribute(key, attrs[key]!));
    this.nodes.push(onnx.NodeProto.create({ name: nodeName, opType, input: inputs, output: outs, attribute: attributes }));
    return outs;
  }
}
