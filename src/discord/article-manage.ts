/** `/article list`, `/article remove`, `/article use` and their autocomplete: a server's articles, managed. */
import fs from 'node:fs';
import path from 'node:path';
import type { ApplicationCommandOptionChoiceData, AutocompleteInteraction, ChatInputCommandInteraction } from 'discord.js';
import { SERVERS_FOLDER } from '../article/load.js';
import { removeArticleFile } from '../ingest/store-article.js';
import type { AboutInfo } from '../types.js';
import type { BotDeps } from './deps.js';
import { LIMITS } from './limits.js';
import { escapeQuote, truncateAtWord } from './render/text.js';
import type { Reply } from './reply.js';
import { placeOf, scopeOf } from './scope.js';

type ServerArticle = AboutInfo['articles'][number];

const serverArticles = (deps: BotDeps, guildId: string) => deps.service.about({ server: guildId }).articles;
const titleOf = (a: ServerArticle) => escapeQuote(truncateAtWord(a.title ?? a.id, 90));

export function listArticles(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, deps: BotDeps): Reply {
  const articles = serverArticles(deps, interaction.guildId);
  const scope = scopeOf(deps, placeOf(interaction));
  const used = new Set(scope.articles ?? articles.map((a) => a.id));
  const lines = articles.map(
    (a) => `${used.has(a.id) ? '✓' : '·'} **${titleOf(a)}** — \`${a.id}\` · ${a.sentences} sentences · ${a.owner ? 'added in this server' : 'shared'}`,
  );
  const here = scope.articles ? `This channel answers from the ✓ ones (\`/article use articles:all\` for every one).` : 'This channel answers from all of them.';
  return { content: fitLines(`**This server's articles** (${articles.length})`, lines, here), ephemeral: true };
}

export async function removeArticle(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, deps: BotDeps): Promise<Reply> {
  const id = interaction.options.getString('article', true).trim();
  const guildId = interaction.guildId;
  const article = serverArticles(deps, guildId).find((a) => a.id === id);
  if (!article) return { content: `This server has no article \`${escapeQuote(truncateAtWord(id, 80))}\`; \`/article list\` shows them.`, ephemeral: true };
  if (!article.owner) return { content: `**${titleOf(article)}** is one of the bot's own articles, shared by every server; only whoever runs the bot can remove it.`, ephemeral: true };
  const folder = path.join(SERVERS_FOLDER, guildId);
  const file = deps.articlesDir ? fs.readdirSync(path.join(deps.articlesDir, folder)).find((name) => path.basename(name, path.extname(name)) === id) : undefined;
  if (!deps.articlesDir || !file || !removeArticleFile(deps.articlesDir, path.join(folder, file))) {
    return { content: `Could not find the file of \`${id}\` to remove.`, ephemeral: true };
  }
  await interaction.deferReply({ flags: 'Ephemeral' });
  const report = await deps.service.reload();
  await deps.scopes.forget(guildId, id);
  deps.logger.info({ cmd: 'article remove', guild: guildId, article: id, status: report.status }, 'article removed');
  const gone = !serverArticles(deps, guildId).some((a) => a.id === id);
  return { content: gone ? `Removed **${titleOf(article)}**; questions here no longer use it.` : `Removed the file of **${titleOf(article)}**, but the index still serves it (${report.error ?? 'not rebuilt yet'}).` };
}

export async function useArticles(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, deps: BotDeps): Promise<Reply> {
  const value = interaction.options.getString('articles', true).trim();
  const articles = serverArticles(deps, interaction.guildId);
  const where = interaction.channel?.isThread() ? 'This thread' : 'This channel';
  if (/^all$/i.test(value)) {
    await deps.scopes.set(interaction.guildId, interaction.channelId, undefined);
    return { content: `${where} now answers from all of this server's articles (${articles.length}).`, ephemeral: true };
  }
  const ids = value.split(',').map((id) => id.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !articles.some((a) => a.id === id));
  if (ids.length === 0 || unknown.length > 0) {
    const named = unknown.map((id) => `\`${escapeQuote(truncateAtWord(id, 60))}\``).join(', ');
    return { content: `${named || 'Nothing given'}: not an article of this server. Pick from the suggestions, or see \`/article list\`.`, ephemeral: true };
  }
  await deps.scopes.set(interaction.guildId, interaction.channelId, ids);
  const chosen = ids.map((id) => `**${titleOf(articles.find((a) => a.id === id)!)}**`).join(', ');
  deps.logger.info({ cmd: 'article use', guild: interaction.guildId, channel: interaction.channelId, articles: ids }, 'channel articles chosen');
  return { content: truncateAtWord(`${where} now answers from ${chosen}.`, LIMITS.content), ephemeral: true };
}

/** Choices for `remove` (the server's own articles) and `use` (any of its articles, several separated by commas). */
export function articleChoices(interaction: AutocompleteInteraction, deps: BotDeps): ApplicationCommandOptionChoiceData[] {
  if (!interaction.guildId) return [];
  const focused = interaction.options.getFocused(true);
  const typed = String(focused.value);
  const all = serverArticles(deps, interaction.guildId);
  const pool = focused.name === 'article' ? all.filter((a) => a.owner) : all;
  const before = focused.name === 'articles' ? typed.split(',').slice(0, -1).map((s) => s.trim()).filter(Boolean) : [];
  const needle = (focused.name === 'articles' ? (typed.split(',').at(-1) ?? '') : typed).trim().toLowerCase();
  const matching = pool.filter((a) => !before.includes(a.id) && (a.id.includes(needle) || (a.title ?? '').toLowerCase().includes(needle)));
  const choices = matching.map((a) => {
    const value = [...before, a.id].join(',');
    return { name: truncateAtWord(`${a.title ?? a.id} (${a.id})`, LIMITS.choiceName), value };
  });
  const everything = focused.name === 'articles' && before.length === 0 && 'all'.startsWith(needle) ? [{ name: "All of this server's articles", value: 'all' }] : [];
  return [...everything, ...choices].filter((c) => c.value.length <= 100).slice(0, LIMITS.choices);
}

/** A heading, lines and a closing line within one message; lines that do not fit are counted, not cut. */
function fitLines(heading: string, lines: string[], closing: string): string {
  const kept: string[] = [];
  let size = heading.length + closing.length + 40;
  for (const [i, line] of lines.entries()) {
    if (size + line.length + 1 > LIMITS.content) {
      kept.push(`… and ${lines.length - i} more`);
      break;
    }
    kept.push(line);
    size += line.length + 1;
  }
  return [heading, ...(kept.length ? kept : ['none yet: `/article add` adds one']), closing].join('\n');
}
