/**
 * Turns QaService results into Discord message bodies (plain API JSON). Every Discord limit is
 * enforced here, so handlers can send whatever these functions return.
 *
 * Rules: quotes are verbatim; a long quote is cut at a word boundary with an ellipsis; when space
 * runs out whole citations are dropped (never cut mid-citation); user text is escaped and
 * mentions neutralised wherever it is echoed.
 */
import { escapeMarkdown } from 'discord.js';
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  type APIComponentInMessageActionRow,
} from 'discord-api-types/v10';
import type { AboutInfo, Answer, Citation, ScoredPassage, SourceView } from '../types.js';

export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  fields: 25,
  embedTotal: 6000,
  buttonsPerRow: 5,
  customId: 100,
  choiceName: 100,
  choices: 25,
} as const;

export const COLORS = { answered: 0x2f855a, abstained: 0x718096, info: 0x3182ce, error: 0xc53030 } as const;

const ELLIPSIS = '…';
const ZWSP = '\u200b';

/** Article display info, keyed by article id. */
export type ArticleInfo = Map<string, { title?: string; url?: string }>;

export interface AnswerMessage {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

// ───────────────────────────── text helpers ─────────────────────────────

/** Stop `@everyone`, `@here` and `<@…>` / `<@&…>` from ever pinging, even if allowed_mentions were lost. */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<@/g, `<@${ZWSP}`);
}

/** Escape markdown and neutralise mentions in text a user typed. */
export function escapeUserText(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return neutraliseMentions(
    escapeMarkdown(flat, { heading: true, bulletedList: true, numberedList: true, maskedLink: true }),
  );
}

/** Escape markdown in verbatim article text (quotes can contain `*`, `_`, `>` …). */
function escapeQuote(text: string): string {
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

/** Merge overlapping or whitespace-separated highlight ranges, clipped to `[0, length)`. */
export function mergeHighlights(text: string, highlights: ReadonlyArray<readonly [number, number]>, length = text.length): Array<[number, number]> {
  const sorted = highlights
    .map(([s, e]) => [Math.max(0, s), Math.min(length, e)] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const range of sorted) {
    const last = out[out.length - 1];
    if (last && (range[0] <= last[1] || /^\s+$/.test(text.slice(last[1], range[0])))) last[1] = Math.max(last[1], range[1]);
    else out.push([...range]);
  }
  return out;
}

/**
 * Render a verbatim quote with its matched words in bold, escaped, at most `max` rendered
 * characters (cut at a word boundary with an ellipsis).
 */
export function renderQuote(quote: string, highlights: ReadonlyArray<readonly [number, number]>, max: number): string {
  // Rendering only adds characters (escapes, ** markers), so the raw cut never needs to exceed `max`.
  let rawMax = Math.min(quote.length, max);
  for (let attempt = 0; attempt < 20; attempt++) {
    const cutText = truncateAtWord(quote, rawMax);
    const cut = cutText.endsWith(ELLIPSIS) && cutText.length <= quote.length && rawMax < quote.length ? cutText.length - 1 : quote.length;
    const ranges = mergeHighlights(quote, highlights, cut);
    let out = '';
    let pos = 0;
    for (const [s, e] of ranges) {
      out += escapeQuote(quote.slice(pos, s));
      const inner = quote.slice(s, e);
      // Keep whitespace outside the ** markers, or Discord will not render bold.
      const lead = inner.match(/^\s*/)![0];
      const trail = inner.match(/\s*$/)![0];
      const core = inner.trim();
      out += core ? `${lead}**${escapeQuote(core)}**${trail}` : inner;
      pos = e;
    }
    out += escapeQuote(quote.slice(pos, cut));
    if (cut < quote.length) out = out.replace(/\s+$/, '') + ELLIPSIS;
    if (out.length <= max) return out;
    if (rawMax <= 1) break;
    rawMax = Math.max(1, Math.min(rawMax - (out.length - max), Math.floor(rawMax * 0.9)));
  }
  return truncateAtWord(escapeQuote(quote), max);
}

function articleLabel(article: string, info?: ArticleInfo, withLink = true): string {
  const meta = info?.get(article);
  const title = meta?.title ? escapeQuote(truncateAtWord(meta.title, 80)) : `\`${article}\``;
  return withLink && meta?.url && /^https?:\/\//.test(meta.url) ? `[${title}](${meta.url})` : title;
}

function embedSize(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Safety net applied to every embed: truncates and drops fields so Discord never rejects it. */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = truncateAtWord(out.title, LIMITS.title);
  if (out.description !== undefined) out.description = truncateAtWord(out.description, LIMITS.description);
  if (out.footer) out.footer = { ...out.footer, text: truncateAtWord(out.footer.text, LIMITS.footer) };
  if (out.author) out.author = { ...out.author, name: truncateAtWord(out.author.name, LIMITS.author) };
  if (out.fields) {
    out.fields = out.fields
      .slice(0, LIMITS.fields)
      .map((f) => ({ ...f, name: truncateAtWord(f.name, LIMITS.fieldName) || ZWSP, value: truncateAtWord(f.value, LIMITS.fieldValue) || ZWSP }));
    while (embedSize(out) > LIMITS.embedTotal && out.fields.length) out.fields.pop();
  }
  const over = embedSize(out) - LIMITS.embedTotal;
  if (over > 0 && out.description) out.description = truncateAtWord(out.description, Math.max(0, out.description.length - over));
  return out;
}

/** Pack lines into as few fields as possible (each ≤ 1,024 chars), never splitting a line. */
function linesToFields(name: string, lines: string[], maxFields: number): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncateAtWord(raw, LIMITS.fieldValue);
    if (current && current.length + 1 + line.length > LIMITS.fieldValue) {
      fields.push({ name: fields.length ? `${name} (cont.)` : name, value: current });
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) fields.push({ name: fields.length ? `${name} (cont.)` : name, value: current });
  return fields.slice(0, maxFields);
}

