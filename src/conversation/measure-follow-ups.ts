/**
 * How often each way of resolving follow-ups puts a gold sentence in the top 3, on a set of (first question,
 * follow-up, gold) triples. Run: `npx tsx src/conversation/measure-follow-ups.ts` (the set in tests/fixtures/follow-ups).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createQaService } from '../qa-service.js';
import type { QaService } from '../types.js';
import { FOLLOW_UP_STRATEGIES, resolveFollowUp, type FollowUpStrategy } from './follow-up.js';

export interface FollowUpCase {
  article: string;
  first: string;
  followUp: string;
  /** Exact substrings of the sentence(s) that answer the follow-up; any one in the top 3 counts. */
  gold: string[];
  /** `elliptical` leans on the first question; `self-contained` must be answered as if asked alone. */
  kind: 'elliptical' | 'self-contained';
}

export type Variant = FollowUpStrategy | `${FollowUpStrategy} (ungated)`;
/** Top-3 hit rate per variant and kind, as a fraction of that kind's cases. */
export type FollowUpScores = Record<Variant, Record<FollowUpCase['kind'], number>>;

const TOP = 3;

export function loadFollowUpCases(file: string): FollowUpCase[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as FollowUpCase);
}

export async function measureFollowUps(service: QaService, cases: readonly FollowUpCase[]): Promise<FollowUpScores> {
  const variants: Array<[Variant, FollowUpStrategy, boolean]> = [
    ...FOLLOW_UP_STRATEGIES.map((s): [Variant, FollowUpStrategy, boolean] => [s, s, true]),
    ['concatenate (ungated)', 'concatenate', false],
    ['entities (ungated)', 'entities', false],
  ];
  const scores = {} as FollowUpScores;
  for (const [variant, strategy, gated] of variants) {
    const hits = { elliptical: 0, 'self-contained': 0 };
    const totals = { elliptical: 0, 'self-contained': 0 };
    for (const c of cases) {
      const query = resolveFollowUp([c.first], c.followUp, strategy, { gated });
      const top = await service.search(query, TOP);
      totals[c.kind] += 1;
      if (top.some((hit) => hit.passage.article === c.article && c.gold.some((g) => hit.passage.text.includes(g)))) hits[c.kind] += 1;
    }
    scores[variant] = { elliptical: hits.elliptical / totals.elliptical, 'self-contained': hits['self-contained'] / totals['self-contained'] };
  }
  return scores;
}

export function formatScores(scores: FollowUpScores, cases: readonly FollowUpCase[]): string {
  const count = (kind: FollowUpCase['kind']) => cases.filter((c) => c.kind === kind).length;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const lines = [`| Resolution | Elliptical (${count('elliptical')}) top ${TOP} | Self-contained (${count('self-contained')}) top ${TOP} |`, '| --- | ---: | ---: |'];
  for (const [variant, s] of Object.entries(scores)) lines.push(`| ${variant} | ${pct(s.elliptical)} | ${pct(s['self-contained'])} |`);
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../tests/fixtures/follow-ups');
  const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'footnote-follow-ups-'));
  const service = await createQaService({ articlesDir: path.join(fixtures, 'articles'), indexDir });
  try {
    const cases = loadFollowUpCases(path.join(fixtures, 'follow-ups.jsonl'));
    console.log(formatScores(await measureFollowUps(service, cases), cases));
  } finally {
    await service.close();
    fs.rmSync(indexDir, { recursive: true, force: true });
  }
}
