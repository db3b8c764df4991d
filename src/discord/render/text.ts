/**
 * Escaping and truncation of the text we echo. User text is escaped and its mentions neutralised wherever it is
 * shown; article text keeps its words but not its markdown; a cut is at a word boundary with an ellipsis.
 */
import { escapeMarkdown } from 'discord.js';

export const ELLIPSIS = '…';
/** Zero-width space: breaks a mention without changing what the reader sees, and fills fields Discord wants non-empty. */
export const ZWSP = '\u200b';

/** Stop `@everyone`, `@here` and `<@…>` / `<@&…>` from ever pinging, even if allowed_mentions were lost. */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<@/g, `<@${ZWSP}`);
}

/**
 * User, role and channel mentions a user typed, as plain words: an embed title shows markup raw, and a bare id means
 * nothing to a reader.
 */
export function plainMentions(text: string): string {
  return text.replace(/<@&\d+>/g, '@role').replace(/<@!?\d+>/g, '@user').replace(/<#\d+>/g, '#channel');
}

/** Escape markdown and neutralise mentions in text a user typed. */
export function escapeUserText(text: string): string {
  const flat = plainMentions(text.replace(/\s+/g, ' ').trim());
  return neutraliseMentions(
    escapeMarkdown(flat, { heading: true, bulletedList: true, numberedList: true, maskedLink: true }),
  );
}

/** Escape markdown in verbatim article text (quotes can contain `*`, `_`, `>` …). */
export function escapeQuote(text: string): string {
  return neutraliseMentions(escapeMarkdown(text.replace(/\s+/g, ' '), { maskedLink: true }));
}

/**
 * Cut `text` to at most `max` characters at a word boundary, adding an ellipsis when cut.
 * Never splits a surrogate pair; falls back to a hard cut only for a single huge word.
 */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return max === 1 ? ELLIPSIS : '';
  let cut = max - 1;
  const space = text.lastIndexOf(' ', cut);
  const boundary = Math.max(space, text.lastIndexOf('\n', cut));
  if (boundary > max * 0.5) cut = boundary;
  else if (/[\uD800-\uDBFF]/.test(text.charAt(cut - 1))) cut -= 1;
  return text.slice(0, cut).replace(/[\s,;:–—-]+$/u, '') + ELLIPSIS;
}

/** Keep the last `max` characters of `text`, starting at a word boundary, with a leading ellipsis when cut. */
export function tailAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '';
  let from = text.length - (max - 1);
  const space = text.indexOf(' ', from);
  if (space !== -1 && space < text.length - max * 0.5) from = space + 1;
  return ELLIPSIS + text.slice(from);
}
