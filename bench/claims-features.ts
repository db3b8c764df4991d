/**
 * The claim checker's held-out figures and each claim's features, without the rest of `npm run eval`: the retrieved
 * sentences are measured once and kept in a cache file, so a change to the features or the verdict rule is re-scored
 * in seconds. `--refresh` measures retrieval again (needed after a change to retrieval or to `CANDIDATES`).
 *
 *   npx tsx bench/claims-features.ts [--refresh] [--claims [--weights]] [--features=support,novelty,...] [--min-confidence=x]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { calibrationFor } from '../src/answer/calibration.js';
import { articleContext } from '../src/answer/article-context.js';
import { decideClaim } from '../src/claims/decide.js';
import { articleStemSets, CANDIDATES, FEATURES, gatherEvidence, MEASURES, type Measure } from '../src/claims/evidence.js';
import { sentenceIdf } from '../src/claims/coverage.js';
import { buildNameLexicon } from '../src/claims/names.js';
import { loadConfig } from '../src/config.js';
import { createEmbedder } from '../src/embedding/create-embedder.js';
import { claimsReport, fitOn, loadClaims, SEED_ARTICLE, servedPassages, type ClaimEvidence } from '../src/eval/claims.js';
import { EVAL_DIR } from '../src/eval/datasets.js';
import { createQaService } from '../src/qa-service.js';
import type { Passage, ScoredPassage } from '../src/types.js';

const CACHE = path.join(os.tmpdir(), 'footnote-claims-retrieval.json');
interface Cache {
  model: string;
  passages: Passage[];
  ranked: Record<string, ScoredPassage[]>;
}

const config = loadConfig();
const claims = loadClaims();

async function measureRetrieval(): Promise<Cache> {
  const embedder = await createEmbedder(config.model, { modelsDir: config.modelsDir });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'footnote-claims-'));
  const articlesDir = path.join(root, 'articles');
  fs.mkdirSync(articlesDir);
  fs.copyFileSync(SEED_ARTICLE, path.join(articlesDir, path.basename(SEED_ARTICLE)));
  for (const file of fs.readdirSync(path.join(EVAL_DIR, 'articles'))) fs.copyFileSync(path.join(EVAL_DIR, 'articles', file), path.join(articlesDir, file));
  const service = await createQaService({ articlesDir, indexDir: path.join(root, 'index'), embedder });
  try {
    const ranked: Record<string, ScoredPassage[]> = {};
    for (const { claim } of claims) ranked[claim] = await service.search(claim, CANDIDATES);
    return { model: embedder.model, passages: servedPassages(service), ranked };
  } finally {
    await service.close();
    await embedder.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

let cache: Cache;
if (!process.argv.includes('--refresh') && fs.existsSync(CACHE)) cache = JSON.parse(fs.readFileSync(CACHE, 'utf8')) as Cache;
else {
  cache = await measureRetrieval();
  fs.writeFileSync(CACHE, JSON.stringify(cache));
}

const sources = {
  names: buildNameLexicon(cache.passages),
  articleStems: articleStemSets(cache.passages),
  idf: sentenceIdf(cache.passages),
  calibration: calibrationFor(cache.model).calibration,
  context: articleContext(cache.passages),
};
// `--features a,b,c` scores another feature set than the shipped one (names from MEASURES).
const chosen = process.argv.find((arg) => arg.startsWith('--features='))?.slice('--features='.length).split(',') as Measure[] | undefined;
const features = chosen ?? FEATURES;
for (const name of features) if (!MEASURES.includes(name)) throw new Error(`unknown measure ${name}; one of ${MEASURES.join(', ')}`);
console.log(`features: ${features.join(', ')}`);
const measured: ClaimEvidence[] = claims.map((truth) => ({ truth, evidence: gatherEvidence(truth.claim, cache.ranked[truth.claim]!, sources, features) }));
// `--min-confidence=x` overrides the can't-tell threshold each fold's model chose inside its training claims.
const minConfidenceArg = process.argv.find((arg) => arg.startsWith('--min-confidence='))?.split('=')[1];
const minConfidence = minConfidenceArg === undefined ? undefined : Number(minConfidenceArg);
console.log(claimsReport(measured, fitOn(measured, 'in-sample'), minConfidence).join('\n'));

if (process.argv.includes('--claims')) {
  const articles = [...new Set(measured.map((m) => m.truth.article))];
  console.log(`\nlabel → held-out verdict (confidence) | ${features.join(' ')} | claim`);
  for (const article of articles) {
    const model = fitOn(measured.filter((m) => m.truth.article !== article), '');
    if (process.argv.includes('--weights')) console.log(`fold ${article} (threshold ${model.minConfidence?.toFixed(2)}): ${model.weights.map((row) => row.map((w) => w.toFixed(2)).join(' ')).join(' | ')}`);
    for (const m of measured.filter((x) => x.truth.article === article)) {
      const r = decideClaim(m.evidence, model, minConfidence);
      const mark = r.verdict === m.truth.label ? ' ' : '✗';
      const features = m.evidence.features.map((f) => f.toFixed(2)).join(' ');
      console.log(`${mark} ${m.truth.label.padEnd(13)} → ${r.verdict.padEnd(13)} ${r.confidence.toFixed(2)} | ${features} | ${m.truth.claim}`);
      for (const c of m.evidence.candidates.slice(0, 3)) {
        const diffs = c.alignment.differences.map((d) => `${d.kind}:${d.claim}≠${d.article}${d.aligned ? '*' : ''}`).join(',');
        const clash = c.clash ? `clash:${c.clash.kind}:${c.clash.claimWord ?? ''}/${c.clash.articleWord ?? ''}` : '';
        const gold = m.truth.gold.some((g) => c.scored.passage.text.includes(g)) ? 'GOLD ' : '';
        console.log(`      ${gold}${c.scored.passage.article.slice(0, 8)} ${c.scored.passage.id} s${c.scored.score.toFixed(2)} cov${c.scored.coverage.toFixed(2)} sup${c.support.toFixed(2)} ${diffs} ${clash} | ${c.scored.passage.text.slice(0, 110)}`);
      }
    }
  }
}

if (process.argv.includes('--measures')) {
  console.log(`\n${MEASURES.map((m) => m.slice(0, 7).padStart(8)).join('')}  label / claim`);
  for (const m of [...measured].sort((a, b) => a.truth.label.localeCompare(b.truth.label))) {
    console.log(`${MEASURES.map((name) => m.evidence.measures![name].toFixed(2).padStart(8)).join('')}  ${m.truth.label.slice(0, 5)} ${m.truth.claim.slice(0, 50)}`);
  }
}
