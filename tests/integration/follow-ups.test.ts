/**
 * Follow-up questions, resolved against the question before them, on the follow-up set in tests/fixtures/follow-ups
 * (the seed article and two development articles in one index, the real model): the acceptance figures.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FOLLOW_UP_STRATEGY, leansOnContext, questionEntities, resolveFollowUp } from '../../src/conversation/follow-up.js';
import { loadFollowUpCases, measureFollowUps, type FollowUpScores } from '../../src/conversation/measure-follow-ups.js';
import { createQaService } from '../../src/qa-service.js';
import type { QaService } from '../../src/types.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/follow-ups');
const cases = loadFollowUpCases(path.join(FIXTURES, 'follow-ups.jsonl'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'footnote-follow-ups-'));
let service: QaService;
let scores: FollowUpScores;

beforeAll(async () => {
  service = await createQaService({ articlesDir: path.join(FIXTURES, 'articles'), indexDir: path.join(tmp, 'index') });
  scores = await measureFollowUps(service, cases);
}, 120_000);

afterAll(async () => {
  await service?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the follow-up set', () => {
  it('has elliptical and self-contained follow-ups whose gold occurs exactly once in its article', () => {
    expect(cases.filter((c) => c.kind === 'elliptical').length).toBeGreaterThanOrEqual(30);
    expect(cases.filter((c) => c.kind === 'self-contained').length).toBeGreaterThanOrEqual(10);
    const texts = new Map(fs.readdirSync(path.join(FIXTURES, 'articles')).map((f) => [f.replace(/\.(md|txt)$/, ''), fs.readFileSync(path.join(FIXTURES, 'articles', f), 'utf8')]));
    for (const c of cases) for (const gold of c.gold) expect(texts.get(c.article)!.split(gold).length - 1, `${c.article}: ${gold}`).toBe(1);
  });
});

describe('resolving follow-ups', () => {
  it('tells a follow-up that leans on the last question from one that stands alone', () => {
    for (const text of ['and when?', 'who said so?', 'what did he add?', 'which palace?', 'how many stops?']) expect(leansOnContext(text), text).toBe(true);
    for (const text of ['What did Peskov tell CNN?', 'How many people watched the final?', 'Whose shot hit the post?']) expect(leansOnContext(text), text).toBe(false);
  });

  it('prefixes the last question to a leaning follow-up, and leaves a self-contained one as typed', () => {
    expect(resolveFollowUp(['Will Putin attend the talks?'], 'who said so?')).toBe('Will Putin attend the talks? who said so?');
    expect(resolveFollowUp(['Will Putin attend the talks?'], 'Where did Zelenskyy land on Thursday?')).toBe('Where did Zelenskyy land on Thursday?');
    expect(resolveFollowUp([], 'who said so?')).toBe('who said so?');
    expect(questionEntities('Will Putin attend the talks?')).toEqual(['Putin', 'talks']);
    expect(resolveFollowUp(['Will Putin attend the talks?'], 'who said so?', 'entities')).toBe('who said so? Putin talks');
  });

  it('with context, elliptical follow-ups reach the gold in the top 3 at least 20 points more often than alone', () => {
    const best = scores[DEFAULT_FOLLOW_UP_STRATEGY];
    expect(best.elliptical - scores.alone.elliptical).toBeGreaterThanOrEqual(0.2);
    // The default is the best measured way, not a guess.
    for (const s of Object.values(scores)) expect(best.elliptical).toBeGreaterThanOrEqual(s.elliptical);
  });

  it('self-contained follow-ups lose no more than 5 points against being asked alone', () => {
    expect(scores.alone['self-contained'] - scores[DEFAULT_FOLLOW_UP_STRATEGY]['self-contained']).toBeLessThanOrEqual(0.05);
  });
});
