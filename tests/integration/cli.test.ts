import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempSeedArticles } from '../support/articles.js';

const ROOT = path.join(import.meta.dirname, '../..');
let indexDir: string;
let articlesDir: string;

/** Runs the CLI exactly as the README does, through npm, against a private index folder. */
function npmRun(args: string[], input?: string) {
  const result = spawnSync('npm', ['run', '--silent', ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, ARTICLES_DIR: articlesDir, INDEX_DIR: indexDir, EMBEDDING_MODEL: '', DISCORD_TOKEN: '' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'footnote-cli-'));
  articlesDir = tempSeedArticles();
  const ingest = npmRun(['ingest']);
  expect(ingest.code).toBe(0);
  expect(ingest.stdout).toMatch(/Index built in [\d.]+ s \(there is no index yet\): 1 article\(s\), 17 sentences; 17 embedded, 0 reused\./);
});
afterAll(() => {
  fs.rmSync(indexDir, { recursive: true, force: true });
  fs.rmSync(articlesDir, { recursive: true, force: true });
});

describe('npm run ingest', () => {
  it('reports an up-to-date index on a second run', () => {
    const again = npmRun(['ingest']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Index is up to date: 1 article\(s\), 17 sentences \(energetic-ai\/use-lite-0\.2\.0\/onnx-int8\)\.$/m);
  });
});

describe('npm run ask -- --json', () => {
  it('prints exactly one JSON object in the documented shape', () => {
    const { code, stdout } = npmRun(['ask', '--', '--json', 'Who leads the Russian delegation?']);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(Object.keys(answer)).toEqual(['question', 'answered', 'citations']);
    expect(answer).toMatchObject({ question: 'Who leads the Russian delegation?', answered: true });
    for (const [i, c] of answer.citations.entries()) {
      expect(Object.keys(c)).toEqual(['n', 'article', 'id', 'quote', 'score', ...('phrase' in c ? ['phrase'] : [])]);
      expect(c).not.toHaveProperty('lede');
      if ('phrase' in c) expect(c.quote.slice(c.phrase.start, c.phrase.end)).toBe(c.phrase.text);
      expect(c.n).toBe(i + 1);
      expect(typeof c.score).toBe('number');
    }
    // The sentence that answers comes first: "a team led by … Medinsky", not the one repeating "Russian delegation".
    expect(answer.citations[0].id).toBe('11.1');
    const medinsky = answer.citations.find((c: { id: string }) => c.id === '11.1');
    expect(medinsky.quote).toMatch(/led by Kremlin-language assistant Vladimir Medinsky\.$/);
    expect(medinsky.phrase.text).toBe('Vladimir Medinsky');
  });

  it('answers a question about the whole article with its opening sentence, marked as such', () => {
    const answer = JSON.parse(npmRun(['ask', '--', '--json', 'What is this article about?']).stdout);
    expect(answer).toMatchObject({ answered: true, citations: [{ n: 1, id: '1.1', score: 1, lede: true }] });
    expect(answer.citations[0].quote).toMatch(/^Istanbul - Russia and Ukraine/);
    const text = npmRun(['ask', '--', 'tl;dr']).stdout;
    expect(text).toMatch(/1\.1 \(its opening sentence\)/);
  });

  it('says answered: false for an off-topic question and still lists the closest passages', () => {
    const answer = JSON.parse(npmRun(['ask', '--', '--json', 'What is the boiling point of water?']).stdout);
    expect(answer.answered).toBe(false);
    expect(answer.citations.length).toBeGreaterThan(0);
  });

  it('prints a JSON error and exits 1 for an empty question', () => {
    const { code, stdout } = npmRun(['ask', '--', '--json', '   ']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({ question: '   ', error: 'Ask a question: the text was empty.' });
  });
});

describe('npm run ask -- --jsonl', () => {
  it('answers one question per stdin line, one object per line, skipping blank lines', () => {
    const { code, stdout } = npmRun(['ask', '--', '--jsonl'], 'Where did Zelenskyy land?\n\nWho reported the story?\nRecommend me a good movie\n');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => [l.question, l.answered, l.citations[0].id])).toEqual([
      ['Where did Zelenskyy land?', true, '10.1'],
      ['Who reported the story?', true, '16.1'],
      ['Recommend me a good movie', false, expect.any(String)],
    ]);
  });
});

