/**
 * The buttons under an answer, through the real discord.js client and the stand-in: "Show context" widens a
 * one-sentence paragraph to its neighbours; 👍/👎 keep only each user's latest vote on an answer.
 */
import { describe, expect, it } from 'vitest';
import { isWholeParagraph, withNeighbours } from '../../src/discord/context-view.js';
import { readFeedback, sha256, tallyVotes } from '../../src/discord/state.js';
import { freshUser } from '../support/discord-harness.js';
import { seedBotForFile } from '../support/seed-bot.js';

const bot = seedBotForFile();

async function answerTo(question: string) {
  const asked = bot.h.standIn.sendSlashCommand('ask', { question }, { user: freshUser(bot.h.standIn) });
  return bot.h.standIn.waitForReply(asked, { timeoutMs: 15_000 });
}

describe('Show context', () => {
  it('a cited sentence that is its whole paragraph is shown between the paragraphs before and after it', async () => {
    const view = bot.service.source('10.1')!;
    expect(isWholeParagraph(view)).toBe(true);
    const article = bot.service.article(view.passage.article)!;
    const [before, after] = [article.paragraphs.find((p) => p.n === 9)!.text, article.paragraphs.find((p) => p.n === 11)!.text];
    const wide = withNeighbours(view, article);
    expect(wide.paragraph.slice(wide.start, wide.end)).toBe(view.passage.text);
    expect(wide.paragraph).toBe(`${before}\n\n${view.paragraph}\n\n${after}`);

    const answer = await answerTo('Where did Zelenskyy land?');
    expect(answer.embeds[0]?.fields?.map((f) => f.value).join('\n')).toContain('10.1');
    const context = await bot.h.standIn.waitForReply(bot.h.standIn.clickButton(answer.id, 'Show context', { user: freshUser(bot.h.standIn) }));
    const description = context.embeds[0]!.description!;
    expect(description).toContain('**Zelenskyy landed in Ankara');
    expect(description).toMatch(/additional sanctions|This is not joining the talks/);
  });
});

describe('votes', () => {
  it('👍, 👎, 👍 by one user on one answer counts once, as 👍; each reply says what happened', async () => {
    const answer = await answerTo('Who leads the Russian delegation?');
    const [, , up, down] = bot.h.standIn.buttonsOf(answer.id);
    const user = freshUser(bot.h.standIn);
    const click = async (button: typeof up) => (await bot.h.standIn.waitForReply(bot.h.standIn.clickButton(answer.id, button!.custom_id, { user }))).content;
    expect(await click(up)).toBe('Thanks — your 👍 is recorded.');
    expect(await click(down)).toBe('Thanks — your 👎 is recorded. It replaces your 👍: only your latest vote on an answer counts.');
    expect(await click(up)).toBe('Thanks — your 👍 is recorded. It replaces your 👎: only your latest vote on an answer counts.');
    expect(await click(up)).toBe('Your 👍 on this answer was already recorded; it counts once.');
    const mine = readFeedback(bot.h.feedbackFile).filter((r) => r.user === sha256(user.id));
    expect(mine.map((r) => r.vote)).toEqual(['up', 'down', 'up']);
    expect(tallyVotes(mine).get(mine[0]!.key)).toEqual({ up: 1, down: 0 });
  });
});
