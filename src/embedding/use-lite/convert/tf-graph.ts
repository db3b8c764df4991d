/** Reading the TF.js GraphModel: model.json, its weight shards, and the graph's nodes in a stable topological order. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ConstValue, DType } from './onnx-builder.js';

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
export interface TfNode {
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

export interface TfGraph {
  /** Nodes in dependency order, ties broken by their order in the file. */
  nodes: TfNode[];
  /** The weights, keyed by tensor name (`name:0`). TF int32 becomes int64, what ONNX shape ops use. */
  consts: Map<string, ConstValue>;
}

export async function readTfGraph(dir: string): Promise<TfGraph> {
  const model = JSON.parse(await readFile(path.join(dir, 'model.json'), 'utf8')) as TfModelJson;
  const consts = new Map<string, ConstValue>();
  for (const group of model.weightsManifest) {
    const buffers = await Promise.all(group.paths.map((p) => readFile(path.join(dir, p))));
    readWeightGroup(group.weights, Buffer.concat(buffers), consts);
  }
  return { nodes: topoSort(model.modelTopology.node), consts };
}

/** A manifest group's shards are one concatenated buffer, its weights laid out in order. */
function readWeightGroup(weights: TfWeightSpec[], all: Buffer, consts: Map<string, ConstValue>): void {
  let offset = 0;
  for (const w of weights) {
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

/** Kahn's algorithm, stable with respect to the file's node order. */
function topoSort(nodes: TfNode[]): TfNode[] {
  const byName = new Map(nodes.map((nd) => [nd.name, nd] as const));
  const indexOf = new Map(nodes.map((nd, i) => [nd.name, i] as const));
  const pending = new Map<string, number>();
  const users = new Map<string, string[]>();
  for (const nd of nodes) {
    const deps = new Set((nd.input ?? []).map((x) => x.replace(/^\^/, '').replace(/:\d+$/, '')).filter((x) => byName.has(x)));
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

/** "a" → "a:0"; "a:2" → "a:2"; "^a" (control dependency) → null. */
export function tensorRef(input: string): string | null {
  if (input.startsWith('^')) return null;
  return /:\d+$/.test(input) ? input : `${input}:0`;
}

export function tfDType(t: number | undefined): DType {
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

export function attrInt(node: TfNode, key: string, fallback?: number): number {
  const v = node.attr?.[key]?.i;
  if (v === undefined) {
    if (fallback === undefined) throw new Error(`${node.name}: missing attr ${key}`);
    return fallback;
  }
  return Number(v);
}

export function attrBool(node: TfNode, key: string): boolean {
  return node.attr?.[key]?.b === true;
}

export function attrInts(node: TfNode, key: string): number[] {
  return (node.attr?.[key]?.list?.i ?? []).map(Number);
}

export function attrString(node: TfNode, key: string): string | undefined {
  const s = node.attr?.[key]?.s;
  if (s === undefined) return undefined;
  if (typeof s === 'string') return Buffer.from(s, 'base64').toString('utf8');
  return Buffer.from(s).toString('utf8');
}