// ───────────────────────────── answers ─────────────────────────────

export const CUSTOM_ID_PREFIX = 'fn';
export type ButtonAction = 'ctx' | 'more' | 'up' | 'down';

export function customId(action: ButtonAction, key: string): string {
  const id = `${CUSTOM_ID_PREFIX}:${action}:${key}`;
  if (id.length > LIMITS.customId) throw new Error('custom_id too long');
  return id;
}

export function parseCustomId(id: string): { action: ButtonAction; key: string } | undefined {
  const m = /^fn:(ctx|more|up|down):([A-Za-z0-9_-]{1,64})$/.exec(id);
  return m ? { action: m[1] as ButtonAction, key: m[2]! } : undefined;
}

export function answerButtons(key: string): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  const buttons: APIButtonComponentWithCustomId[] = [
    { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Show context', custom_id: customId('ctx', key) },
    { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'More sources', custom_id: customId('more', key) },
    { type: ComponentType.Button, style: ButtonStyle.Secondary, emoji: { name: '👍' }, custom_id: customId('up', key) },
    { type: ComponentType.Button, style: ButtonStyle.Secondary, emoji: { name: '👎' }, custom_id: customId('down', key) },
  ];
  const rows: APIActionRowComponent<APIComponentInMessageActionRow>[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow)
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  return rows;
}

function sourceLine(c: Pick<Citation, 'n' | 'article' | 'id' | 'score'>, info?: ArticleInfo): string {
  return `**[${c.n}]** ${articleLabel(c.article, info)} · \`${c.id}\` · score ${c.score.toFixed(2)}`;
}

/**
 * Lay out numbered quote blocks in a description and a Sources field list, dropping whole
 * citations from the end when they do not fit.
 */
