/**
 * Shared helpers for the benchmarks: deterministic random numbers, percentiles, a synthetic English corpus
 * (vocabulary and grammar written here; no third-party text), question generation from the seed article,
 * machine-load reporting and small table printing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(BENCH_DIR, '..');
export const SEEDS_DIR = path.join(ROOT, 'seeds');
export const RESULTS_DIR = path.join(BENCH_DIR, 'results');
export const TSX_BIN = path.join(ROOT, 'node_modules', '.bin', 'tsx');

// ───────────── random numbers ─────────────

export { rng } from './random.js';
import { rng } from './random.js';

export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

// ───────────── statistics ─────────────

/** Nearest-rank percentile (p in [0, 1]). */
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export const median = (xs: number[]) => percentile(xs, 0.5);

export interface Distribution {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function distribution(xs: number[]): Distribution {
  return {
    n: xs.length,
    p50: percentile(xs, 0.5),
    p95: percentile(xs, 0.95),
    p99: percentile(xs, 0.99),
    max: xs.length ? Math.max(...xs) : NaN,
    mean: xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length),
  };
}

export const mb = (bytes: number) => bytes / 2 ** 20;
export const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

// ───────────── machine ─────────────

export function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? '?',
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    totalMemMB: Math.round(mb(os.totalmem())),
  };
}

export const loadAverage = () => os.loadavg().map((x) => round(x, 2));

/** Waits (bounded) for the 1-minute load average to drop below `max`; returns the load seen when it starts. */
export async function waitForQuiet(max: number, timeoutMs: number, log = (s: string) => process.stderr.write(s)): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let warned = false;
  while (os.loadavg()[0]! > max && Date.now() < deadline) {
    if (!warned) log(`load average ${loadAverage().join(' ')} > ${max}; waiting up to ${Math.round(timeoutMs / 1000)} s for a quieter machine…\n`);
    warned = true;
    await new Promise((r) => setTimeout(r, 5_000));
  }
  return loadAverage();
}

// ───────────── tables ─────────────

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((x, c) => (c === 0 ? x.padEnd(widths[c]!) : x.padStart(widths[c]!))).join('  ')).join('\n');
}

