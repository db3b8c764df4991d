/**
 * Hostile questions, at the engine (`service.ask`) and through the real bot over the Discord stand-in (slash command
 * and mention). Every one gets an answer or a short explanation; nothing pings anyone; the bot keeps running.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StandInError, validateMessageBody, type InteractionHandle } from '../../src/stand-in/index.js';
import { createEmbedder } from '../../src/embedding/create-embedder.js';
import { DEFAULT_MODEL } from '../../src/config.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { isFootnoteError } from '../../src/errors.js';
import { createQaService, MAX_QUESTION_LENGTH } from '../../src/qa-service.js';
import type { QaService } from '../../src/types.js';
import { freshUser, startHarness, type Harness } from '../support/discord-harness.js';
import { seedArticleText } from '../support/articles.js';
import { rawPings, removeTempDirs, seedCorpus, tempDir, visibleText } from './support.js';

/** [label, question, what the engine must do]. `empty`/`mentions`/`too-long` are refused with a FootnoteError; `answer` returns an Answer. */
export const HOSTILE_QUESTIONS: Array<[string, string, 'answer' | Refusal]> = [
  ['empty', '', 'empty'],
  ['whitespace only', ' \t\n  \u00a0 ', 'empty'],
  ['one character', '?', 'answer'],
  ['4,000+ characters', 'Who leads the Russian delegation? '.repeat(125), 'too-long'],
  ['exactly the question limit (1,000 characters, for the engine and /ask alike)', 'w'.repeat(MAX_QUESTION_LENGTH), 'answer'],
  ['only emoji', '😀🎉🇺🇦👍🏽', 'answer'],
  ['zero-width characters only', '\u200b\u200c\u200d\u2060\ufeff', 'empty'],
  ['zero-width inside words', 'Who\u200b leads\u200d the Rus\u200bsian dele\u2060gation?', 'answer'],
  ['RTL override and Arabic', '\u202eWho leads the delegation?\u202c من يقود الوفد الروسي؟', 'answer'],
  ['control characters', 'Who\u0000 leads\u0007 the\u001b[31m delegation?', 'answer'],
  ['code block', '```js\nconsole.log("who leads the delegation?")\n```', 'answer'],
  ['embed-breaking markdown', '**bold** __u__ ~~s~~ ||spoiler|| # Heading\n> quote\n- [x](https://e.vil) \\ ` * _ [1] ](', 'answer'],
  ['@everyone alone', '@everyone', 'mentions'],
  ['only @here, role and channel mentions', '@here <@&123456789012345678> <#123456789012345678>', 'mentions'],
  ['@everyone, @here, role and user mentions', '@everyone @here <@&123456789012345678> <@123456789012345678> <@!123456789012345678> who leads the delegation?', 'answer'],
  ['links', 'https://example.com/a?b=c&d=<e> and <https://discord.gg/invite> who leads?', 'answer'],
  ['another language (Spanish)', '¿Quién dirige la delegación rusa?', 'answer'],
  ['another language (Chinese)', '谁领导俄罗斯代表团？', 'answer'],
  ['another language (Russian)', 'Кто возглавляет российскую делегацию?', 'answer'],
  ['channel mention and timestamp markup', '<#123456789012345678> <t:1700000000:R> where are the talks?', 'answer'],
];

type Refusal = 'empty' | 'mentions' | 'too-long';
const REFUSAL_CODE = { empty: 'EMPTY_QUESTION', mentions: 'ONLY_MENTIONS', 'too-long': 'QUESTION_TOO_LONG' } as const;
const ONLY_MENTIONS_REPLY = 'Mentions alone are not a question: ask in words what you want to know about the article.';

let embedder: Embedder;
let service: QaService;
let h: Harness;
const articleText = seedArticleText();

beforeAll(async () => {
  embedder = await createEmbedder(DEFAULT_MODEL);
  service = await createQaService({ articlesDir: seedCorpus(), indexDir: tempDir('index'), embedder });
  h = await startHarness({ service });
});

