import { createRequire } from 'node:module';
import type { MarkdownIt, Token } from 'markdown-it';
import { readerWhitespace } from './reader-whitespace.js';

/** A Markdown article as its reader sees it: paragraphs of plain text, and the heading it opens with. */
export interface MarkdownText {
  /** One paragraph per block (paragraph, heading, list item, quoted paragraph, code block), blank-line separated. */
  text: string;
  /** The heading the article opens with, when it opens with one; it is not in `text`. */
  heading?: string;
  /** Where each later heading ("## How the trial worked") starts in `text`: a section's name, not a sentence of it. */
  headingStarts: number[];
}

let parser: MarkdownIt | undefined;

/**
 * markdown-it with CommonMark's rules (no tables or strikethrough: a "~" or "|" in a story is its text), HTML
 * recognised so that its tags can be dropped. Loaded from its CommonJS build on the first Markdown article, so a
 * collection of plain-text articles never pays for it at start (importing it costs about 10 ms).
 */
function markdown(): MarkdownIt {
  if (!parser) {
    const create = createRequire(import.meta.url)('markdown-it') as (preset: 'commonmark', options: { html: boolean }) => MarkdownIt;
    parser = create('commonmark', { html: true });
  }
  return parser;
}

/**
 * Markdown to the text a reader of the rendered page sees, block by block, as `extractArticle` reads an HTML page:
 * "# Tram line approved" is the article's headline, not a sentence to quote with its "#"; "**bold**", "[text](url)"
 * and "<b>…</b>" are shown as their words; a bullet is no word; an ordered list keeps its numbers, which the page
 * shows. Parsed by a CommonMark parser rather than by patterns: emphasis, escapes and code spans have rules
 * ("snake_case", "2 * 3") that a pattern gets wrong.
 */
export function markdownToText(source: string): MarkdownText {
  const blocks: Array<{ text: string; heading: boolean }> = [];
  const push = (text: string, heading = false) => {
    const cleaned = readerWhitespace(text);
    if (cleaned) blocks.push({ text: cleaned, heading });
  };
  // Ordered lists being read, innermost last: the next item's number.
  const numbers: number[] = [];
  let itemNumber: string | undefined;
  let inHeading = false;
  for (const token of markdown().parse(source, {})) {
    switch (token.type) {
      case 'heading_open':
        inHeading = true;
        break;
      case 'heading_close':
        inHeading = false;
        break;
      case 'ordered_list_open':
        numbers.push(Number(token.attrGet('start') ?? 1));
        break;
      case 'ordered_list_close':
        numbers.pop();
        break;
      case 'bullet_list_open':
        numbers.push(NaN);
        break;
      case 'bullet_list_close':
        numbers.pop();
        break;
      case 'list_item_open': {
        const next = numbers.at(-1);
        if (next !== undefined && !Number.isNaN(next)) {
          itemNumber = `${next}. `;
          numbers[numbers.length - 1] = next + 1;
        }
        break;
      }
      case 'inline':
        push((itemNumber ?? '') + inlineText(token.children ?? []), inHeading);
        itemNumber = undefined;
        break;
      case 'code_block':
      case 'fence':
        push(token.content);
        break;
      case 'html_block':
        push(withoutTags(token.content));
        break;
      default:
        // Rules, closing tokens, and anything else without text of the story.
        break;
    }
  }
  const heading = blocks[0]?.heading ? blocks.shift()!.text : undefined;
  const headingStarts: number[] = [];
  let at = 0;
  for (const block of blocks) {
    if (block.heading) headingStarts.push(at);
    at += block.text.length + 2;
  }
  return { text: blocks.map((block) => block.text).join('\n\n'), ...(heading ? { heading } : {}), headingStarts };
}

function inlineText(tokens: readonly Token[]): string {
  let text = '';
  // Inside an inline <script> or <style>, whose tags come as tokens of their own around its content.
  let hidden: string | undefined;
  for (const token of tokens) {
    if (token.type === 'html_inline') {
      const tag = /^<(\/?)(script|style)\b/i.exec(token.content);
      if (tag) hidden = tag[1] ? undefined : tag[2]!.toLowerCase();
      else if (!hidden) text += withoutTags(token.content);
    } else if (hidden) continue;
    else if (token.type === 'text' || token.type === 'code_inline') text += token.content;
    else if (token.type === 'softbreak' || token.type === 'hardbreak') text += ' ';
    // Images are left out: their alt text describes a picture, not the story.
  }
  return text;
}

/** Tags dropped, their words kept: "<b>Paris</b>" reads "Paris"; a comment, a script or a style is nothing. */
function withoutTags(html: string): string {
  return html.replace(/<!--[\s\S]*?-->/g, '').replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '').replace(/<[^>]*>/g, '');
}
