import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Calibration } from './abstain.js';

/** Fitted by `npm run calibrate`, one entry per model id; the one in src/, whether this runs from src/ or from the build in dist/. */
export const CALIBRATION_FILE = fileURLToPath(new URL('../../src/answer/calibration.json', import.meta.url));
/** The default encoder's model id: the fit a never-calibrated model borrows. */
export const DEFAULT_CALIBRATION_MODEL = 'energetic-ai/use-lite-0.2.0/onnx-int8';

export interface CalibrationLookup {
  calibration: Calibration;
  /** Set when `model` was never calibrated and the default model's fit stands in: tell the user. */
  notice?: string;
}

/**
 * The calibration fitted for `model`. A model never calibrated borrows the default model's fit (by name, never
 * whichever entry happens to come first), which is only a rough guide for another encoder's score scale.
 */
export function calibrationFor(model: string, file = CALIBRATION_FILE): CalibrationLookup {
  const all = readCalibrations(file);
  const own = all.find((entry) => entry.model === model);
  if (own) return { calibration: own };
  const fallback = all.find((entry) => entry.model === DEFAULT_CALIBRATION_MODEL);
  if (!fallback) throw new Error(`No calibration for ${model} nor for ${DEFAULT_CALIBRATION_MODEL} in ${file}: run \`npm run calibrate\`.`);
  return {
    calibration: fallback,
    notice: `No answer calibration for ${model}; using ${DEFAULT_CALIBRATION_MODEL}'s, a rough guide for another encoder. Run \`npm run calibrate\` to fit one.`,
  };
}

/** Whether `model` has a calibration of its own (no borrowing). */
export function hasCalibration(model: string, file = CALIBRATION_FILE): boolean {
  return readCalibrations(file).some((entry) => entry.model === model);
}

export function readCalibrations(file = CALIBRATION_FILE): Calibration[] {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Calibration[];
}

/** Stores `fitted`, replacing that model's previous entry; entries stay sorted by model id so the file diffs cleanly. */
export function saveCalibration(fitted: Calibration, file = CALIBRATION_FILE): void {
  const others = readCalibrations(file).filter((entry) => entry.model !== fitted.model);
  const all = [...others, fitted].sort((a, b) => a.model.localeCompare(b.model));
  fs.writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
}