afterAll(async () => {
  await h?.close();
  await service?.close();
  await embedder?.close();
  removeTempDirs();
});

describe('engine: service.ask with hostile questions', () => {
  it.each(HOSTILE_QUESTIONS)('question: %s', async (_label, question, expected) => {
    const outcome = await service.ask(question).then(
      (answer) => ({ answer }),
      (error: unknown) => ({ error }),
    );
    if (expected === 'answer') {
      expect('answer' in outcome).toBe(true);
      const { answer } = outcome as { answer: Awaited<ReturnType<QaService['ask']>> };
      expect(answer.citations.length).toBeGreaterThan(0);
      // Whatever came in, what comes out is verbatim article text.
      for (const c of answer.citations) expect(articleText).toContain(c.quote);
    } else {
      const { error } = outcome as { error: unknown };
      expect(isFootnoteError(error, REFUSAL_CODE[expected])).toBe(true);
      expect((error as Error).message.length).toBeLessThan(120);
    }
  });

  it('search and suggest take the same input: search refuses what ask refuses, with the same FootnoteError, and ranks the rest', async () => {
    for (const [label, question, expected] of HOSTILE_QUESTIONS) {
      const outcome = await service.search(question).then(
        (hits) => ({ hits }),
        (error: unknown) => ({ error }),
      );
      if (expected === 'answer') {
        expect(outcome, label).toEqual({ hits: expect.any(Array) });
        const { hits } = outcome as { hits: Awaited<ReturnType<QaService['search']>> };
        expect(hits.length, label).toBeGreaterThan(0);
        for (const hit of hits) expect(articleText).toContain(hit.passage.text);
      } else {
        const { error } = outcome as { error?: unknown };
        expect(isFootnoteError(error, REFUSAL_CODE[expected]), label).toBe(true);
      }
      expect(() => service.suggest(question)).not.toThrow();
      expect(service.source(question)).toBeUndefined();
    }
  });
});

// ───────────────────────────── through the bot ─────────────────────────────

/** Every body the bot sent that carries content or embeds: allowed_mentions parse nothing, no raw ping survives. */
function expectSilent(bodies: any[]) {
  const shown = bodies.filter((b) => b && (b.content || b.embeds?.length));
  expect(shown.length).toBeGreaterThan(0);
  for (const body of shown) {
    expect(validateMessageBody(body)).toEqual([]);
    expect(body.allowed_mentions?.parse).toEqual([]);
    expect(rawPings(visibleText(body))).toEqual([]);
  }
}

function interactionBodies(handle: InteractionHandle): any[] {
  return h.standIn
    .requestsFor(handle)
    .filter((r) => r.status < 300)
    .map((r) => (r.route === '/interactions/:id/:token/callback' ? r.body?.data : r.body));
}

