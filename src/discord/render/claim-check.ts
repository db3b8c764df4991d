/** "Check against article": the passages that bear on a claim, or a plain statement that none backs it. */
import type { Answer } from '../../types.js';
import { citationLayout } from './citations.js';
import { COLORS, fitEmbed, type AnswerMessage, type ArticleInfo } from './embed.js';
import { escapeUserText, truncateAtWord } from './text.js';

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
