/** One question answered for Discord, by /ask or a mention: ask the engine, keep the buttons' state, render. */
import type { Answer } from '../types.js';
import type { BotDeps } from './deps.js';
import { renderAnswer } from './render/answer.js';
import type { AnswerMessage } from './render/embed.js';
import { answerKey } from './state.js';
import { passageRef } from '../article/ref.js';

export async function answerQuestion(question: string, deps: BotDeps): Promise<{ answer: Answer; message: AnswerMessage }> {
  const answer = await deps.service.ask(question);
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
