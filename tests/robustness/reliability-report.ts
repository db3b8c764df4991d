/**
 * Regenerates docs/RELIABILITY.md from the test names of this suite (`vitest list`), so the counts in
 * the README's "Reliability" section are the suite's own. Run: `npx tsx tests/robustness/reliability-report.ts`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const listFile = path.join(os.tmpdir(), `footnote-robustness-list-${process.pid}.json`);
execFileSync(path.join(root, 'node_modules/.bin/vitest'), ['list', 'tests/robustness', `--json=${listFile}`], { cwd: root, stdio: 'ignore' });
const tests = JSON.parse(fs.readFileSync(listFile, 'utf8')) as Array<{ name: string; file: string }>;
fs.rmSync(listFile, { force: true });

/** Test-name prefix → section heading, in the order shown. */
const SECTIONS: Array<[string, string]> = [
  ['question: ', 'Hostile questions at the engine (`service.ask`)'],
  ['/ask: ', 'Hostile questions through the bot: `/ask`'],
  ['mention: ', 'Hostile questions through the bot: mentions'],
  ['article: ', 'Broken or unusual article files'],
  ['index: ', 'Damaged or foreign index on disk'],
  ['disk full: ', 'Disk full while writing'],
  ['lock: ', 'Ingest lock'],
  ['config: ', 'Engine settings missing or malformed'],
  ['discord env: ', 'Discord settings missing or malformed'],
  ['fault: ', 'Discord faults (local stand-in)'],
  ['crash: ', 'Processes killed with SIGKILL'],
  ['security: ', 'Secrets, privacy, permissions'],
  ['malformed: ', 'Malformed gateway events (real discord.js, local stand-in)'],
  ['process: ', 'Uncaught exceptions and unhandled rejections'],
  ['health: ', 'Health endpoint and gateway sessions'],
  ['supervisor: ', 'Supervisor set-up (systemd, Docker)'],
];

const grouped = new Map<string, string[]>();
for (const test of tests) {
  const parts = test.name.split(' > ');
  const name = parts.at(-1)!;
  const section = SECTIONS.find(([prefix]) => name.startsWith(prefix));
  const heading = section ? section[1] : `Also: ${parts[0]}`;
  const item = section ? name.slice(section[0].length) : name;
  grouped.set(heading, [...(grouped.get(heading) ?? []), item]);
}

const order = [...SECTIONS.map(([, h]) => h), ...[...grouped.keys()].filter((h) => h.startsWith('Also: ')).sort()];
const files = new Set(tests.map((t) => path.basename(t.file)));
let out = `## Reliability\n\n`;
out +=
  `Hostile input, broken files and faults are exercised by \`tests/robustness/\` (${tests.length} tests in ${files.size} files, ` +
  `\`npx vitest run tests/robustness\`, about a minute on 2 cores). The rule throughout: the bot replies clearly and keeps ` +
  `running, nothing pings anyone, no vote or good index is lost, and no secret reaches a log. Counts below are generated ` +
  `from the test names (\`npx tsx tests/robustness/reliability-report.ts\`).\n\n`;
out += `| Area | Cases |\n| --- | ---: |\n`;
for (const heading of order) if (grouped.has(heading)) out += `| ${heading} | ${grouped.get(heading)!.length} |\n`;
out += `| **Total** | **${tests.length}** |\n\n`;
for (const heading of order) {
  const items = grouped.get(heading);
  if (!items) continue;
  out += `**${heading}** (${items.length})\n\n`;
  for (const item of items) out += `- ${item.replace(/\|/g, '\\|')}\n`;
  out += '\n';
}
out +=
  `Notes: the 5 MB article is ingested with a labelled fast test-double embedder (the real model embeds ~600 sentences/s, ` +
  `so its ~28k sentences would take ~45 s); the real-tmpfs disk-full cases run only as root (they are skipped elsewhere; ` +
  `seam-based disk-full cases always run).\n`;
fs.writeFileSync(path.join(root, 'docs', 'RELIABILITY.md'), out);
console.log(`wrote docs/RELIABILITY.md: ${tests.length} tests`);