function citationLayout(
  intro: string,
  citations: Citation[],
  sourcesName: string,
  info: ArticleInfo | undefined,
  reserved: number,
): { description: string; fields: APIEmbedField[]; shown: Citation[] } {
  const perQuote = Math.max(120, Math.min(900, Math.floor((LIMITS.description - intro.length - 40) / Math.max(1, citations.length)) - 12));
  const blocks = citations.map((c) => `> ${renderQuote(c.quote, c.highlights, perQuote)} **[${c.n}]**`);
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

export interface RenderAnswerOptions {
  /** Key stored in the button custom_ids; no buttons when omitted. */
  key?: string;
  articles?: ArticleInfo;
}

export function renderAnswer(answer: Answer, options: RenderAnswerOptions = {}): AnswerMessage & { shown: Citation[] } {
  const title = truncateAtWord(escapeUserText(answer.question), LIMITS.title);
  const footer = answer.answered
    ? 'Quotes are verbatim from the article · /source <id> shows the paragraph'
    : 'No sentence in the article answers this; the passages above are only the closest matches';
  const intro = answer.answered
    ? ''
    : answer.citations.length
      ? "**The article doesn't say.** Nothing in it answers this question.\nClosest passages (not an answer):"
      : "**The article doesn't say.** Nothing in it answers this question.";
  const layout = citationLayout(
    intro,
    answer.citations,
    answer.answered ? 'Sources' : 'Closest passages',
    options.articles,
    title.length + footer.length,
  );
  const embed = fitEmbed({
    title,
    description: layout.description || ZWSP,
    color: answer.answered ? COLORS.answered : COLORS.abstained,
    fields: layout.fields,
    footer: { text: footer },
  });
  return { embeds: [embed], components: options.key ? answerButtons(options.key) : [], shown: layout.shown };
}

/** Message-context-menu "Check against article". */
export function renderClaimCheck(claim: string, answer: Answer, articles?: ArticleInfo): AnswerMessage {
  const shownClaim = truncateAtWord(escapeUserText(claim), 300);
  const intro = answer.answered
    ? `Claim: “${shownClaim}”\nPassages in the article that bear on this claim (read them to judge):`
    : `Claim: “${shownClaim}”\n**The article contains nothing that backs this claim.**${answer.citations.length ? '\nClosest passages, for reference only (they do not support it):' : ''}`;
  const title = 'Check against article';
  const layout = citationLayout(intro, answer.citations, answer.answered ? 'Sources' : 'Closest passages', articles, title.length + 40);
  return {
    embeds: [
      fitEmbed({
        title,
        description: layout.description,
        color: answer.answered ? COLORS.answered : COLORS.abstained,
        fields: layout.fields,
      }),
    ],
    components: [],
  };
}

// ───────────────────────────── search / source / context / about ─────────────────────────────

export function renderSearch(query: string, results: ScoredPassage[], articles?: ArticleInfo, title = 'Search'): AnswerMessage {
  const multi = new Set(results.map((r) => r.passage.article)).size > 1 || (articles?.size ?? 0) > 1;
  const heading = truncateAtWord(`${title}: ${escapeUserText(query)}`, LIMITS.title);
  if (!results.length) {
    return { embeds: [fitEmbed({ title: heading, description: 'No matching sentences.', color: COLORS.info })], components: [] };
  }
  const perLine = Math.max(100, Math.min(600, Math.floor(LIMITS.description / results.length) - 60));
  const lines: string[] = [];
  for (const [i, r] of results.entries()) {
    const ref = multi ? `${r.passage.article}:${r.passage.id}` : r.passage.id;
    const line = `**${i + 1}.** \`${ref}\` · ${r.score.toFixed(2)} — ${renderQuote(r.passage.text, r.highlights, perLine)}`;
    if ([...lines, line].join('\n').length > LIMITS.description) break;
    lines.push(line);
  }
  return {
    embeds: [fitEmbed({ title: heading, description: lines.join('\n'), color: COLORS.info, footer: { text: 'Scores are fused relevance in [0, 1] · /source <id> shows the paragraph' } })],
    components: [],
  };
}

/** Keep the last `max` characters of `text`, starting at a word boundary, with a leading ellipsis when cut. */
function tailAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '';
  let from = text.length - (max - 1);
  const space = text.indexOf(' ', from);
  if (space !== -1 && space < text.length - max * 0.5) from = space + 1;
  return ELLIPSIS + text.slice(from);
}

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

export function renderAbout(info: AboutInfo): AnswerMessage {
  const built = Date.parse(info.builtAt);
  const articleLines = info.articles.map(
    (a) => `• ${a.title ? escapeQuote(truncateAtWord(a.title, 120)) : `\`${a.id}\``} — ${a.sentences} sentences`,
  );
  // Keep the list to ~2,500 characters so the totals below always fit.
  const listed: string[] = [];
  let used = 0;
  for (const [i, line] of articleLines.entries()) {
    const more = `… and ${articleLines.length - i} more`;
    if (used + line.length + more.length + 2 > 2_500) {
      listed.push(more);
      break;
    }
    listed.push(line);
    used += line.length + 1;
  }
  const fields: APIEmbedField[] = [
    ...linesToFields(`Articles loaded (${info.articles.length})`, listed.length ? listed : ['none'], 5),
    { name: 'Sentences', value: String(info.sentences), inline: true },
    { name: 'Model', value: `\`${info.model}\` (${info.dimensions} dimensions)`, inline: true },
    { name: 'Index built', value: Number.isFinite(built) ? `<t:${Math.floor(built / 1000)}:f>` : escapeQuote(info.builtAt), inline: true },
  ];
  return {
    embeds: [
      fitEmbed({
        title: 'About Footnote',
        description: 'Answers questions about the loaded article(s) with verbatim, numbered citations. It only quotes; it never paraphrases.',
        color: COLORS.info,
        fields,
      }),
    ],
    components: [],
  };
}

/** A short plain-text notice (errors, cooldowns), escaped and limited. */
export function notice(text: string): { content: string } {
  return { content: truncateAtWord(text, LIMITS.content) };
}
