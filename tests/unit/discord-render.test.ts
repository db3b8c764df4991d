import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord-api-types/v10';
import { answerButtons, customId, parseCustomId } from '../../src/discord/answer-buttons.js';
import { renderAbout } from '../../src/discord/render/about.js';
import { renderAnswer } from '../../src/discord/render/answer.js';
import { renderClaimCheck } from '../../src/discord/render/claim-check.js';
import { fitEmbed } from '../../src/discord/render/embed.js';
import { LIMITS } from '../../src/discord/limits.js';
import { mergeHighlights, renderQuote } from '../../src/discord/render/quote.js';
import { renderSearch } from '../../src/discord/render/search.js';
import { renderContext, renderParagraph, renderSource } from '../../src/discord/render/source.js';
import { escapeUserText, truncateAtWord } from '../../src/discord/render/text.js';
import { validateMessageBody } from '../../src/stand-in/index.js';
import type { Answer, Citation, ScoredPassage, SourceView } from '../../src/types.js';

const ARTICLE = '000_ce70d124781ea012';
const MEDINSKY = 'The Kremlin is sending a relatively young team led by Kremlin-language assistant Vladimir Medinsky.';

function citation(n: number, quote: string, highlights: Array<[number, number]> = []): Citation {
  return { n, article: ARTICLE, id: `${n}.1`, quote, score: 0.8 - n / 100, highlights };
}

function embedSize(e: APIEmbed): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

