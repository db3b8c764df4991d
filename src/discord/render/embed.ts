/** The pieces every embed is made of, and the safety net that keeps any embed within Discord's limits. */
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { LIMITS } from '../limits.js';
import { escapeQuote, truncateAtWord, ZWSP } from './text.js';

export const COLORS = { answered: 0x2f855a, abstained: 0x718096, info: 0x3182ce, error: 0xc53030 } as const;

/** Article display info, keyed by article id. */
export type ArticleInfo = Map<string, { title?: string; url?: string }>;

/** A message body as the renderers build it: plain API JSON the handlers can send as it is. */
export interface AnswerMessage {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

export function articleLabel(article: string, info?: ArticleInfo, withLink = true): string {
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
export function linesToFields(name: string, lines: string[], maxFields: number): APIEmbedField[] {
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
