import { hasCalibration } from '../answer/calibration.js';
import { combinedModelId, createSecondOpinion, type SecondOpinion } from '../answer/second-opinion.js';
import { createEmbedder } from '../embedding/create-embedder.js';

/**
 * The second encoder named by `RERANK_MODEL`, or undefined with one notice saying why not: it could not be had (the
 * catalogue fell back to the main encoder, whose second opinion would only repeat the first), or no answer model was
 * fitted for this pair (its features would be weighed by guesswork).
 */
export async function openSecondOpinion(
  name: string,
  mainModel: string,
  modelsDir: string,
  onNotice: (message: string) => void = () => {},
  needsCalibration = true,
): Promise<SecondOpinion | undefined> {
  const embedder = await createEmbedder(name, { modelsDir, onNotice });
  if (embedder.model === mainModel) {
    await embedder.close();
    onNotice(`Footnote: RERANK_MODEL ${name} is the main encoder here; re-ranking without a second encoder.`);
    return undefined;
  }
  const combined = combinedModelId(mainModel, embedder.model);
  if (needsCalibration && !hasCalibration(combined)) {
    await embedder.close();
    onNotice(`Footnote: no answer calibration for ${combined}; re-ranking without ${name}. Fit one with \`RERANK_MODEL=${name} npm run calibrate\`.`);
    return undefined;
  }
  return createSecondOpinion(embedder);
}
