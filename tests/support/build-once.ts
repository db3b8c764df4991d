/**
 * Vitest global setup: builds dist/ once before the tests, so the tests that spawn `npm start`, `npm run ingest` and
 * the other entry points run the compiled build with plain node, as users do, and never a stale one.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  execFileSync(process.execPath, [path.join(import.meta.dirname, '../../scripts/build.mjs')], { stdio: 'inherit' });
}
