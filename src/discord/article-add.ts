/**
 * `/article add`: an attached file or a URL made into one of this server's articles, with its progress shown in the
 * reply (reading or fetching, indexing with sentences embedded, done), then answerable at once: the index swaps to
 * the new generation without a restart.
 */
import path from 'node:path';
import type { Attachment, ChatInputCommandInteraction } from 'discord.js';
import { MAX_ARTICLE_BYTES, SERVERS_FOLDER } from '../article/load.js';
import { FootnoteError, isUserError } from '../errors.js';
import { sha256 } from '../hash.js';
import { articleFromFile, articleFromUrl, SOURCE_EXTENSIONS, type PreparedArticle } from '../ingest/article-source.js';
import { DEFAULT_FETCH_LIMITS, fetchPage } from '../ingest/fetch-page.js';
import { storeArticle } from '../ingest/store-article.js';
import type { BotDeps } from './deps.js';
import { escapeQuote, truncateAtWord } from './render/text.js';
import type { Reply } from './reply.js';

/** Edits of a progress reply are kept this far apart (Discord rate-limits message edits). */
const PROGRESS_EDIT_MS = 1_000;

export async function addArticle(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, deps: BotDeps): Promise<Reply> {
  const file = interaction.options.getAttachment('file');
  const url = interaction.options.getString('url')?.trim();
  if (!deps.articlesDir) return { content: 'This bot was started without an articles folder, so it cannot add articles.', ephemeral: true };
  if (Boolean(file) === Boolean(url)) return { content: 'Give the article either as a `file` or as a `url` (one of the two).', ephemeral: true };
  const started = performance.now();
  await interaction.deferReply();
  const progress = progressReply(interaction);
  progress.say(file ? `Reading **${escapeQuote(truncateAtWord(file.name, 80))}**…` : `Fetching <${truncateAtWord(url!, 300)}>…`);
  let prepared: PreparedArticle;
  try {
    prepared = file ? await fromAttachment(file, interaction, deps) : await articleFromUrl(url!, { ...DEFAULT_FETCH_LIMITS, allowPrivate: deps.fetchAllowPrivate });
  } catch (error) {
    await progress.done();
    if (!isUserError(error)) throw error;
    deps.logger.info({ cmd: 'article add', guild: interaction.guildId, refused: error.detail }, 'article refused');
    return { content: `Not added. ${error.detail}` };
  }
  const title = `**${escapeQuote(truncateAtWord(prepared.title, 120))}**`;
  // The name carries a mark of the server, so two servers adding the same story get two distinct article ids.
  const stored = storeArticle(deps.articlesDir, path.join(SERVERS_FOLDER, interaction.guildId), prepared, `-${sha256(interaction.guildId).slice(0, 4)}`);
  progress.say(`Indexing ${title}…`);
  const report = await deps.service.reload({ onProgress: (done, total) => total > 0 && progress.say(`Indexing ${title}: ${done}/${total} sentences embedded…`) });
  await progress.done();
  const served = deps.service.about({ server: interaction.guildId }).articles.find((a) => a.id === stored.id);
  deps.logger.info({ cmd: 'article add', guild: interaction.guildId, article: stored.id, existed: stored.existed, status: report.status, ms: report.ms }, 'article added');
  if (!served) return { content: `Saved ${title}, but it could not be indexed (${report.error ?? 'it is not in the index'}).` };
  if (stored.existed) return { content: `${title} is already one of this server's articles (\`${stored.id}\`, ${served.sentences} sentences).` };
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  return {
    content: `Added ${title} as \`${stored.id}\`: ${served.sentences} sentences, ready in ${seconds} s. Questions in this server can use it now; \`/article use\` picks a channel's articles.`,
  };
}

/** An attachment's bytes: its type from its name, its size checked before downloading it. */
async function fromAttachment(file: Attachment, interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<PreparedArticle> {
  const refuse = (reason: string) => new FootnoteError('ARTICLE_REFUSED', { source: file.name, reason });
  if (!SOURCE_EXTENSIONS.includes(path.extname(file.name).toLowerCase())) throw refuse(`only ${SOURCE_EXTENSIONS.join(', ')} files are articles`);
  if (file.size > MAX_ARTICLE_BYTES) throw refuse(`it is larger than ${MAX_ARTICLE_BYTES / 1024 / 1024} MB`);
  // The URL comes from Discord, not from the member; Discord's own host (the configured API's) is trusted as such.
  const fromDiscord = new URL(file.url).host === new URL(interaction.client.rest.options.api).host;
  const page = await fetchPage(file.url, { ...DEFAULT_FETCH_LIMITS, maxBytes: MAX_ARTICLE_BYTES, allowPrivate: deps.fetchAllowPrivate || fromDiscord, anyType: true });
  return articleFromFile(file.name, page.bytes);
}

/** The deferred reply shows the latest step; edits are spaced out, the last one always lands before the answer. */
function progressReply(interaction: ChatInputCommandInteraction) {
  let last = 0;
  let pending: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  const flush = () => {
    timer = undefined;
    if (pending === undefined) return;
    const content = `⏳ ${pending}`;
    pending = undefined;
    last = Date.now();
    chain = chain.then(() => interaction.editReply({ content }).catch(() => undefined));
  };
  return {
    say(text: string) {
      pending = text;
      if (timer) return;
      const wait = Math.max(0, last + PROGRESS_EDIT_MS - Date.now());
      if (wait === 0) flush();
      else timer = setTimeout(flush, wait);
    },
    async done() {
      clearTimeout(timer);
      pending = undefined;
      await chain;
    },
  };
}
