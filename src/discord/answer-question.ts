/** One question answered for Discord, by /ask or a mention: ask the engine, keep the buttons' state, render. */
import type { Answer, ArticleScope } from '../types.js';
import type { BotDeps } from './deps.js';
import { renderAnswer } from './render/answer.js';
import type { AnswerMessage } from './render/embed.js';
import { answerKey } from './state.js';
import { passageRef } from '../article/ref.js';

/** `scope`: the articles the place asked from answers from (`scopeOf`); all of them when omitted. */
export async function answerQuestion(question: string, deps: BotDeps, scope?: ArticleScope): Promise<{ answer: Answer; message: AnswerMessage }> {
  const answer = await deps.service.ask(question, scope);
  const refs = answer.citations.map((c) => passageRef(c));
  const key = answerKey(answer.question, refs);
  const rendered = renderAnswer(answer, { key, articles: deps.articles() });
  await deps.answers.put({
    key,
    question: answer.question,
    answered: answer.answered,
    citations: rendered.shown.map((c) => ({ n: c.n, article: c.article, id: c.id, score: c.score })),
    at: new Date().toISOString(),
  });
  return { answer, message: { embeds: rendered.embeds, components: rendered.components } };
}
