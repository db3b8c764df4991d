/** The README's reliability table and docs/RELIABILITY.md are what the robustness suite's test names make of them. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listRobustnessTests, readmeBlockOf, renderReliability } from '../robustness/reliability-summary.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('reliability report', () => {
  it('README and docs/RELIABILITY.md match the tests in tests/robustness (regenerate: npx tsx tests/robustness/reliability-report.ts)', () => {
    const tests = listRobustnessTests(root);
    expect(tests.length).toBeGreaterThan(100);
    const { doc, readmeBlock } = renderReliability(tests);
    expect(fs.readFileSync(path.join(root, 'docs', 'RELIABILITY.md'), 'utf8')).toBe(doc);
    expect(readmeBlockOf(fs.readFileSync(path.join(root, 'README.md'), 'utf8'))).toBe(readmeBlock);
  }, 60_000);
});