export function markdownTable(rows: string[][]): string {
  const [head, ...body] = rows;
  return [`| ${head!.join(' | ')} |`, `|${head!.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

// ───────────── child processes ─────────────

/**
 * Runs a bench child (`tsx <file> args…`, or any command) and resolves with the JSON it prints on a line starting
 * with `RESULT `. Stderr is passed through. Killed after `timeoutMs`.
 */
export function runJsonChild<T>(command: string, args: string[], options: { timeoutMs: number; env?: NodeJS.ProcessEnv; cwd?: string }): Promise<T> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let result: T | undefined;
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      let nl: number;
      while ((nl = out.indexOf('\n')) >= 0) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        if (line.startsWith('RESULT ')) result = JSON.parse(line.slice(7)) as T;
        else if (line.trim()) process.stderr.write(`  [child] ${line}\n`);
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0 && result !== undefined) resolve(result);
      else reject(new Error(`${path.basename(args.find((a) => a.endsWith('.ts') || a.endsWith('.mjs')) ?? command)} exited ${code ?? signal}`));
    });
  });
}

/** For children: print the result line the parent waits for. */
export function emitResult(value: unknown): void {
  process.stdout.write(`RESULT ${JSON.stringify(value)}\n`);
}

// ───────────── synthetic English corpus ─────────────

const FIRST = ['Maria', 'Daniel', 'Aisha', 'Tomas', 'Elena', 'Kofi', 'Hannah', 'Rafael', 'Mei', 'Oliver', 'Leila', 'Samuel',
  'Ingrid', 'Pavel', 'Grace', 'Yusuf', 'Clara', 'Mateo', 'Nadia', 'Victor', 'Amara', 'Lukas', 'Sofia', 'Henrik', 'Priya',
  'Jonas', 'Fatima', 'Andrei', 'Lucia', 'Kenji', 'Olga', 'Marcus', 'Zara', 'Emil', 'Rosa', 'Idris'];
const LAST = ['Okafor', 'Lindqvist', 'Moreau', 'Castillo', 'Novak', 'Haddad', 'Brennan', 'Takahashi', 'Petrov', 'Silva',
  'Adeyemi', 'Kowalski', 'Fischer', 'Rahman', 'Duarte', 'Ivanova', 'Mensah', 'Larsen', 'Costa', 'Weber', 'Nakamura',
  'Oyelaran', 'Marchetti', 'Horvat', 'Quinn', 'Balogun', 'Sandoval', 'Varga', 'Eriksen', 'Chaudhry'];
const ROLES = ['the finance minister', 'the mayor', 'the central bank governor', 'a senior diplomat', 'the opposition leader',
  'the health secretary', 'the company’s chief executive', 'a union spokesperson', 'the prosecutor', 'the defence minister',
  'an economist at the university', 'the harbour master', 'the head of the weather service', 'a local farmer',
  'the school principal', 'the police commissioner', 'a climate researcher', 'the energy regulator', 'the trade envoy',
  'the hospital director'];
const ORGS = ['the national rail company', 'the city council', 'the port authority', 'the football federation',
  'the regional parliament', 'the electricity grid operator', 'a coalition of aid groups', 'the statistics office',
  'the water utility', 'the teachers’ union', 'the shipping consortium', 'the airline', 'the election commission',
  'the competition authority', 'the farmers’ cooperative', 'the space agency', 'the customs service', 'the museum board',
  'the housing association', 'the fisheries ministry'];
const PLACES = ['Valmora', 'the northern provinces', 'Port Ellis', 'the capital', 'Karsk', 'the coastal towns', 'Brightwater',
  'the river delta', 'Ostravel', 'the mountain villages', 'Lindenport', 'the industrial belt', 'Sarequa', 'the eastern border',
  'New Halden', 'the islands', 'Dorvik', 'the old town', 'Mirabel Bay', 'the southern plains'];
const VERBS_PAST = ['announced', 'rejected', 'approved', 'postponed', 'criticised', 'defended', 'proposed', 'cancelled',
  'expanded', 'suspended', 'negotiated', 'confirmed', 'questioned', 'welcomed', 'delayed', 'funded', 'reviewed', 'blocked',
  'unveiled', 'abandoned'];
const THINGS = ['a new tax on imported steel', 'the plan to widen the motorway', 'a ceasefire along the border',
  'the budget for rural clinics', 'the merger of two regional banks', 'a ban on single-use plastics', 'the pension reform',
  'a contract for twelve electric ferries', 'the proposal to raise the minimum wage', 'the new flood barrier',
  'a programme of free school meals', 'the sale of the national airline', 'a curfew in the old town',
  'the construction of a wind farm offshore', 'the agreement on grain exports', 'a review of police tactics',
  'the expansion of the metro line', 'a subsidy for heat pumps', 'the investigation into the bridge collapse',
  'a cap on rents in the capital', 'the vaccine campaign for older residents', 'the closure of three coal mines',
  'a loan from the development bank', 'the relocation of the fish market', 'a referendum on regional autonomy'];
const TIMES = ['on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'over the weekend', 'last week',
  'earlier this month', 'late on Sunday', 'in March', 'in the spring', 'after months of talks', 'before the summer recess',
  'two days before the vote', 'at a press conference', 'in a televised address', 'during an emergency session'];
const REASONS = ['citing rising costs', 'after a string of protests', 'because of pressure from investors',
  'amid warnings from scientists', 'following a court ruling', 'to win back rural voters', 'after the storm damaged the harbour',
  'as inflation reached its highest level in a decade', 'despite objections from neighbouring countries',
  'under pressure from the European partners', 'after an audit found missing funds', 'to ease congestion in the city centre'];
const QUOTES = ['“We cannot wait any longer,”', '“This is a mistake we will all pay for,”', '“The numbers simply do not add up,”',
  '“Our members deserve better,”', '“We were not consulted,”', '“It is a good day for the region,”',
  '“Nobody should be surprised by this,”', '“We will take this to court if we must,”', '“The details still matter,”'];
const SAID = ['said', 'told reporters', 'wrote in a statement', 'added', 'warned', 'insisted', 'told the broadcaster'];
const ADJ = ['sharp', 'modest', 'unexpected', 'steady', 'record', 'temporary', 'partial', 'significant', 'slight', 'dramatic'];
const MEASURES = ['unemployment', 'ticket prices', 'exports', 'hospital waiting times', 'the deficit', 'rainfall', 'turnout',
  'grain prices', 'tourist numbers', 'energy bills', 'crime figures', 'house prices'];
const CHANGES = ['rise', 'fall', 'drop', 'increase', 'decline', 'jump'];

function person(r: () => number): string {
  const name = `${pick(r, FIRST)} ${pick(r, LAST)}`;
  return r() < 0.6 ? `${name}, ${pick(r, ROLES)},` : name;
}

function actor(r: () => number): string {
  const x = r();
  return x < 0.45 ? person(r) : x < 0.8 ? pick(r, ORGS) : pick(r, ROLES);
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** One news-style sentence (roughly 12–40 words) from a small hand-written grammar. */
export function syntheticSentence(r: () => number): string {
  const n = Math.floor(r() * 100);
  const time = pick(r, TIMES);
  switch (Math.floor(r() * 7)) {
    case 0:
      return `${cap(actor(r))} ${pick(r, VERBS_PAST)} ${pick(r, THINGS)} ${time}, ${pick(r, REASONS)}.`;
    case 1:
      return `${pick(r, QUOTES)} ${pick(r, SAID)} ${person(r).replace(/,$/, '')}, who ${pick(r, VERBS_PAST)} ${pick(r, THINGS)} ${time}.`;
    case 2:
      return `Officials in ${pick(r, PLACES)} reported a ${pick(r, ADJ)} ${pick(r, CHANGES)} in ${pick(r, MEASURES)} ${time}, the ${n % 2 ? 'third' : 'second'} such change this year.`;
    case 3:
      return `According to ${pick(r, ORGS)}, about ${n + 2} percent of residents in ${pick(r, PLACES)} supported ${pick(r, THINGS)}, while ${(n * 7) % 60 + 5} percent opposed it.`;
    case 4:
      return `${cap(pick(r, ORGS))} said it would spend ${n + 1} million on ${pick(r, THINGS).replace(/^(a|an|the) /, '')} in ${pick(r, PLACES)}, ${pick(r, REASONS)}.`;
    case 5:
      return `${cap(time)}, ${actor(r).replace(/,$/, '')} met ${actor(r).replace(/,$/, '')} in ${pick(r, PLACES)} to discuss ${pick(r, THINGS)}.`;
    default:
      return `Critics said ${pick(r, THINGS)} would do little for ${pick(r, PLACES)}, and ${actor(r).replace(/,$/, '')} ${pick(r, VERBS_PAST)} it ${time}.`;
  }
}

/** `count` sentences, deterministic for a seed. Not guaranteed distinct, but repeats are rare. */
export function syntheticSentences(count: number, seed = 1): string[] {
  const r = rng(seed);
  return Array.from({ length: count }, () => syntheticSentence(r));
}

/** Articles (paragraphs of 1–4 sentences separated by blank lines) holding `totalSentences` sentences. */
export function syntheticArticles(totalSentences: number, sentencesPerArticle = 40, seed = 7): Array<{ name: string; text: string; sentences: number }> {
  const r = rng(seed);
  const out: Array<{ name: string; text: string; sentences: number }> = [];
  let left = totalSentences;
  for (let a = 0; left > 0; a++) {
    const count = Math.min(left, sentencesPerArticle);
    left -= count;
    const paragraphs: string[] = [];
    let made = 0;
    while (made < count) {
      const k = Math.min(count - made, 1 + Math.floor(r() * 4));
      paragraphs.push(Array.from({ length: k }, () => syntheticSentence(r)).join(' '));
      made += k;
    }
    const title = `${cap(pick(r, ORGS))} ${pick(r, VERBS_PAST)} ${pick(r, THINGS)}`;
    out.push({ name: `synthetic_${String(a).padStart(4, '0')}.md`, text: `---\ntitle: "${title}"\n---\n${paragraphs.join('\n\n')}\n`, sentences: count });
  }
  return out;
}

// ───────────── questions about the seed article ─────────────

const QUESTION_STOP = new Set(('about after again also amid among another because been before being between both could during ' +
  'each even every from further have having here into itself just last more most much must never only other over same ' +
  'should since some still such than that their them then there these they this those through under until very were what ' +
  'when where which while whom will with without would your said says told including whether asked').split(' '));

/** Proper names (capitalised runs, not sentence-initial) and content words of a text. */
export function articleTerms(text: string): { names: string[]; words: string[] } {
  const names = new Map<string, number>();
  const words = new Map<string, number>();
  for (const sentence of text.split(/(?<=[.!?”"])\s+/)) {
    const tokens = sentence.match(/[\p{L}][\p{L}’'-]*/gu) ?? [];
    let run: string[] = [];
    const flush = () => {
      if (run.length) names.set(run.join(' '), (names.get(run.join(' ')) ?? 0) + 1);
      run = [];
    };
    tokens.forEach((token, i) => {
      if (/^\p{Lu}/u.test(token) && i > 0 && token.length > 1) run.push(token.replace(/[’']s$/, ''));
      else {
        flush();
        const w = token.toLowerCase();
        if (w.length >= 5 && !QUESTION_STOP.has(w) && /^[a-z-]+$/.test(w)) words.set(w, (words.get(w) ?? 0) + 1);
      }
    });
    flush();
  }
  const byCount = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  return { names: byCount(names), words: byCount(words) };
}

const NAME_TEMPLATES = ['What did {n} say about {w}?', 'Did {n} attend the {w} talks?', 'Why did {n} mention {w}?',
  'What is the position of {n} on {w}?', 'Who spoke with {n} about {w}?', 'When did {n} discuss {w}?',
  'How did {n} respond to the {w}?', 'Is {n} involved in the {w}?', 'What does {n} want?', 'Where is {n}?',
  'Who represents {n}?', 'What happened between {n} and {m}?', 'Did {n} meet {m}?', 'What did {n} propose to {m}?'];
const WORD_TEMPLATES = ['What does the article say about {w}?', 'Why is {w} important here?', 'Who talked about {w}?',
  'Was there any {w} mentioned?', 'What is said about the {w} and the {v}?', 'Tell me about {w}.', 'how many {w}',
  'What happened with the {w}?', 'Is the {w} related to the {v}?'];
/** Questions the article cannot answer, so the abstention path is measured too. */
const OFF_TOPIC = ['What is the best recipe for {x}?', 'How tall is the {x} tower?', 'Who won the {x} cup final?',
  'What is the weather like in {x} today?', 'How do I repair a {x} bicycle?'];
const OFF_WORDS = ['lasagna', 'Eiffel', 'chocolate', 'Lisbon', 'carbon', 'football', 'tennis', 'sourdough', 'Tokyo', 'mountain'];

/**
 * `count` distinct questions about an article, generated from templates filled with the article's own names and
 * words (about 1 in 10 deliberately off-topic). Deterministic for a seed.
 */
export function questionsFor(text: string, count: number, seed = 42): string[] {
  const { names, words } = articleTerms(text);
  const topNames = names.slice(0, 40);
  const topWords = words.slice(0, 150);
  const r = rng(seed);
  const seen = new Set<string>();
  const out: string[] = [];
  for (let attempts = 0; out.length < count && attempts < count * 50; attempts++) {
    const kind = r();
    let q: string;
    if (kind < 0.1) q = pick(r, OFF_TOPIC).replace('{x}', pick(r, OFF_WORDS));
    else if (kind < 0.55)
      q = pick(r, NAME_TEMPLATES).replace('{n}', pick(r, topNames)).replace('{m}', pick(r, topNames)).replace('{w}', pick(r, topWords));
    else q = pick(r, WORD_TEMPLATES).replace('{w}', pick(r, topWords)).replace('{v}', pick(r, topWords));
    if (r() < 0.15) q = q.toLowerCase();
    if (!seen.has(q)) {
      seen.add(q);
      out.push(q);
    }
  }
  // Template space exhausted (large counts): keep going with numbered variants, still distinct strings.
  for (let i = 0; out.length < count; i++) out.push(`${out[i % Math.max(1, out.length)]!.replace(/[?.]$/, '')} (${i})?`);
  return out;
}
