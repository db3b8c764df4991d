/**
 * Regenerates docs/RELIABILITY.md and the README's reliability table from the test names of this suite, so the
 * counts are the suite's own. Run: `npx tsx tests/robustness/reliability-report.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listRobustnessTests, renderReliability, withReadmeBlock } from './reliability-summary.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tests = listRobustnessTests(root);
const { doc, readmeBlock } = renderReliability(tests);
fs.writeFileSync(path.join(root, 'docs', 'RELIABILITY.md'), doc);
const readmePath = path.join(root, 'README.md');
fs.writeFileSync(readmePath, withReadmeBlock(fs.readFileSync(readmePath, 'utf8'), readmeBlock));
console.log(`wrote docs/RELIABILITY.md and the README's reliability table: ${tests.length} tests`);
