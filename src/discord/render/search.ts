/** `/search` and "More sources": ranked sentences with their fused scores, one line each. */
import type { ScoredPassage } from '../../types.js';
import { COLORS, fitEmbed, type AnswerMessage, type ArticleInfo } from './embed.js';
import { LIMITS } from '../limits.js';
import { renderQuote } from './quote.js';
import { escapeUserText, truncateAtWord } from './text.js';
import { passageRef } from '../../article/ref.js';

export function renderSearch(query: string, results: ScoredPassage[], articles?: ArticleInfo, title = 'Search'): AnswerMessage {
  const multi = new Set(results.map((r) => r.passage.article)).size > 1 || (articles?.size ?? 0) > 1;
  const heading = truncateAtWord(`${title}: ${escapeUserText(query)}`, LIMITS.title);
  if (!results.length) {
    return { embeds: [fitEmbed({ title: heading, description: 'No matching sentences.', color: COLORS.info })], components: [] };
  }
  const perLine = Math.max(100, Math.min(600, Math.floor(LIMITS.description / results.length) - 60));
  const lines: string[] = [];
  for (const [i, r] of results.entries()) {
    const ref = multi ? passageRef(r.passage) : r.passage.id;
    const line = `**${i + 1}.** \`${ref}\` · ${r.score.toFixed(2)} — ${renderQuote(r.passage.text, r.highlights, perLine)}`;
    if ([...lines, line].join('\n').length > LIMITS.description) break;
    lines.push(line);
  }
  return {
    embeds: [fitEmbed({ title: heading, description: lines.join('\n'), color: COLORS.info, footer: { text: 'Scores are fused relevance in [0, 1] · /source <id> shows the paragraph' } })],
    components: [],
  };
}