function expectWithinLimits(body: { embeds: APIEmbed[]; components?: unknown[] }) {
  expect(validateMessageBody(body)).toEqual([]);
  for (const e of body.embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
    for (const f of e.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
  }
  expect(body.embeds.reduce((n, e) => n + embedSize(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
}

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('truncateAtWord', () => {
  it('leaves short text alone and cuts long text at a word boundary with an ellipsis', () => {
    expect(truncateAtWord('short text', 20)).toBe('short text');
    const cut = truncateAtWord('alpha beta gamma delta epsilon', 18);
    expect(cut).toBe('alpha beta gamma…');
    expect(cut.length).toBeLessThanOrEqual(18);
  });

  it('hard-cuts a single huge word without splitting a surrogate pair', () => {
    const cut = truncateAtWord('😀'.repeat(100), 11);
    expect(cut.length).toBeLessThanOrEqual(11);
    expect(cut.endsWith('…')).toBe(true);
    expect(/[\uD800-\uDBFF]…$/.test(cut)).toBe(false);
  });
});

describe('renderQuote', () => {
  it('bolds the matched words, merging neighbours, and keeps the sentence verbatim', () => {
    const start = MEDINSKY.indexOf('Vladimir');
    const out = renderQuote(MEDINSKY, [[start, start + 8], [start + 9, start + 17]], 1000);
    expect(out).toContain('**Vladimir Medinsky**');
    expect(out.replace(/\*\*/g, '')).toBe(MEDINSKY);
  });

  it('underlines the answer phrase, bold inside where it also matched, and keeps the sentence verbatim', () => {
    const start = MEDINSKY.indexOf('Vladimir');
    const phrase = { start, end: start + 'Vladimir Medinsky'.length };
    const led = MEDINSKY.indexOf('led');
    const out = renderQuote(MEDINSKY, [[led, led + 3], [start + 9, start + 17]], 1000, phrase);
    expect(out).toContain('**led**');
    expect(out).toContain('__Vladimir **Medinsky**__');
    expect(out.replace(/\*\*|__/g, '')).toBe(MEDINSKY);
  });

  it('escapes markdown in article text', () => {
    const out = renderQuote('Costs rose *sharply* to $5_000 ~~maybe~~ `x`', [], 200);
    expect(out).toContain('\\*sharply\\*');
    expect(out).toContain('\\~\\~maybe\\~\\~');
    expect(out).toContain('\\`x\\`');
  });

  it('cuts a long quote at a word boundary with an ellipsis and drops highlights past the cut', () => {
    const quote = `${words(400)} Medinsky`;
    const out = renderQuote(quote, [[quote.length - 8, quote.length]], 300);
    expect(out.length).toBeLessThanOrEqual(300);
    expect(out.endsWith('…')).toBe(true);
    expect(out).not.toContain('**');
    expect(out).toMatch(/word\d+…$/);
  });

  it('mergeHighlights clips, sorts and merges', () => {
    expect(mergeHighlights('aa bb cc', [[6, 8], [0, 2], [3, 5], [7, 99]])).toEqual([[0, 8]]);
    expect(mergeHighlights('aa, bb', [[0, 2], [4, 6]])).toEqual([[0, 2], [4, 6]]);
  });
});

describe('renderAnswer', () => {
  const answered: Answer = {
    question: 'Who leads the Russian delegation?',
    answered: true,
    citations: [citation(1, MEDINSKY, [[MEDINSKY.indexOf('Vladimir'), MEDINSKY.indexOf('Vladimir') + 17]]), citation(2, 'Talks begin in Istanbul.')],
  };

  it('renders numbered quotes, a Sources field naming article and citation id, and four buttons', () => {
    const out = renderAnswer(answered, { key: 'abc123' });
    expectWithinLimits(out);
    const e = out.embeds[0]!;
    expect(e.title).toBe('Who leads the Russian delegation?');
    expect(e.description).toBe(`> The Kremlin is sending a relatively young team led by Kremlin-language assistant **Vladimir Medinsky**. **[1]**\n> Talks begin in Istanbul. **[2]**`);
    expect(e.fields).toEqual([{ name: 'Sources', value: `**[1]** \`${ARTICLE}\` · \`1.1\` · score 0.79\n**[2]** \`${ARTICLE}\` · \`2.1\` · score 0.78` }]);
    expect(out.components).toHaveLength(1);
    expect(out.components[0]!.components.map((b: any) => b.custom_id)).toEqual(['fn:ctx:abc123', 'fn:more:abc123', 'fn:up:abc123', 'fn:down:abc123']);
  });

  it('uses the article title and link when known', () => {
    const out = renderAnswer(answered, { articles: new Map([[ARTICLE, { title: 'Peace *talks*', url: 'https://example.com/a' }]]) });
    expect(out.embeds[0]!.fields![0]!.value).toContain('[Peace \\*talks\\*](https://example.com/a) · `1.1`');
    expect(out.components).toEqual([]);
  });

  it('abstains plainly and labels the passages as closest, not an answer', () => {
    const out = renderAnswer({ question: 'Who is the Prime Minister of Canada?', answered: false, citations: [citation(1, 'Something else.')] });
    const e = out.embeds[0]!;
    expect(e.description).toMatch(/^\*\*The article doesn't say\.\*\* Nothing in it answers this question\.\nClosest passages \(not an answer\):\n> Something else\. \*\*\[1\]\*\*$/);
    expect(e.fields![0]!.name).toBe('Closest passages');
    expect(e.footer!.text).toContain('only the closest matches');
    const undated = renderAnswer({ question: 'When will the repairs be finished?', answered: false, citations: [citation(1, 'The repairs were nearly finished.')], lacks: 'date' });
    expect(undated.embeds[0]!.description).toMatch(/^\*\*The article doesn't say\.\*\* Nothing in it answers this question\. The closest passages give no date or time\.\nClosest passages/);
  });

  it('says none of the articles answers when the question was asked of several', () => {
    const out = renderAnswer({ question: 'What is the capital of Peru?', answered: false, citations: [citation(1, 'Something else.')], articles: 23 });
    const e = out.embeds[0]!;
    expect(e.description).toMatch(/^\*\*The articles don't say\.\*\* Nothing in the 23 articles answers this question\. \(About one of them\? A moderator's `\/article use` can make this channel answer from it\.\)\nClosest passages \(not an answer\):/);
    expect(e.footer!.text).toBe('No sentence in the articles answers this; the passages above are only the closest matches');
  });

  it('abstains with no passages at all', () => {
    const out = renderAnswer({ question: 'x?', answered: false, citations: [] });
    expectWithinLimits(out);
    expect(out.embeds[0]!.description).toContain("The article doesn't say");
  });

  it('keeps huge quotes, many citations and a huge question inside every limit, dropping whole citations only', () => {
    const citations = Array.from({ length: 40 }, (_, i) => citation(i + 1, `${words(900)}.`, [[0, 5]]));
    const out = renderAnswer({ question: `${'why '.repeat(200)}?`, answered: true, citations }, { key: 'k' });
    expectWithinLimits(out);
    const e = out.embeds[0]!;
    expect(e.title!.length).toBeLessThanOrEqual(256);
    expect(e.title!.endsWith('…')).toBe(true);
    // Every quote block is whole: starts with "> ", ends with its marker; markers are consecutive from 1.
    const blocks = e.description!.split('\n');
    blocks.forEach((b, i) => {
      expect(b.startsWith('> ')).toBe(true);
      expect(b.endsWith(`… **[${i + 1}]**`)).toBe(true);
    });
    const sourceLines = e.fields!.flatMap((f) => f.value.split('\n'));
    expect(sourceLines).toHaveLength(blocks.length);
    expect(out.shown).toHaveLength(blocks.length);
    expect(blocks.length).toBeGreaterThan(2);
    expect(blocks.length).toBeLessThan(40);
  });

  it('escapes the echoed question and neutralises mentions', () => {
    const out = renderAnswer({ question: '@everyone @here <@123456789012345678> <@&123456789012345678> **who** # leads?', answered: false, citations: [] });
    const title = out.embeds[0]!.title!;
    expect(title).not.toMatch(/@everyone|@here|<@\d|<@&\d/);
    expect(title).toContain('@\u200beveryone');
    expect(title).toContain('\\*\\*who\\*\\*');
  });
});

describe('buttons', () => {
  it('custom ids round-trip and stay within 100 characters; rows hold at most 5 buttons', () => {
    const key = 'A'.repeat(16);
    for (const action of ['ctx', 'more', 'up', 'down'] as const) {
      const id = customId(action, key);
      expect(id.length).toBeLessThanOrEqual(100);
      expect(parseCustomId(id)).toEqual({ action, key });
    }
    expect(parseCustomId('other:thing')).toBeUndefined();
    expect(parseCustomId('fn:ctx:../../etc')).toBeUndefined();
    for (const row of answerButtons(key)) expect(row.components.length).toBeLessThanOrEqual(5);
  });
});

describe('other renderers', () => {
  const paragraph = `${words(300)} ${MEDINSKY} ${words(300)}`;
  const start = paragraph.indexOf(MEDINSKY);
  const view: SourceView = {
    passage: { article: ARTICLE, id: '11.1', paragraph: 11, sentence: 1, text: MEDINSKY, start: 0, end: MEDINSKY.length },
    paragraph,
    start,
    end: start + MEDINSKY.length,
  };

  it('renderParagraph marks the sentence and windows the paragraph around it', () => {
    const out = renderParagraph(view, 600);
    expect(out.length).toBeLessThanOrEqual(600);
    expect(out).toContain(`__**${MEDINSKY}**__`);
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    // A short paragraph is shown whole.
    const small = { ...view, paragraph: `Before. ${MEDINSKY} After.`, start: 8, end: 8 + MEDINSKY.length };
    expect(renderParagraph(small, 600)).toBe(`Before. __**${MEDINSKY}**__ After.`);
  });

  it('renderSource shows title, link and the citation id', () => {
    const out = renderSource('11.1', { ...view, title: 'Peace talks', url: 'https://example.com/a' });
    expectWithinLimits(out);
    expect(out.embeds[0]).toMatchObject({ title: 'Peace talks', url: 'https://example.com/a' });
    expect(out.embeds[0]!.fields![0]!.value).toContain('`11.1`');
  });

  it('renderContext fits many long paragraphs', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ n: i + 1, ref: `${i}.1`, view }));
    const out = renderContext('q', items);
    expectWithinLimits(out);
    expect(out.embeds[0]!.description).toContain('**[1]** `11.1`');
  });

  it('renderSearch lists scores and cuts long passages', () => {
    const results: ScoredPassage[] = Array.from({ length: 25 }, (_, i) => ({
      passage: { ...view.passage, id: `${i + 1}.1`, text: words(500) },
      score: 0.5,
      dense: 0.5,
      lexical: 0,
      coverage: 0,
      highlights: [[0, 5]],
    }));
    const out = renderSearch('q *x*', results);
    expectWithinLimits(out);
    expect(out.embeds[0]!.title).toBe('Search: q \\*x\\*');
    expect(out.embeds[0]!.description!.split('\n')[0]).toMatch(/^\*\*1\.\*\* `1\.1` · 0\.50 — \*\*word0\*\* word1/);
    expect(renderSearch('q', []).embeds[0]!.description).toBe('No matching sentences.');
  });

  it('renderClaimCheck says so plainly when the article does not mention the claim', () => {
    const out = renderClaimCheck({ claim: '@everyone the moon is cheese', verdict: 'not_mentioned', confidence: 0.7, citations: [citation(1, 'Other.')], deciding: 0, parts: [] });
    expectWithinLimits(out);
    expect(out.embeds[0]!.description!.split('\n')[0]).toBe('**Not mentioned in the article**');
    expect(out.embeds[0]!.description).toContain('@\u200beveryone the moon is cheese');
  });

  it('renderAbout lists articles, sentences, model and a Discord timestamp', () => {
    const out = renderAbout({
      articles: Array.from({ length: 200 }, (_, i) => ({ id: `a${i}`, title: `Title ${i} ${words(20)}`, sentences: 10 })),
      sentences: 2000,
      model: 'use-lite',
      dimensions: 512,
      builtAt: '2026-01-01T00:00:00.000Z',
    });
    expectWithinLimits(out);
    const text = JSON.stringify(out.embeds[0]);
    expect(text).toContain('Articles loaded (200)');
    expect(text).toContain('<t:1767225600:f>');
    expect(text).toContain('`use-lite` (512 dimensions)');
  });

  it('fitEmbed enforces limits on arbitrary input', () => {
    const big: APIEmbed = {
      title: 'x'.repeat(1000),
      description: words(2000),
      fields: Array.from({ length: 40 }, () => ({ name: 'n'.repeat(300), value: words(400) })),
      footer: { text: 'f'.repeat(3000) },
    };
    expectWithinLimits({ embeds: [fitEmbed(big)] });
  });

  it('escapeUserText shows typed user, role and channel mentions as plain words', () => {
    expect(escapeUserText('<@123> <@!45> <@&678> <#9> @everyone who?')).toBe('@user @user @role #channel @\u200beveryone who?');
  });

  it('escapeUserText collapses whitespace', () => {
    expect(escapeUserText('  a\n\nb  ')).toBe('a b');
  });
});
