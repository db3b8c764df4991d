/** `/about`: which articles are loaded, how many sentences, which model, when the index was built. */
import type { APIEmbedField } from 'discord-api-types/v10';
import type { AboutInfo } from '../../types.js';
import { COLORS, fitEmbed, linesToFields, type AnswerMessage } from './embed.js';
import { escapeQuote, truncateAtWord } from './text.js';

/** Room for the article list, so the totals after it always fit in the embed. */
const ARTICLE_LIST_CHARS = 2_500;

function articleList(info: AboutInfo): string[] {
  const articleLines = info.articles.map(
    (a) => `• ${a.title ? escapeQuote(truncateAtWord(a.title, 120)) : `\`${a.id}\``} — ${a.sentences} sentences`,
  );
  const listed: string[] = [];
  let used = 0;
  for (const [i, line] of articleLines.entries()) {
    const more = `… and ${articleLines.length - i} more`;
    if (used + line.length + more.length + 2 > ARTICLE_LIST_CHARS) {
      listed.push(more);
      break;
    }
    listed.push(line);
    used += line.length + 1;
  }
  return listed;
}

export function renderAbout(info: AboutInfo): AnswerMessage {
  const built = Date.parse(info.builtAt);
  const listed = articleList(info);
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
