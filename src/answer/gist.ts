import { passagesByArticle } from '../article/by-article.js';
import { BYLINE_CONTEXT } from '../article/segment.js';
import type { Answer, Passage } from '../types.js';
import { MAX_CITATIONS } from './decide.js';

/**
 * "What is this article about?", "What happened?", "Summarise it", "tl;dr": a question about the article as a whole,
 * which no one sentence matches better than the rest (the answer model refused it, every candidate near 0.02). A
 * news article answers it in its opening sentence, written to say what the story is. Only the bare question: "What
 * happened at the match?" asks about something, and is answered the usual way.
 */
const GIST = new RegExp(
  '^(?:so,? |and )?(?:' +
    [
      "what(?:'s| is| was) (?:this|the|that) (?:article|story|piece|report|news|text)(?: about| saying| on)?",
      "what(?:'s| is| was) (?:it|this|that) about",
      'what (?:does|did) (?:the|this|that|it) (?:article|story|piece|report)? ?(?:say|cover|report)',
      'what happened',
      "what(?:'s| is) (?:the story|the news|going on|happening)",
      '(?:(?:can|could) you )?(?:give me |tell me )?(?:a |the )?(?:summary|gist|tl;? ?dr|short version|main points?|key points?)(?: of (?:it|this|that|the (?:article|story|piece)))?',
      '(?:(?:can|could) you )?(?:summari[sz]e|sum up)(?: (?:it|this|that|the (?:article|story|piece)))?',
      'tl;? ?dr',
      'what (?:are|were) the (?:main|key) points',
    ].join('|') +
    ')[\\s?.!]*$',
  'i',
);

export function asksForGist(question: string): boolean {
  return GIST.test(question.trim().replace(/[’‘]/g, "'"));
}

/**
 * Each article's opening sentence (after its byline), up to `MAX_CITATIONS` articles in the order they are loaded,
 * quoted as the answer to a question about the article as a whole. Scored 1: no model chose them, the article did.
 */
export function gistAnswer(question: string, passages: readonly Passage[]): Answer | undefined {
  const ledes: Passage[] = [];
  for (const list of passagesByArticle(passages).values()) {
    const lede = [...list].sort((a, b) => a.start - b.start).find((passage) => passage.context !== BYLINE_CONTEXT);
    if (lede) ledes.push(lede);
    if (ledes.length === MAX_CITATIONS) break;
  }
  if (ledes.length === 0) return undefined;
  return {
    question,
    answered: true,
    citations: ledes.map((lede, i) => ({ n: i + 1, article: lede.article, id: lede.id, quote: lede.text, score: 1, highlights: [], lede: true })),
  };
}
