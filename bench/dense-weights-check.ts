/**
 * Whether USE-lite's cosine ranks better with its 512 dimensions weighed by weights learned from the questions:
 * USE-lite embeds a question and its answer alike, and a per-dimension weight on the question's vector is the
 * smallest question-to-answer map that could be fitted on this little data. The fit is
 * `bench/dense-weights-check.py`; this side writes what it needs and reads back what it learned.
 *
 *   npx tsx bench/dense-weights-check.ts --dump /tmp/dense-vectors.json
 *   python3 bench/dense-weights-check.py /tmp/dense-vectors.json 1 /tmp/dense-weighted.json
 *   npx tsx bench/dense-weights-check.ts --features /tmp/dense-weighted.json
 *
 * `--dump` writes every instance `npm run eval` builds (question, candidates as sentence ids, gold flags, fold
 * group) and the vectors of the distinct sentences and questions. `--features` gives each candidate the weighted
 * cosine the Python side computed with the weights of the folds it was not fitted on (`denseW`), with its gap to the
 * best candidate's and its rank, and prints the gold's rank among the candidates by it and the answer model's
 * held-out figures with it, cross-validated by article (3 folds). The answer model of fold k is fitted on other
 * folds' instances whose weights saw fold k's questions, which can only flatter the figures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { DEV_SETS } from '../src/eval/dev-sets.js';
import { openAnswerData, printGoldRanks, printHeldOutVariants } from './held-out-variants.js';

const option = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const dump = option('--dump');
const featuresFile = option('--features');
if (!dump && !featuresFile) throw new Error('usage: --dump FILE | --features FILE');

const data = await openAnswerData();
try {
  if (dump) {
    const ids = new Map<string, number>();
    const sentences: string[] = [];
    const rows = data.instances.map((instance) => ({
      group: instance.group,
      set: instance.set,
      kind: instance.kind,
      q: instance.question,
      cands: instance.candidates.map((c) => {
        let id = ids.get(c.passage.text);
        if (id === undefined) ids.set(c.passage.text, (id = sentences.push(c.passage.text) - 1));
        return id;
      }),
      gold: instance.candidates.map((c) => (instance.gold.has(c.passage) ? 1 : 0)),
    }));
    const questions = [...new Set(rows.map((r) => r.q))];
    const round = (v: number[]) => v.map((x) => Math.round(x * 1e5) / 1e5);
    const vectors = { sentences: (await data.embedder.embed(sentences)).map(round), qvec: (await data.embedder.embed(questions)).map(round) };
    writeFileSync(dump, JSON.stringify({ devSets: DEV_SETS, rows, questions, texts: sentences, ...vectors }));
    console.log(`${rows.length} instances, ${sentences.length} sentences, ${questions.length} questions → ${dump}`);
  } else {
    const weighted: number[][] = JSON.parse(readFileSync(featuresFile!, 'utf8'));
    if (weighted.length !== data.instances.length) throw new Error(`${featuresFile} has ${weighted.length} instances, not ${data.instances.length}`);
    const instances = data.instances.map((instance, i) => {
      const cosines = weighted[i]!;
      const best = Math.max(...cosines);
      const order = [...cosines].sort((a, b) => b - a);
      return {
        ...instance,
        candidates: instance.candidates.map((c, j) => ({
          ...c,
          features: { ...c.features!, denseW: cosines[j]!, denseWGap: cosines[j]! - best, denseWRank: 1 / (1 + order.indexOf(cosines[j]!)) },
        })),
      };
    });
    printGoldRanks(instances, ['denseW']);
    printHeldOutVariants(instances, [[], ['denseW'], ['denseW', 'denseWGap'], ['denseW', 'denseWGap', 'denseWRank']]);
  }
} finally {
  await data.close();
}
