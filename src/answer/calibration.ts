import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Calibration } from './abstain.js';

/** Fitted by `npm run calibrate`, one entry per model id; the one in src/, whether this runs from src/ or from the build in dist/. */
export const CALIBRATION_FILE = fileURLToPath(new URL('../../src/answer/calibration.json', import.meta.url));

/**
 * The calibration fitted for `model`. A model never calibrated borrows the default model's fit, which is only a
 * rough guide for another encoder's cosine scale: run `npm run calibrate` for it.
 */
export function calibrationFor(model: string): Calibration {
  const all = JSON.parse(fs.readFileSync(CALIBRATION_FILE, 'utf8')) as Calibration[];
  return all.find((entry) => entry.model === model) ?? all[0]!;
}
