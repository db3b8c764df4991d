/** An answer (or an abstention with the closest passages) as one embed, with the answer buttons when it is stored. */
import type { Answer, Citation } from '../../types.js';
import { LACKED } from '../../answer/decide.js';
import { answerButtons } from '../answer-buttons.js';
import { citationLayout } from './citations.js';
import { COLORS, fitEmbed, type AnswerMessage, type ArticleInfo } from './embed.js';
import { LIMITS } from '../limits.js';
import { escapeUserText, truncateAtWord, ZWSP } from './text.js';

export interface RenderAnswerOptions {
  /** Key stored in the button custom_ids; no buttons when omitted. */
  key?: string;
  articles?: ArticleInfo;
}

export function renderAnswer(answer: Answer, options: RenderAnswerOptions = {}): AnswerMessage & { shown: Citation[] } {
  const title = truncateAtWord(escapeUserText(answer.question), LIMITS.title);
  const footer = answer.answered
    ? 'Quotes are verbatim from the article · /source <id> shows the paragraph'
    : `No sentence in the ${answer.articles ? 'articles' : 'article'} answers this; the passages above are only the closest matches`;
  // Over many articles the bar to answer is higher (`answerThreshold`): say how to ask one of them alone.
  const refusal = answer.articles
    ? `**The articles don't say.** Nothing in the ${answer.articles} articles answers this question. (About one of them? A moderator's \`/article use\` can make this channel answer from it.)`
    : "**The article doesn't say.** Nothing in it answers this question.";
  const lacking = answer.lacks ? ` The closest passages give no ${LACKED[answer.lacks]}.` : '';
  const intro = answer.answered ? '' : answer.citations.length ? `${refusal}${lacking}\nClosest passages (not an answer):` : refusal;
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
