import fs from 'node:fs';
import path from 'node:path';
import { segmentArticle } from '../article/segment.js';
import { PROJECT_ROOT } from '../config.js';
import type { Passage } from '../types.js';

/** Evaluation data lives beside the project (not shipped with it); commands skip with a message when absent. */
export const EVAL_DIR = path.resolve(PROJECT_ROOT, '..', 'shared', 'eval');
export const XQUAD_FILE = path.join(EVAL_DIR, 'xquad.en.json');
export const SEED_DEV_FILE = path.join(EVAL_DIR, 'seed-dev-qa.jsonl');

export interface XquadArticle {
  title: string;
  /** The article's paragraphs as one text; passage offsets index into it. */
  text: string;
  passages: Passage[];
  /** `gold` indexes `passages`; `answer` is the gold answer phrase. */
  questions: Array<{ question: string; gold: number; answer: string }>;
}

interface SquadFile {
  data: Array<{
    title: string;
    paragraphs: Array<{ context: string; qas: Array<{ question: string; answers: Array<{ answer_start: number; text: string }> }> }>;
  }>;
}

/**
 * XQuAD in SQuAD format: each article's paragraphs become one text (blank-line separated); every sentence is a
 * candidate and the gold is the sentence holding `answers[0].answer_start`.
 */
export function loadXquad(file = XQUAD_FILE): XquadArticle[] {
  const squad = JSON.parse(fs.readFileSync(file, 'utf8')) as SquadFile;
  return squad.data.map((entry, a) => {
    let text = '';
    const contextStarts: number[] = [];
    for (const paragraph of entry.paragraphs) {
      if (text) text += '\n\n';
      contextStarts.push(text.length);
      text += paragraph.context;
    }
    const passages = segmentArticle(`xquad-${a}`, text);
    const questions = entry.paragraphs.flatMap((paragraph, p) =>
      paragraph.qas.map((qa) => {
        const offset = contextStarts[p]! + qa.answers[0]!.answer_start;
        let gold = passages.findIndex((passage) => offset >= passage.start && offset < passage.end);
        // An answer starting in the space between sentences belongs to the next one.
        if (gold < 0) gold = passages.findIndex((passage) => passage.start >= offset);
        return { question: qa.question, gold, answer: qa.answers[0]!.text };
      }),
    );
    return { title: entry.title, text, passages, questions };
  });
}

export interface SeedDevQuestion {
  q: string;
  gold: string[];
  unanswerable?: boolean;
}

export function loadSeedDev(file = SEED_DEV_FILE): SeedDevQuestion[] {
  return readJsonLines<SeedDevQuestion>(file);
}

/** A file of one JSON value per line, blank lines skipped: every question and claim set here is one. */
export function readJsonLines<T>(file: string): T[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}
