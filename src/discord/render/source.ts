/** A cited sentence inside its paragraph: `/source`, and "Show context" for every citation of an answer. */
import type { APIEmbed } from 'discord-api-types/v10';
import type { SourceView } from '../../types.js';
import { COLORS, fitEmbed, type AnswerMessage } from './embed.js';
import { LIMITS } from '../limits.js';
import { escapeQuote, escapeUserText, neutraliseMentions, tailAtWord, truncateAtWord } from './text.js';

/** A paragraph with one sentence marked (bold + underline), windowed around it to fit `max`. */
export function renderParagraph(view: SourceView, max: number): string {
  const sentence = escapeQuote(view.paragraph.slice(view.start, view.end)).trim();
  const marked = `__**${sentence}**__`;
  if (marked.length >= max) return `__**${truncateAtWord(sentence, Math.max(1, max - 8))}**__`;
  const before = escapeQuote(view.paragraph.slice(0, view.start));
  const after = escapeQuote(view.paragraph.slice(view.end));
  const budget = max - marked.length;
  const wantBefore = Math.min(before.length, Math.max(Math.floor(budget / 2), budget - after.length));
  const wantAfter = budget - wantBefore;
  return `${tailAtWord(before, wantBefore)}${marked}${truncateAtWord(after, wantAfter)}`;
}

export function renderSource(ref: string, view: SourceView): AnswerMessage {
  const name = view.title ? truncateAtWord(neutraliseMentions(view.title), LIMITS.title) : view.passage.article;
  const embed: APIEmbed = {
    title: name,
    description: renderParagraph(view, 3500),
    color: COLORS.info,
    fields: [
      { name: 'Citation', value: `\`${view.passage.id}\` (paragraph ${view.passage.paragraph}, sentence ${view.passage.sentence})`, inline: true },
      { name: 'Article', value: `\`${view.passage.article}\``, inline: true },
    ],
    footer: { text: `Source for ${ref} · the marked sentence is quoted verbatim` },
  };
  if (view.url && /^https?:\/\//.test(view.url)) embed.url = view.url;
  return { embeds: [fitEmbed(embed)], components: [] };
}

/** "Show context": each cited sentence inside its paragraph. */
export function renderContext(question: string, items: Array<{ n: number; ref: string; view: SourceView }>): AnswerMessage {
  const title = truncateAtWord(`Context: ${escapeUserText(question)}`, LIMITS.title);
  if (!items.length) return { embeds: [fitEmbed({ title, description: 'No context available.', color: COLORS.info })], components: [] };
  const per = Math.max(200, Math.floor((LIMITS.description - 20 * items.length) / items.length) - 30);
  const blocks: string[] = [];
  for (const item of items) {
    const block = `**[${item.n}]** \`${item.view.passage.id}\`${item.view.title ? ` · ${escapeQuote(truncateAtWord(item.view.title, 60))}` : ''}\n${renderParagraph(item.view, per)}`;
    if ([...blocks, block].join('\n\n').length > LIMITS.description - title.length) break;
    blocks.push(block);
  }
  return { embeds: [fitEmbed({ title, description: blocks.join('\n\n'), color: COLORS.info })], components: [] };
}
