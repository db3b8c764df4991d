import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder } from '../../src/embedding/create-embedder.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { createQaService } from '../../src/qa-service.js';
import type { QaService } from '../../src/types.js';
import { tempSeedArticles } from '../support/articles.js';


/** Questions about the seed article, answerable and not, phrased the way users ask. */
const QUESTIONS = [
  'Did the Kremlin confirm Putin would not attend?',
  'What did Peskov tell CNN?',
  'How many reporters were outside the palace?',
  'Who leads the Russian delegation?',
  'Who is leading Russia’s team in Istanbul?',
  'What did Trump say about more sanctions?',
  'What is the minerals agreement?',
  'Where did Zelenskyy land on Thursday?',
  'What did Zelenskyy post on X?',
  'Who reported this story?',
  'Was the delegation ready for serious work?',
  'Which countries are Ukraine’s allies?',
  'Did Zelenskyy back the ceasefire?',
  'What did JD Vance say?',
  'Who is the Prime Minister of Canada?',
  'What is the boiling point of water?',
  'Recommend me a good movie',
  'Is Lavrov going to Istanbul?',
  'Why was the White House tone changing?',
  'What about secondary sanctions on Russian oil buyers?',
];

let onnx: Embedder;
let tfjs: Embedder;
let services: QaService[];
const articlesDir = tempSeedArticles();
const dirs: string[] = [articlesDir];

beforeAll(async () => {
  onnx = await createEmbedder('use-lite');
  tfjs = await createEmbedder('use-lite-tfjs');
  services = await Promise.all(
    [onnx, tfjs].map((embedder) => {
      const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'footnote-parity-'));
      dirs.push(indexDir);
      return createQaService({ articlesDir, indexDir, embedder });
    }),
  );
});

afterAll(async () => {
  await Promise.all([onnx.close(), tfjs.close()]);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('USE-lite on ONNX vs the TF.js reference runtime', () => {
  it('ranks the same top 3 sentences, in the same order, for every question', async () => {
    for (const question of QUESTIONS) {
      const [fromOnnx, fromTfjs] = await Promise.all(services.map((service) => service.search(question, 3)));
      expect(fromOnnx!.map((hit) => hit.passage.id), question).toEqual(fromTfjs!.map((hit) => hit.passage.id));
    }
  });

  it('answers or abstains alike', async () => {
    for (const question of QUESTIONS) {
      const [a, b] = await Promise.all(services.map((service) => service.ask(question)));
      expect(a!.answered, question).toBe(b!.answered);
    }
  });
});
