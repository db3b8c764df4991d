import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Calibration } from '../../src/answer/abstain.js';
import { calibrationFor, DEFAULT_CALIBRATION_MODEL, readCalibrations, saveCalibration } from '../../src/answer/calibration.js';

const fit = (model: string, bias: number): Calibration => ({ model, weights: { dense: 1, coverage: 1 }, bias, threshold: 0.5, fittedOn: 'test' });

let dir: string | undefined;
function fileWith(entries: Calibration[]): string {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'footnote-calibration-'));
  const file = path.join(dir, 'calibration.json');
  fs.writeFileSync(file, JSON.stringify(entries));
  return file;
}
afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

describe('calibrationFor', () => {
  it("returns the model's own fit without a notice", () => {
    const file = fileWith([fit(DEFAULT_CALIBRATION_MODEL, -1), fit('other', -2)]);
    expect(calibrationFor('other', file)).toEqual({ calibration: fit('other', -2) });
  });

  it("falls back to the default model's fit, not to whichever was calibrated last, and says so", () => {
    const file = fileWith([fit(DEFAULT_CALIBRATION_MODEL, -1), fit('other', -2)]);
    saveCalibration(fit('third', -3), file);
    const lookup = calibrationFor('never-calibrated', file);
    expect(lookup.calibration.model).toBe(DEFAULT_CALIBRATION_MODEL);
    expect(lookup.notice).toMatch(/No answer calibration for never-calibrated; .*npm run calibrate/);
  });

  it('fails with what to do when neither the model nor the default model was calibrated', () => {
    expect(() => calibrationFor('x', fileWith([fit('other', -2)]))).toThrow(/run `npm run calibrate`/);
  });
});

describe('saveCalibration', () => {
  it("replaces the model's entry and keeps entries sorted by model id", () => {
    const file = fileWith([fit('b', -1), fit('a', -2)]);
    saveCalibration(fit('b', -5), file);
    expect(readCalibrations(file).map((entry) => [entry.model, entry.bias])).toEqual([['a', -2], ['b', -5]]);
  });
});
