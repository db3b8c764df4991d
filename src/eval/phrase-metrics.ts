import { surnamesIn } from '../answer/article-names.js';
import { answerPhrase } from '../answer/phrase.js';
import { askedType } from '../answer/answer-types.js';
import type { XquadArticle } from './datasets.js';

/** SQuAD's answer normalisation: lower case, no punctuation, no articles, single spaces. */
export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\b(a|an|the)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function tokenF1(predicted: string, gold: string): number {
  const p = normalizeAnswer(predicted).split(' ').filter(Boolean);
  const g = normalizeAnswer(gold).split(' ').filter(Boolean);
  if (p.length === 0 || g.length === 0) return p.length === g.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const token of g) counts.set(token, (counts.get(token) ?? 0) + 1);
  let common = 0;
  for (const token of p) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      common++;
      counts.set(token, left - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / p.length;
  const recall = common / g.length;
  return (2 * precision * recall) / (precision + recall);
}

export interface PhraseScores {
  questions: number;
  /** Questions for which a phrase was marked. */
  marked: number;
  exactMatch: number;
  f1: number;
}

/**
 * The answer phrase marked inside each XQuAD question's gold sentence against the gold answer text, per asked type
 * (questions of no type get no phrase and are counted under "other"). Exact match and F1 count unmarked as 0.
 */
export function evaluatePhrases(articles: XquadArticle[]): Map<string, PhraseScores> {
  const surnames = new Map<XquadArticle, Set<string>>();
  const surnamesOf = (article: XquadArticle) => {
    let names = surnames.get(article);
    if (!names) surnames.set(article, (names = surnamesIn(article.passages.map((p) => p.text))));
    return names;
  };
  const byType = new Map<string, PhraseScores>();
  for (const article of articles) {
    for (const q of article.questions) {
      const sentence = article.passages[q.gold]!.text;
      const type = askedType(q.question) ?? 'other';
      const scores = byType.get(type) ?? { questions: 0, marked: 0, exactMatch: 0, f1: 0 };
      // As the service marks it: with the surnames the article gives people in full.
      const phrase = answerPhrase(q.question, sentence, type === 'person' ? () => surnamesOf(article) : undefined);
      scores.questions++;
      if (phrase) {
        const text = sentence.slice(phrase.start, phrase.end);
        scores.marked++;
        scores.exactMatch += normalizeAnswer(text) === normalizeAnswer(q.answer) ? 1 : 0;
        scores.f1 += tokenF1(text, q.answer);
      }
      byType.set(type, scores);
    }
  }
  for (const scores of byType.values()) {
    scores.exactMatch /= scores.questions;
    scores.f1 /= scores.questions;
  }
  return byType;
}