/** A short explanation or an embed with at least one quote. */
function expectAnswerOrExplanation(message: { content: string; embeds: any[] }) {
  const text = visibleText(message);
  if (message.embeds.length) expect(message.embeds[0].description).toMatch(/\*\*\[1\]\*\*|doesn't say/);
  else expect(message.content.length).toBeGreaterThan(10);
  expect(text).not.toMatch(/Something went wrong/);
}

/** Discord's client refuses /ask options outside 2–1,000 characters, so those are only reachable by mention. */
const slashable = HOSTILE_QUESTIONS.filter(([, q]) => q.trim().length >= 2 && q.length <= MAX_QUESTION_LENGTH);

describe('bot: /ask with hostile questions', () => {
  it.each(slashable)('/ask: %s', async (_label, question) => {
    const handle = h.standIn.sendSlashCommand('ask', { question }, { user: freshUser(h.standIn) });
    const message = await h.standIn.waitForReply(handle);
    expectSilent(interactionBodies(handle));
    expect(message.mention_everyone).toBe(false);
    expect(message.mentions).toEqual([]);
    expectAnswerOrExplanation(message);
  });

  it('/ask: options the Discord client itself refuses (over 1,000 characters, the question limit) never reach the bot', () => {
    expect(() => h.standIn.sendSlashCommand('ask', { question: 'x'.repeat(MAX_QUESTION_LENGTH + 1) })).toThrow(StandInError);
    expect(() => h.standIn.sendSlashCommand('ask', { question: 'x'.repeat(MAX_QUESTION_LENGTH + 1) })).toThrow(/at most 1,000 characters/);
  });

  it('/ask: whitespace-only text (a client that lets it through) gets the short explanation', async () => {
    const handle = h.standIn.sendSlashCommand('ask', { question: '\u200b \u200b' }, { user: freshUser(h.standIn) });
    const message = await h.standIn.waitForReply(handle);
    expect(message.content).toBe('Ask a question: the text was empty.');
    expectSilent(interactionBodies(handle));
  });

  it('/ask: only @everyone and a role mention is not a question: a short reply in words, pinging nobody', async () => {
    const handle = h.standIn.sendSlashCommand('ask', { question: '@everyone <@&123456789012345678>' }, { user: freshUser(h.standIn) });
    const message = await h.standIn.waitForReply(handle);
    expect(message.content).toBe(ONLY_MENTIONS_REPLY);
    expect(message.mention_everyone).toBe(false);
    expect(message.mentions).toEqual([]);
    expectSilent(interactionBodies(handle));
  });
});

describe('bot: mentions with hostile questions', () => {
  it.each(HOSTILE_QUESTIONS.filter(([, q]) => q.length <= 4000))('mention: %s', async (_label, question) => {
    const asked = h.standIn.sendMessage(`${h.standIn.mention()} ${question}`, { user: freshUser(h.standIn) });
    const reply = await h.standIn.waitForMessageReply(asked.id);
    const post = h.standIn.requests.find((r) => r.route === '/channels/:channel/messages' && r.body?.message_reference?.message_id === asked.id)!;
    expectSilent([post.body]);
    expect(post.body!.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(reply.mention_everyone).toBe(false);
    expect(reply.mentions).toEqual([]);
    expectAnswerOrExplanation(reply);
  });

  it.each(['@everyone', '@here <@&123456789012345678>'])('mention: "%s" alone gets a short reply in words, never "the text was empty", never a ping', async (text) => {
    const asked = h.standIn.sendMessage(`${h.standIn.mention()} ${text}`, { user: freshUser(h.standIn) });
    const reply = await h.standIn.waitForMessageReply(asked.id);
    expect(reply.content).toBe(ONLY_MENTIONS_REPLY);
    expect(reply.content).not.toMatch(/empty|@/);
    expect(reply.mention_everyone).toBe(false);
    expect(reply.mentions).toEqual([]);
    expect(reply.mention_roles ?? []).toEqual([]);
  });

  it('mention: 4,000 characters (Nitro length) gets a short "too long" reply', async () => {
    const asked = h.standIn.sendMessage(`${h.standIn.mention()} ${'Who leads the delegation? '.repeat(160).slice(0, 4000 - 25)}`, { user: freshUser(h.standIn) });
    const reply = await h.standIn.waitForMessageReply(asked.id);
    expect(reply.content).toMatch(/^That question is too long: at most 1,000 characters, and it has 3,\d{3}\.$/);
  });
});

describe('bot: hostile text in /search, /source and "Check against article"', () => {
  const nasty = '@everyone <@&123456789012345678> ```x``` ||s|| [a](https://e.vil)';

  it('/search echoes the query escaped and neutralised', async () => {
    const handle = h.standIn.sendSlashCommand('search', { query: nasty }, { user: freshUser(h.standIn) });
    await h.standIn.waitForReply(handle);
    expectSilent(interactionBodies(handle));
  });

  it('/source with mention markup as the id explains, without a raw ping in the content', async () => {
    const handle = h.standIn.sendSlashCommand('source', { id: '@everyone <@&123456789012345678>' }, { user: freshUser(h.standIn) });
    const message = await h.standIn.waitForReply(handle);
    expect(message.content).toContain('There is no sentence');
    expectSilent(interactionBodies(handle));
  });

  it('autocomplete with hostile text returns valid choices', async () => {
    for (const [, q] of slashable) {
      const choices = await h.standIn.sendAutocomplete('source', 'id', q.slice(0, 100), {}, { user: 'bob' });
      expect(choices.length).toBeLessThanOrEqual(25);
    }
  });

  it('"Check against article" on a hostile message and on a zero-width-only message', async () => {
    for (const content of [nasty, '\u200b\u200b']) {
      const claim = h.standIn.sendMessage(content, { user: 'alice' });
      const handle = h.standIn.sendMessageContextMenu('Check against article', claim.id, { user: 'mod' });
      const message = await h.standIn.waitForReply(handle);
      expectSilent(interactionBodies(handle));
      expect(visibleText(message).length).toBeGreaterThan(10);
    }
  });

  it('after all of that the bot is still up, logged no handler error, and answers normally', async () => {
    expect(h.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    const handle = h.standIn.sendSlashCommand('ask', { question: 'Who leads the Russian delegation?' }, { user: freshUser(h.standIn) });
    expect((await h.standIn.waitForReply(handle)).embeds[0]?.description).toMatch(/Vladimir\W+Medinsky/);
  });
});

describe('bot: hostile article text and metadata (front matter title, mentions inside quotes)', () => {
  it('article: a title and sentences full of mentions and markdown are quoted without a raw ping', async () => {
    const dir = seedCorpus('evil-articles');
    fs.writeFileSync(
      path.join(dir, 'evil.md'),
      [
        '---',
        'title: "@everyone <@&123456789012345678> **Breaking** [click](https://e.vil)"',
        'url: "javascript:alert(1)"',
        '---',
        'The zoo keeper told @everyone and @here that the penguins escaped. <@&123456789012345678> was paged.',
        '',
        'The penguin named <@123456789012345678> swam **fast** across the `pond` ||today||.',
      ].join('\n'),
    );
    const evil = await createQaService({ articlesDir: dir, indexDir: tempDir('evil-index'), embedder });
    const harness = await startHarness({ service: evil });
    try {
      const handles = [
        harness.standIn.sendSlashCommand('ask', { question: 'Who did the zoo keeper tell the penguins escaped?' }, { user: freshUser(harness.standIn) }),
        harness.standIn.sendSlashCommand('search', { query: 'penguin swam pond' }, { user: freshUser(harness.standIn) }),
        harness.standIn.sendSlashCommand('source', { id: 'evil:1.1' }, { user: freshUser(harness.standIn) }),
        harness.standIn.sendSlashCommand('about', {}, { user: freshUser(harness.standIn) }),
      ];
      for (const handle of handles) {
        const message = await harness.standIn.waitForReply(handle);
        expect(message.embeds.length).toBe(1);
        const bodies = harness.standIn.requestsFor(handle).filter((r) => r.status < 300).map((r) => (r.route.includes('callback') ? r.body?.data : r.body));
        for (const body of bodies.filter((b) => b?.embeds?.length || b?.content).map((b) => b!)) {
          expect(body.allowed_mentions?.parse).toEqual([]);
          expect(rawPings(visibleText(body))).toEqual([]);
          expect(JSON.stringify(body)).not.toContain('javascript:');
        }
      }
      const answer = await harness.standIn.waitForReply(handles[0]!);
      expect(answer.embeds[0]!.description).toContain('penguins escaped');
    } finally {
      await harness.close();
      await evil.close();
    }
  });
});

