/** Numbered quote blocks with their Sources list, shared by answers and claim checks. Whole citations are dropped, never cut. */
import type { APIEmbedField } from 'discord-api-types/v10';
import type { Citation } from '../../types.js';
import { articleLabel, linesToFields, type ArticleInfo } from './embed.js';
import { LIMITS } from '../limits.js';
import { renderQuote } from './quote.js';

function sourceLine(c: Pick<Citation, 'n' | 'article' | 'id' | 'score' | 'lede' | 'speakerOf'>, info?: ArticleInfo): string {
  const how = c.lede ? 'opening sentence' : c.speakerOf ? `who says [${c.speakerOf}]` : `score ${c.score.toFixed(2)}`;
  return `**[${c.n}]** ${articleLabel(c.article, info)} · \`${c.id}\` · ${how}`;
}

/**
 * Lay out numbered quote blocks in a description and a Sources field list, dropping whole
 * citations from the end when they do not fit.
 */
export function citationLayout(
  intro: string,
  citations: Citation[],
  sourcesName: string,
  info: ArticleInfo | undefined,
  reserved: number,
): { description: string; fields: APIEmbedField[]; shown: Citation[] } {
  const perQuote = Math.max(120, Math.min(900, Math.floor((LIMITS.description - intro.length - 40) / Math.max(1, citations.length)) - 12));
  const blocks = citations.map((c) => `> ${renderQuote(c.quote, c.highlights, perQuote, c.phrase)} **[${c.n}]**`);
  let count = citations.length;
  for (;;) {
    const description = [intro, ...blocks.slice(0, count)].filter(Boolean).join('\n');
    const fields = linesToFields(sourcesName, citations.slice(0, count).map((c) => sourceLine(c, info)), LIMITS.fields - 1);
    const size = description.length + fields.reduce((n, f) => n + f.name.length + f.value.length, 0) + reserved;
    const fieldsHoldAll = fields.reduce((n, f) => n + f.value.split('\n').length, 0) >= count;
    if ((description.length <= LIMITS.description && size <= LIMITS.embedTotal && fieldsHoldAll) || count === 0) {
      return { description, fields, shown: citations.slice(0, count) };
    }
    count -= 1;
  }
}
