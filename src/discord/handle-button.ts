/** A click on one of the buttons under an answer: Show context, More sources, 👍 / 👎. */
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { parseCustomId } from './answer-buttons.js';
import { withNeighbours } from './context-view.js';
import type { BotDeps } from './deps.js';
import { renderSearch } from './render/search.js';
import { renderContext } from './render/source.js';
import type { Reply } from './reply.js';
import { placeOf, scopeOf } from './scope.js';
import type { ArticleScope } from '../types.js';
import { sha256, type StoredAnswer } from './state.js';
import { passageRef } from '../article/ref.js';

const MORE_SOURCES = 5;

export async function handleButton(interaction: ButtonInteraction, deps: BotDeps): Promise<Reply> {
  const parsed = parseCustomId(interaction.customId);
  if (!parsed) return { content: 'This button is not mine or is out of date.', ephemeral: true };
  const record = deps.answers.get(parsed.key);
  if (!record) return { content: 'I no longer have that answer on file; ask again with /ask.', ephemeral: true };
  switch (parsed.action) {
    case 'ctx':
      return showContext(record, deps, scopeOf(deps, placeOf(interaction)));
    case 'more':
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      return moreSources(record, deps, scopeOf(deps, placeOf(interaction)));
    case 'up':
    case 'down':
      return vote(record, parsed.action, interaction.user.id, deps);
  }
}

/** Each cited sentence inside its paragraph, or between its neighbours when it is the whole paragraph. */
function showContext(record: StoredAnswer, deps: BotDeps, scope: ArticleScope): Reply {
  const items = record.citations.flatMap((c) => {
    const ref = passageRef(c);
    // The server's own articles only: a button copied into another server shows nothing of this one's.
    const view = deps.service.source(ref, { server: scope.server });
    return view ? [{ n: c.n, ref, view: withNeighbours(view, deps.service.article(view.passage.article)) }] : [];
  });
  return { ...renderContext(record.question, items), ephemeral: true };
}

/** The next best sentences for the same question, leaving out those already cited. */
async function moreSources(record: StoredAnswer, deps: BotDeps, scope: ArticleScope): Promise<Reply> {
  const cited = new Set(record.citations.map((c) => passageRef(c)));
  const results = (await deps.service.search(record.question, cited.size + 8, scope))
    .filter((r) => !cited.has(passageRef(r.passage)))
    .slice(0, MORE_SOURCES);
  return renderSearch(record.question, results, deps.articles(), 'More sources');
}

async function vote(record: StoredAnswer, direction: 'up' | 'down', userId: string, deps: BotDeps): Promise<Reply> {
  const outcome = await deps.feedback.record({
    at: new Date().toISOString(),
    key: record.key,
    question: record.question,
    answered: record.answered,
    citations: record.citations.map(({ n, article, id }) => ({ n, article, id })),
    vote: direction,
    user: sha256(userId),
  });
  const emoji = direction === 'up' ? '👍' : '👎';
  const other = direction === 'up' ? '👎' : '👍';
  const content = {
    new: `Thanks — your ${emoji} is recorded.`,
    changed: `Thanks — your ${emoji} is recorded. It replaces your ${other}: only your latest vote on an answer counts.`,
    same: `Your ${emoji} on this answer was already recorded; it counts once.`,
  }[outcome];
  return { content, ephemeral: true };
}
