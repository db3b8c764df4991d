import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import type { Answer, Citation } from '../types.js';
import { EVAL_DIR, readJsonLines } from './datasets.js';

export const DEV_ARTICLES_DIR = path.join(EVAL_DIR, 'articles');
export const SEED_ARTICLE_FILE = path.join(PROJECT_ROOT, 'seeds', '000_ce70d124781ea012.txt');
/** The development sets, by article id, in the order they are reported. */
export const DEV_SETS = ['000_ce70d124781ea012', 'tram-line', 'cup-final'];

export type DevKind = 'paraphrase' | 'plain' | 'near' | 'off';

export interface DevQuestion {
  article: string;
  q: string;
  /** Exact substrings of the sentence(s) that answer; empty when unanswerable. */
  gold: string[];
  unanswerable?: boolean;
  kind: DevKind;
}

export function devSetFile(article: string): string {
  return path.join(EVAL_DIR, `qa-${article}.jsonl`);
}

export function loadDevSet(article: string): DevQuestion[] {
  return readJsonLines<DevQuestion>(devSetFile(article));
}

export function devSetsPresent(): boolean {
  return fs.existsSync(DEV_ARTICLES_DIR) && DEV_SETS.every((article) => fs.existsSync(devSetFile(article)));
}

/** A folder holding the seed article and every development article: one index, as a user with several articles. */
export function devArticlesFolder(): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'footnote-dev-articles-'));
  fs.copyFileSync(SEED_ARTICLE_FILE, path.join(dir, path.basename(SEED_ARTICLE_FILE)));
  for (const name of fs.readdirSync(DEV_ARTICLES_DIR)) fs.copyFileSync(path.join(DEV_ARTICLES_DIR, name), path.join(dir, name));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A citation is gold only when it is from the question's own article and holds one of the gold substrings. */
export function isGoldCitation(citation: Pick<Citation, 'article' | 'quote'>, q: DevQuestion): boolean {
  return citation.article === q.article && q.gold.some((gold) => citation.quote.includes(gold));
}

export interface DevTally {
  answerable: number;
  goldFirst: number;
  goldInTop3: number;
  falseRefusals: number;
  near: number;
  nearRefused: number;
  off: number;
  offRefused: number;
}

export function emptyTally(): DevTally {
  return { answerable: 0, goldFirst: 0, goldInTop3: 0, falseRefusals: 0, near: 0, nearRefused: 0, off: 0, offRefused: 0 };
}

/** Adds one answered question to the tally: gold counts only among the citations shown as an answer. */
export function tallyAnswer(
  tally: DevTally,
  q: DevQuestion,
  answer: Pick<Answer, 'answered'> & { citations: Array<Pick<Citation, 'article' | 'quote'>> },
): void {
  if (q.kind === 'near' || q.kind === 'off') {
    tally[q.kind]++;
    if (!answer.answered) tally[q.kind === 'near' ? 'nearRefused' : 'offRefused']++;
    return;
  }
  tally.answerable++;
  if (!answer.answered) {
    tally.falseRefusals++;
    return;
  }
  const shown = answer.citations.slice(0, 3);
  if (shown[0] && isGoldCitation(shown[0], q)) tally.goldFirst++;
  if (shown.some((citation) => isGoldCitation(citation, q))) tally.goldInTop3++;
}

export function addTallies(a: DevTally, b: DevTally): DevTally {
  const sum = emptyTally();
  for (const key of Object.keys(sum) as Array<keyof DevTally>) sum[key] = a[key] + b[key];
  return sum;
}

export function formatTallyRow(name: string, t: DevTally): string {
  const share = (n: number, d: number) => `${n}/${d} (${d ? Math.round((100 * n) / d) : 0}%)`;
  return [
    name.padEnd(22),
    share(t.goldFirst, t.answerable).padEnd(13),
    share(t.goldInTop3, t.answerable).padEnd(13),
    share(t.falseRefusals, t.answerable).padEnd(13),
    share(t.nearRefused, t.near).padEnd(11),
    share(t.offRefused, t.off),
  ].join(' ');
}

export const TALLY_HEADER = `${'set'.padEnd(22)} ${'gold first'.padEnd(13)} ${'gold in top 3'.padEnd(13)} ${'false refusal'.padEnd(13)} ${'near refused'.padEnd(11)} off refused`;
