/**
 * The claim checker on the labelled claims: the development ones beside the project (`../shared/eval/`) and the
 * project's own (`eval/claims/`, about the invented news articles written for it in `eval/articles/`: eight claims
 * each, the way people post them).
 * Every article is loaded into one index, as a user with many articles would have it; the verdict model is fitted
 * without a fold of articles and scored on it, for each fold in turn (the development articles one by one, the
 * project's own in `foldsOf` folds).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { calibrationFor } from '../answer/calibration.js';
import { createClaimChecker, loadVerdictModel, VERDICT_MODEL_FILE } from '../claims/check-claims.js';
import { decideClaim, MIN_CONFIDENCE } from '../claims/decide.js';
import type { Evidence } from '../claims/evidence.js';
import { fitWithGroupCv, foldsOf, type VerdictModel } from '../claims/verdict-model.js';
import { PROJECT_ROOT } from '../config.js';
import { OWN_ARTICLES_DIR } from './own-questions.js';
import type { Embedder } from '../embedding/embedder.js';
import { createQaService } from '../qa-service.js';
import type { Passage, QaService } from '../types.js';
import { claimMetrics, formatClaimMetrics, type LabelledClaim } from './claim-metrics.js';
import { EVAL_DIR, readJsonLines } from './datasets.js';

export const SEED_ARTICLE = path.join(PROJECT_ROOT, 'seeds', '000_ce70d124781ea012.txt');
/** The project's own labelled claims (their articles are in `OWN_ARTICLES_DIR`). */
export const WRITTEN_CLAIMS_DIR = path.join(PROJECT_ROOT, 'eval', 'claims');

/** The labelled claim files: the development ones when present, then the project's own. */
export function claimFiles(dirs = [EVAL_DIR, WRITTEN_CLAIMS_DIR]): string[] {
  return dirs.flatMap((dir) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^claims-.+\.jsonl$/.test(f)).sort().map((f) => path.join(dir, f)) : []));
}

/** The articles of the project's own claims (`claims-<article>.jsonl`); any other article is a development one. */
function ownArticles(): Set<string> {
  return new Set(claimFiles([WRITTEN_CLAIMS_DIR]).map((file) => path.basename(file).replace(/^claims-|\.jsonl$/g, '')));
}

export function loadClaims(files = claimFiles()): LabelledClaim[] {
  return files.flatMap((file) => readJsonLines<Omit<LabelledClaim, 'gold'> & { gold?: string[] }>(file).map((row) => ({ ...row, gold: row.gold ?? [] })));
}

/**
 * Every sentence the service serves, rebuilt from its article views (the checker needs ids and text, and offsets in
 * reading order: a view's are within its paragraph, so each paragraph is placed after the ones before it).
 */
export function servedPassages(service: QaService): Passage[] {
  return service.about().articles.flatMap(({ id }) => {
    let offset = 0;
    return service.article(id)!.paragraphs.flatMap((paragraph) => {
      const at = offset;
      offset += paragraph.text.length + 2;
      return paragraph.sentences.map((s) => {
        const [p, n] = s.id.split('.').map(Number);
        return { article: id, id: s.id, paragraph: p!, sentence: n!, text: paragraph.text.slice(s.start, s.end), start: at + s.start, end: at + s.end };
      });
    });
  });
}

/** The store the claims' service serves from: a database and its article set, or (empty) the embedded index. */
export type StoreOptions = { databaseUrl?: string; guild?: string };

export interface ClaimEvidence {
  truth: LabelledClaim;
  evidence: Evidence;
}