describe('npm run ask -- --article <id>', () => {
  it('answers from the named article only, and refuses an id the index does not have', () => {
    fs.copyFileSync(path.join(ROOT, 'tests', 'fixtures', 'follow-ups', 'articles', 'tram-line.md'), path.join(articlesDir, 'tram-line.md'));
    try {
      const all = JSON.parse(npmRun(['ask', '--', '--json', 'Who leads the Russian delegation?']).stdout);
      expect(all.citations.some((c: { article: string; id: string }) => c.article === '000_ce70d124781ea012' && c.id === '11.1')).toBe(true);
      const scoped = JSON.parse(npmRun(['ask', '--', '--json', '--article', 'tram-line', 'Who leads the Russian delegation?']).stdout);
      expect(scoped.citations.length).toBeGreaterThan(0);
      expect(scoped.citations.every((c: { article: string }) => c.article === 'tram-line')).toBe(true);
      const cost = JSON.parse(npmRun(['ask', '--', '--json', '--article', 'tram-line', 'How much will the tram line cost?']).stdout);
      expect(cost.answered).toBe(true);
      expect(cost.citations[0]).toMatchObject({ article: 'tram-line', id: '2.1' });
      const unknown = npmRun(['ask', '--', '--json', '--article', 'nope', 'Who leads the Russian delegation?']);
      expect(unknown.code).toBe(1);
      expect(JSON.parse(unknown.stdout).error).toBe('No article "nope"; the articles are: 000_ce70d124781ea012, tram-line.');
    } finally {
      fs.rmSync(path.join(articlesDir, 'tram-line.md'));
    }
  });
});

describe('npm run ask: section headings', () => {
  it('never quotes a heading as the answer, and keeps the ids of the sentences after it', () => {
    const story = ['# Nasal spray trial', '', 'A saline spray cut colds in care homes by a third, a trial found.', '', '## How the trial worked', '', 'Half of the homes were given the spray, used twice a day.', ''].join('\n');
    fs.writeFileSync(path.join(articlesDir, 'spray-trial.md'), story);
    try {
      const answer = JSON.parse(npmRun(['ask', '--', '--json', '--article', 'spray-trial', 'How did the trial work?']).stdout);
      expect(answer.citations.length).toBeGreaterThan(0);
      expect(answer.citations.map((c: { quote: string }) => c.quote)).not.toContain('How the trial worked');
      for (const citation of answer.citations) expect(['1.1', '3.1']).toContain(citation.id);
      // The section's first sentence is found by its heading, as the served index reads it back from disk.
      expect(answer.citations[0]).toMatchObject({ id: '3.1', quote: 'Half of the homes were given the spray, used twice a day.' });
    } finally {
      fs.rmSync(path.join(articlesDir, 'spray-trial.md'));
    }
  });
});

describe('npm run ask (for a person)', () => {
  it('prints numbered quotes with article and citation id', () => {
    const { code, stdout } = npmRun(['ask', '--', 'Where did Zelenskyy land?']);
    expect(code).toBe(0);
    expect(stdout).toContain('[1] “Zelenskyy landed in Ankara on Thursday');
    expect(stdout).toMatch(/— Istanbul - Russia and Ukraine spin in amid high-risk peace talks between… \(000_ce70d124781ea012\), 10\.1 \(score \d\.\d\d\)/);
  });

  it('says plainly when the article does not say', () => {
    expect(npmRun(['ask', '--', 'Recommend me a good movie']).stdout).toMatch(/^The article doesn't say\. Closest passages to "Recommend me a good movie":/);
  });

  it('asks for a question when none is given', () => {
    const { code, stderr } = npmRun(['ask']);
    expect(code).not.toBe(0);
    expect(stderr).toContain('ask: give a question');
  });
});
