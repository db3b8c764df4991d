/** "Check against article" and `/check`: the verdict first (coloured), the deciding quote, then other relevant sentences. */
import type { ClaimCheck, ClaimResult } from '../../types.js';
import { citationLayout } from './citations.js';
import { COLORS, fitEmbed, type AnswerMessage, type ArticleInfo } from './embed.js';
import { escapeQuote, escapeUserText, truncateAtWord } from './text.js';

export const VERDICT_TITLES: Record<ClaimResult['verdict'], string> = {
  supported: 'Supported by the article',
  contradicted: 'Contradicted by the article',
  not_mentioned: 'Not mentioned in the article',
  cant_tell: "Can't tell — read these",
};

/** Green only for support, red for a contradiction, grey when the article decides nothing. */
export const VERDICT_COLORS: Record<ClaimResult['verdict'], number> = {
  supported: COLORS.answered,
  contradicted: COLORS.error,
  not_mentioned: COLORS.abstained,
  cant_tell: COLORS.abstained,
};

const MAX_SHOWN_CLAIM = 300;

function verdictLine(result: ClaimResult): string {
  const differs = result.differs ? ` — ${escapeQuote(result.differs)}` : '';
  return `**${VERDICT_TITLES[result.verdict]}**${differs}`;
}

/** What the numbered quotes are, in words a moderator reads once. */
function quotesHeading(result: ClaimResult): string {
  if (result.citations.length === 0) return 'No sentence in the article is close to this claim.';
  if (result.verdict === 'not_mentioned') return 'Closest sentences, for reference only (they neither back nor contradict it):';
  if (result.verdict === 'cant_tell') return 'The evidence is too weak to call; read these sentences to judge:';
  const others = result.citations.length > result.deciding ? `; [${result.deciding + 1}]–[${result.citations.length}] are other relevant sentences` : '';
  return `Deciding quote: [1]${others}.`;
}

export function renderClaimCheck(check: ClaimCheck, articles?: ArticleInfo): AnswerMessage {
  const lines = [verdictLine(check)];
  if (check.parts.length > 1) {
    lines.push(...check.parts.map((part, i) => `${i + 1}. ${VERDICT_TITLES[part.verdict]}: “${truncateAtWord(escapeUserText(part.claim), 160)}”`));
    lines.push(`Quotes for the most severe: “${truncateAtWord(escapeUserText(check.parts.find((p) => p.verdict === check.verdict)?.claim ?? check.claim), 160)}”`);
  } else {
    lines.push(`Claim: “${truncateAtWord(escapeUserText(check.claim), MAX_SHOWN_CLAIM)}”`);
  }
  lines.push(quotesHeading(check));
  const title = 'Check against article';
  const layout = citationLayout(lines.join('\n'), check.citations, check.deciding > 0 ? 'Sources ([1] decides)' : 'Closest passages', articles, title.length + 40);
  return {
    embeds: [fitEmbed({ title, description: layout.description, color: VERDICT_COLORS[check.verdict], fields: layout.fields })],
    components: [],
  };
}