/** Builds a temporary index of the seed and development articles and measures the evidence for every claim. */
export async function measureClaims(embedder: Embedder, claims = loadClaims(), store: StoreOptions = {}): Promise<ClaimEvidence[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'footnote-claims-'));
  const articlesDir = path.join(root, 'articles');
  fs.mkdirSync(articlesDir);
  fs.copyFileSync(SEED_ARTICLE, path.join(articlesDir, path.basename(SEED_ARTICLE)));
  for (const dir of [path.join(EVAL_DIR, 'articles'), OWN_ARTICLES_DIR]) {
    if (fs.existsSync(dir)) for (const file of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, file), path.join(articlesDir, file));
  }
  const service = await createQaService({ articlesDir, indexDir: path.join(root, 'index'), embedder, ...store });
  try {
    const checker = createClaimChecker({ passages: servedPassages(service), calibration: calibrationFor(embedder.model).calibration, search: (t, k) => service.search(t, k) });
    const measured: ClaimEvidence[] = [];
    for (const truth of claims) measured.push({ truth, evidence: await checker.evidence(truth.claim) });
    return measured;
  } finally {
    await service.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Fits on `measured`, choosing the penalty by holding out its articles in turn (never looking at held-out claims). */
export function fitOn(measured: ClaimEvidence[], fittedOn: string): VerdictModel {
  const articles = [...new Set(measured.map((m) => m.truth.article))];
  const groups = articles.map((a) => measured.filter((m) => m.truth.article === a).map((m) => ({ features: m.evidence.features, label: m.truth.label })));
  return fitWithGroupCv(groups, fittedOn);
}

/**
 * Held-out report: per article (fitted on the others), pooled over the three folds, and the shipped model in-sample.
 * `minConfidence` overrides each model's own can't-tell threshold (chosen inside its training claims).
 */
export function claimsReport(measured: ClaimEvidence[], shipped: VerdictModel = loadVerdictModel(), minConfidence?: number): string[] {
  const articles = [...new Set(measured.map((m) => m.truth.article))];
  const own = ownArticles();
  const isDevelopment = (article: string) => !own.has(article);
  // The development articles are held out one by one; the project's own, many, in folds of several (`foldsOf`).
  const folds = [...articles.filter(isDevelopment).map((article) => [article]), ...foldsOf(articles.filter((a) => !isDevelopment(a)).map((a) => [a]))];
  const pooled: Array<{ truth: LabelledClaim; result: ReturnType<typeof decideClaim> }> = [];
  const lines: string[] = [];
  for (const fold of folds) {
    const model = fitOn(measured.filter((m) => !fold.includes(m.truth.article)), `all but ${fold.join(', ')}`);
    const held = measured.filter((m) => fold.includes(m.truth.article)).map((m) => ({ truth: m.truth, result: decideClaim(m.evidence, model, minConfidence) }));
    pooled.push(...held);
    if (!isDevelopment(fold[0]!)) continue;
    const m = claimMetrics(held);
    const threshold = (minConfidence ?? model.minConfidence ?? MIN_CONFIDENCE).toFixed(2);
    lines.push(`  held out ${fold[0]}: accuracy ${m.accuracy.toFixed(3)} (${m.claims} claims, can't tell ${m.cantTell} below ${threshold}), contradicted called supported ${m.contradictedCalledSupported.toFixed(3)}`);
  }
  const part = (name: string, rows: typeof pooled) => (rows.length ? [`  pooled, ${name}:`, ...formatClaimMetrics(claimMetrics(rows)).map((l) => `  ${l}`)] : []);
  lines.push(
    `  held out (${folds.length} folds over ${articles.length} articles)`,
    ...part('development claims', pooled.filter((p) => isDevelopment(p.truth.article))),
    ...part("the project's own claims", pooled.filter((p) => !isDevelopment(p.truth.article))),
    ...part('all', pooled),
  );
  const inSample = claimMetrics(measured.map((m) => ({ truth: m.truth, result: decideClaim(m.evidence, shipped, minConfidence) })));
  lines.push(`  shipped model (${shipped.fittedOn.split(';')[0]}; in-sample where fitted on these, optimistic): accuracy ${inSample.accuracy.toFixed(3)}`);
  return lines;
}

export function writeVerdictModel(model: VerdictModel, file = VERDICT_MODEL_FILE): void {
  const rounded = { ...model, weights: model.weights.map((row) => row.map((w) => Math.round(w * 1e4) / 1e4)) };
  fs.writeFileSync(file, `${JSON.stringify(rounded, null, 2)}\n`);
}

/** The claims section of `npm run eval`, or a line saying why it was skipped. */
export async function claimsSection(embedder: Embedder, store: StoreOptions = {}): Promise<string[]> {
  if (claimFiles().length === 0) return [`Claims skipped: no claims-*.jsonl in ${EVAL_DIR}.`];
  const measured = await measureClaims(embedder, loadClaims(), store);
  const articles = new Set(measured.map((m) => m.truth.article)).size;
  return [`Claim checks (${measured.length} labelled claims over ${articles} articles in one index; verdict model fitted without a fold of articles, scored on it)`, ...claimsReport(measured)];
}
