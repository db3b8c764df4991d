import { loadConfig } from '../config.js';
import { createEmbedder } from '../embedding/create-embedder.js';
import { VERDICT_MODEL_FILE } from '../claims/check-claims.js';
import { claimFiles, claimsReport, fitOn, measureClaims, writeVerdictModel } from '../eval/claims.js';

/** Fits the claim verdict model on every labelled claim and stores it; prints the held-out figures first. */
export async function runFitClaims(): Promise<number> {
  if (claimFiles().length === 0) {
    console.error('Fitting the claim checker needs labelled claims (eval/claims/claims-*.jsonl, ../shared/eval/claims-*.jsonl).');
    return 1;
  }
  const config = loadConfig();
  const embedder = await createEmbedder(config.model, { modelsDir: config.modelsDir, bulkThreads: config.embedThreads });
  try {
    const measured = await measureClaims(embedder);
    const articles = [...new Set(measured.map((m) => m.truth.article))];
    const model = fitOn(measured, `${measured.length} labelled claims over ${articles.length} articles (the development set's and the project's own), all in one index`);
    writeVerdictModel(model);
    console.log(claimsReport(measured, model).join('\n'));
    console.log(`wrote ${VERDICT_MODEL_FILE}`);
    return 0;
  } finally {
    await embedder.close();
  }
}
