/**
 * The playground in a real browser (Debian's Chromium driven by playwright-core): the page talks
 * only to the stand-in, the real bot answers through discord.js, and what it sent is rendered.
 *
 * Needs Chromium: `apt-get install -y chromium` (or set CHROMIUM_PATH).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { InteractionResponseType, InteractionType, MessageFlags } from 'discord-api-types/v10';
import { createQaService } from '../../src/qa-service.js';
import { startPlayground, type Playground } from '../../src/playground/server.js';
import type { QaService } from '../../src/types.js';
import { copySeedArticle } from '../support/articles.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RESULTS = path.join(ROOT, 'test-results');

let service: QaService;
let pg: Playground;
let browser: Browser;
let page: Page;
const dialogs: string[] = [];
const pageErrors: string[] = [];
const tmp = mkdtempSync(path.join(os.tmpdir(), 'footnote-playground-browser-'));

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run \`apt-get install -y chromium\` or set CHROMIUM_PATH`);
  const launching = chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  service = await createQaService({ articlesDir: copySeedArticle(path.join(tmp, 'articles')), indexDir: path.join(tmp, 'index') });
  pg = await startPlayground({ service, dataDir: path.join(tmp, 'data'), port: 0 });
  browser = await launching;
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(pg.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('.article-body .sent');
});

afterAll(async () => {
  await browser?.close();
  await pg?.close();
  await service?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Visible text with whitespace collapsed (innerText breaks flex items onto lines). */
const text = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

const botMessages = () => page.locator('.msg[data-author="bot"]:not(.is-loading)');

/** Type into the composer and press Enter; resolves with the next bot message (not loading) and the time it took. */
async function sendAndWait(text: string, match: (m: Locator) => Locator = (m) => m): Promise<{ message: Locator; ms: number }> {
  const before = await botMessages().count();
  // fill() fires `input`, whose handler updates the command popup before it returns; the /source suggestions open
  // 120 ms later, so an Enter sent now submits the text as typed.
  await page.fill('#input', text);
  const started = performance.now();
  await page.press('#input', 'Enter');
  await page.waitForFunction((n) => document.querySelectorAll('.msg[data-author="bot"]:not(.is-loading)').length > n, before, { timeout: 20_000 });
  const ms = performance.now() - started;
  const message = match(botMessages().nth(before));
  await message.waitFor({ state: 'visible' });
  return { message, ms };
}

async function ask(question: string) {
  const { message, ms } = await sendAndWait(question);
  await message.locator('.embed-title', { hasText: question }).waitFor();
  return { message, ms };
}

/** Two animation frames: whatever the last DOM change caused (layout, image loads started, handlers) has run. */
const nextFrames = () => page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));

async function nextBotMessageAfter(action: () => Promise<void>, timeout = 20_000): Promise<Locator> {
  const before = await botMessages().count();
  await action();
  await page.waitForFunction((n) => document.querySelectorAll('.msg[data-author="bot"]:not(.is-loading)').length > n, before, { timeout });
  return botMessages().nth(before);
}

const articleId = () => service.about().articles[0]!.id;
const sentenceSelector = (id: string) => `#s-${articleId()}-${id.replace('.', '\\.')}`;

describe('Footnote playground in a browser', () => {
  let answer: Locator;

  it('answers a plain question typed and sent with Enter, quoting the Medinsky sentence with its citation', async () => {
    const { message } = await ask('Who leads the Russian delegation?');
    answer = message;
    const description = await message.locator('.embed-description').innerText();
    expect(description).toContain('Vladimir Medinsky');
    // The answer phrase is underlined inside the verbatim quote.
    expect(await message.locator('.embed-description u', { hasText: 'Vladimir' }).innerText()).toMatch(/^Vladimir Medinsky$/);
    const n = /Vladimir Medinsky\.\s*\[(\d+)\]/.exec(description)?.[1];
    expect(n).toBeDefined();
    // [n] in the quote links to sentence 11.1, the one the Sources field names.
    const cite = message.locator('.embed-description .cite', { hasText: `[${n}]` });
    expect(await cite.getAttribute('data-key')).toBe(`${articleId()}:11.1`);
    expect(await message.locator('.embed-fields').innerText()).toMatch(new RegExp(`\\[${n}\\][^\\n]*11\\.1`));
    // It went through the stand-in: a member's mention, answered by the bot as a reply over REST.
    const replyTo = await message.getAttribute('data-reply-to');
    const asked = pg.standIn!.messages.get(replyTo!);
    expect(asked?.content).toBe(`${pg.standIn!.mention()} Who leads the Russian delegation?`);
    expect(pg.standIn!.requests.some((r) => r.route === '/channels/:channel/messages' && r.body?.message_reference?.message_id === replyTo)).toBe(true);
    // The latest answer's sentences are marked in the article.
    expect(await page.locator(`${sentenceSelector('11.1')}.cited`).count()).toBe(1);
  });

  it('scrolls to and highlights the cited sentence when [n] is clicked', async () => {
    await page.locator('.article-body').evaluate((el) => (el.scrollTop = 0));
    await answer.locator(`.embed-description .cite[data-key="${articleId()}:11.1"]`).click();
    const sentence = page.locator(sentenceSelector('11.1'));
    await page.waitForFunction(
      (selector) => {
        const el = document.querySelector(selector);
        const pane = document.querySelector('.article-body');
        if (!el || !pane || !el.classList.contains('highlight')) return false;
        const r = el.getBoundingClientRect();
        const p = pane.getBoundingClientRect();
        return r.top >= p.top && r.bottom <= p.bottom;
      },
      sentenceSelector('11.1'),
      { timeout: 5_000 },
    );
    expect(await sentence.getAttribute('class')).toContain('highlight');
    expect(await page.locator('.sent.highlight').count()).toBe(1);
    mkdirSync(RESULTS, { recursive: true });
    // Take focus off the clicked link (its message toolbar shows on focus) before the screenshot.
    await page.focus('#input');
    await page.mouse.move(700, 890);
    await page.waitForFunction(() => [...document.querySelectorAll('.msg-tools')].every((t) => getComputedStyle(t).opacity === '0'));
    await page.screenshot({ path: path.join(RESULTS, 'playground-answer.png') });
  });

  it('runs /ask with private: true as an ephemeral reply only the asker sees', async () => {
    const { message } = await sendAndWait('/ask Where are the talks held? private: true');
    await message.locator('.embed-title', { hasText: 'Where are the talks held?' }).waitFor();
    expect(await message.getAttribute('class')).toContain('ephemeral');
    expect(await message.locator('.ephemeral-note').innerText()).toContain('Only you can see this');
    expect(await text(message.locator('.msg-context'))).toContain('alice used /ask');
    // The bot deferred ephemerally over REST, then edited @original.
    const interactionId = await message.getAttribute('data-interaction');
    const callback = pg.standIn!.requests.find((r) => r.route === '/interactions/:id/:token/callback' && r.params.id === interactionId);
    expect(callback?.body).toMatchObject({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
  });

  it('makes every button under an answer work: Show context, More sources, 👍, 👎', async () => {
    const click = (label: string) => nextBotMessageAfter(() => answer.locator('.components button', { hasText: label }).click());

    const context = await click('Show context');
    expect(await context.locator('.embed-title').innerText()).toContain('Context: Who leads the Russian delegation?');
    expect(await context.locator('.embed-description').innerText()).toContain('Vladimir Medinsky');
    expect(await context.locator('.ephemeral-note').count()).toBe(1);

    const more = await click('More sources');
    expect(await more.locator('.embed-title').innerText()).toContain('More sources: Who leads the Russian delegation?');

    const up = await click('👍');
    expect(await up.locator('.content').innerText()).toContain('Thanks — your 👍 is recorded.');
    const down = await click('👎');
    expect(await down.locator('.content').innerText()).toContain('Thanks — your 👎 is recorded.');
    expect(await text(down.locator('.msg-context'))).toContain('alice clicked 👎');

    const votes = readFileSync(path.join(tmp, 'data', 'feedback.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).vote);
    expect(votes).toEqual(['up', 'down']);
  });

  it('offers /source suggestions from the bot\'s autocomplete response while typing', async () => {
    await page.fill('#input', '/source Medinsky');
    const choice = page.locator('.popup-item.choice').first();
    await choice.waitFor();
    expect(await choice.innerText()).toContain('11.1');
    await choice.click();
    expect(await page.inputValue('#input')).toBe('/source 11.1');
    const autocomplete = pg.standIn!.requests.filter(
      (r) => r.route === '/interactions/:id/:token/callback' && r.body?.type === InteractionResponseType.ApplicationCommandAutocompleteResult,
    );
    expect(autocomplete.length).toBeGreaterThan(0);
    const { message } = await sendAndWait('/source 11.1');
    expect(await message.locator('.embed-footer').innerText()).toContain('Source for 11.1');
    expect(await text(message.locator('.msg-context'))).toContain('alice used /source');
    expect(await message.locator('.embed-description').innerText()).toContain('Vladimir Medinsky');
  });

  it('runs "Check against article" on a message, as a moderator', async () => {
    const asked = page.locator('.msg[data-author="user"]', { hasText: 'Who leads the Russian delegation?' }).first();
    const reply = await nextBotMessageAfter(async () => {
      await asked.hover();
      await asked.locator('.msg-tools button.check').click();
    });
    expect(await reply.locator('.embed-title').innerText()).toBe('Check against article');
    const description = await reply.locator('.embed-description').innerText();
    expect(description.split('\n')[0]).toMatch(/^(Supported by|Contradicted by|Not mentioned in) the article|^Can't tell/);
    expect(description).toContain('Claim:');
    expect(await reply.locator('.embed').first().evaluate((e) => getComputedStyle(e).borderLeftColor)).not.toBe('rgb(30, 31, 34)');
    await page.screenshot({ path: path.join(RESULTS, 'playground-claim-check.png') });
    expect(await text(reply.locator('.msg-context'))).toContain('moderator used Check against article');
    expect(await reply.locator('.ephemeral-note').count()).toBe(1);
    // A real message-context-menu interaction from the moderator, acknowledged ephemerally by the bot.
    const interactionId = await reply.getAttribute('data-interaction');
    const callback = pg.standIn!.requests.find((r) => r.route === '/interactions/:id/:token/callback' && r.params.id === interactionId);
    expect(callback?.body).toMatchObject({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
  });

  it('abstains on an off-topic question ("doesn\'t say") and clears the article marks', async () => {
    const { message } = await ask('Who is the Prime Minister of Canada?');
    expect(await message.locator('.embed-description').innerText()).toContain("doesn't say");
    expect(await page.locator('.sent.cited').count()).toBe(0);
  });

  it('renders what a user typed as text: no script runs, no element is created', async () => {
    const payload = '<img src=x onerror=alert(1)>';
    const { message } = await sendAndWait(payload);
    const mine = page.locator('.msg[data-author="user"]').last();
    expect(await mine.locator('.content').innerText()).toContain(payload);
    expect(await message.locator('.embed-title').innerText()).toContain('<img src=x onerror=alert(1)>');
    // And as a slash-command option, echoed back by the bot in an embed.
    const search = await sendAndWait(`/search ${payload}`);
    expect(await search.message.locator('.embed-title').innerText()).toContain(payload);
    await nextFrames();
    expect(await page.locator('#messages img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('runs a command that needs no options on the first Enter, without "No matches"', async () => {
    await page.fill('#input', '/about');
    await page.locator('#popup .popup-item.command', { hasText: '/about' }).waitFor();
    const reply = await nextBotMessageAfter(() => page.press('#input', 'Enter'), 5_000);
    expect(await reply.locator('.embed-title').innerText()).toBe('About Footnote');
    expect(await text(reply.locator('.msg-context'))).toContain('alice used /about');
    expect(await page.inputValue('#input')).toBe('');
    expect(await page.locator('#popup').isHidden()).toBe(true);
    // Picking the command with Tab completes it; a command without options then offers nothing to pick.
    await page.fill('#input', '/ab');
    await page.locator('#popup .popup-item.command', { hasText: '/about' }).waitFor();
    await page.press('#input', 'Tab');
    expect(await page.inputValue('#input')).toBe('/about ');
    expect(await page.locator('#popup').isHidden()).toBe(true);
    await nextBotMessageAfter(() => page.press('#input', 'Enter'));
    // A command with a required option still completes first, then offers suggestions for that option.
    await page.fill('#input', '/source');
    await page.press('#input', 'Enter');
    expect(await page.inputValue('#input')).toBe('/source ');
    await page.locator('#popup .popup-item.choice').first().waitFor();
    await page.fill('#input', '');
  });

  it('keeps a dismissed private reply dismissed after a page reload', async () => {
    const privately = async (question: string) => {
      const { message } = await sendAndWait(`/ask ${question} private: true`);
      await message.locator('.embed-title', { hasText: question }).waitFor();
      return { message, id: await message.getAttribute('data-id') };
    };
    const kept = (await privately('What did Peskov tell CNN?')).id;
    const { message, id } = await privately('Will Putin attend the talks?');
    await message.locator('.ephemeral-note button', { hasText: 'Dismiss message' }).click();
    expect(await page.locator(`#m-${id}`).count()).toBe(0);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('.article-body .sent');
    // The channel was replayed from the stand-in: the other private reply is back, the dismissed one is not.
    await page.locator(`#m-${kept}`).waitFor();
    expect(await page.locator(`#m-${id}`).count()).toBe(0);
    expect(pg.standIn!.messages.has(id!)).toBe(true);
  });

  it('shows mentions in an echoed question as plain text, never as raw markup', async () => {
    const question = 'Who leads the Russian delegation?';
    const alice = pg.standIn!.users.alice.id;
    const typed = `@everyone <@&123> <@${alice}> <#456> ${question}`;
    // What the reader sees, without the invisible zero-width spaces that keep a mention from pinging.
    const shown = async (m: Locator) => (await m.locator('.embed-title').innerText()).replace(/\u200b/g, '');
    const expected = `@everyone @role @user #channel ${question}`;
    const slash = await sendAndWait(`/ask ${typed}`);
    expect(await shown(slash.message)).toBe(expected);
    const mention = await sendAndWait(typed);
    expect(await shown(mention.message)).toBe(expected);
    expect(await mention.message.locator('.embed-description').innerText()).toContain('Vladimir Medinsky');
  });

  it('answers "@everyone" alone, typed or as /ask, with a short reply in words: not "the text was empty", no ping', async () => {
    const reply = 'Mentions alone are not a question: ask in words what you want to know about the article.';
    for (const typed of ['@everyone', '/ask @everyone <@&123>']) {
      const { message } = await sendAndWait(typed);
      expect(await text(message.locator('.msg-body > .content'))).toBe(reply);
      expect(await message.locator('.embed').count()).toBe(0);
    }
    const sent = pg.standIn!.requests.filter((r) => r.body?.content === reply || r.body?.data?.content === reply);
    expect(sent.length).toBe(2);
    for (const r of sent) expect((r.body!.allowed_mentions ?? r.body!.data!.allowed_mentions)!.parse).toEqual([]);
  });

  it('refuses an over-long question in characters, with the engine\'s message, typed or as /ask', async () => {
    const systemText = async (typed: string) => {
      const before = await page.locator('.msg.system').count();
      await page.fill('#input', typed);
      await page.press('#input', 'Enter');
      await page.waitForFunction((n) => document.querySelectorAll('.msg.system').length > n, before, { timeout: 5_000 });
      return text(page.locator('.msg.system').nth(before).locator('.content'));
    };
    // 1,980 characters fit Discord's 2,000 but not the question limit: the limit's message, not Discord's.
    expect(await systemText('w'.repeat(1980))).toBe('That question is too long: at most 1,000 characters, and it has 1,980.');
    expect(await systemText(`/ask ${'w'.repeat(1001)}`)).toMatch(/at most 1,000 characters/);
    expect(await page.inputValue('#input')).not.toBe('');
    await page.fill('#input', '');
  });

  it('replies to an answer with a follow-up: "who said so?" is read with the question it follows', async () => {
    const { message: first } = await ask('Will Putin attend the talks?');
    await first.hover();
    await first.locator('.msg-tools button', { hasText: 'Reply' }).click();
    expect(await page.locator('#reply-bar').isVisible()).toBe(true);
    const { message } = await sendAndWait('who said so?');
    expect(await message.locator('.embed-title').innerText()).toBe('Will Putin attend the talks? who said so?');
    expect((await message.locator('.embed-description').innerText()).replace(/\s+/g, ' ')).toContain('Dmitry Peskov told CNN');
    expect(await page.locator('#reply-bar').isHidden()).toBe(true);
    // The member's message is a reply to the answer, shown with it, and it reached the bot through the stand-in.
    const firstId = await first.getAttribute('data-id');
    const asked = [...pg.standIn!.messages.values()].find((m) => m.content === 'who said so?')!;
    expect(asked.message_reference?.message_id).toBe(firstId);
    expect(await text(page.locator(`#m-${asked.id} .msg-context`))).toContain('Will Putin attend the talks?');
    // Escape cancels a reply: the next message is a plain question again.
    await first.hover();
    await first.locator('.msg-tools button', { hasText: 'Reply' }).click();
    await page.press('#input', 'Escape');
    expect(await page.locator('#reply-bar').isHidden()).toBe(true);
  });

  it('with "Answer in threads" on, a question opens a thread, and a follow-up posted in it is read with the first question', async () => {
    const toggled = await nextBotMessageAfter(() => page.check('#threads-toggle'));
    expect(await text(toggled.locator('.msg-body > .content'))).toMatch(/^Saved\. Threads: on\./);
    const asked = await nextBotMessageAfter(() => page.fill('#input', 'Will Putin attend the talks?').then(() => page.press('#input', 'Enter')));
    const thread = page.locator('.thread', { has: page.locator('.thread-name', { hasText: 'Will Putin attend the talks?' }) });
    await thread.waitFor();
    expect(await thread.locator('.msg[data-author="bot"] .embed-title').first().innerText()).toBe('Will Putin attend the talks?');
    expect(await asked.locator('.embed-title').innerText()).toBe('Will Putin attend the talks?');
    // The thread hangs under the member's question in #news, as Discord shows it.
    const starterId = await thread.getAttribute('data-thread');
    expect(await page.locator(`#m-${starterId} + .thread`).count()).toBe(1);

    await thread.locator('.thread-reply').click();
    expect(await text(page.locator('#reply-bar'))).toContain('Posting in the thread');
    const followUp = await nextBotMessageAfter(() => page.fill('#input', 'who said so?').then(() => page.press('#input', 'Enter')));
    expect(await thread.locator('.msg').count()).toBe(3); // answer, follow-up, its answer
    expect(await followUp.locator('.embed-title').innerText()).toBe('Will Putin attend the talks? who said so?');
    expect((await followUp.locator('.embed-description').innerText()).replace(/\s+/g, ' ')).toContain('Dmitry Peskov told CNN');
    const posted = [...pg.standIn!.messages.values()].find((m) => m.content.endsWith('who said so?') && m.channel_id === starterId);
    expect(posted).toBeDefined();

    await page.press('#input', 'Escape');
    expect(await page.locator('#reply-bar').isHidden()).toBe(true);
    await nextBotMessageAfter(() => page.uncheck('#threads-toggle'));
  });

  it('with "Answer every message" on, #news is an answer channel: a question without a mention is answered; off, the page mentions the bot again', async () => {
    const toggled = await nextBotMessageAfter(() => page.check('#answer-channel-toggle'));
    expect(await text(toggled.locator('.msg-body > .content'))).toMatch(/^Saved\. .*Answer channels: #news\. Every new message there/);
    expect(await page.getAttribute('#input', 'placeholder')).toContain('no mention needed');
    const question = 'How many journalists were outside the palace?';
    const answer = await nextBotMessageAfter(() => page.fill('#input', question).then(() => page.press('#input', 'Enter')));
    expect(await answer.locator('.embed-title').innerText()).toBe(question);
    // The member's message went as typed: no mention, so it was answered as an answer channel's message.
    const posted = [...pg.standIn!.messages.values()].filter((m) => m.content === question);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.mentions).toEqual([]);
    expect([...pg.standIn!.messages.values()].some((m) => m.message_reference?.message_id === posted[0]!.id && m.author.id === pg.standIn!.botUser.id)).toBe(true);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(RESULTS, 'playground-answer-channel.png') });

    const off = await nextBotMessageAfter(() => page.uncheck('#answer-channel-toggle'));
    expect(await text(off.locator('.msg-body > .content'))).toContain('Answer channels: none.');
    await nextBotMessageAfter(() => page.fill('#input', 'Where are the talks held?').then(() => page.press('#input', 'Enter')));
    const mentioned = [...pg.standIn!.messages.values()].filter((m) => m.content.endsWith('Where are the talks held?')).at(-1)!;
    expect(mentioned.content).toBe(`${pg.standIn!.mention()} Where are the talks held?`);
  });

  it('shows the settings switches as the bot saved them after a page reload', async () => {
    await nextBotMessageAfter(() => page.check('#answer-channel-toggle'));
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForFunction(() => (document.getElementById('answer-channel-toggle') as HTMLInputElement).checked);
    expect(await page.isChecked('#threads-toggle')).toBe(false);
    expect(await page.getAttribute('#input', 'placeholder')).toContain('no mention needed');
    const off = await nextBotMessageAfter(() => page.uncheck('#answer-channel-toggle'));
    expect(await text(off.locator('.msg-body > .content'))).toContain('Answer channels: none.');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('.article-body .sent');
    expect(await page.isChecked('#answer-channel-toggle')).toBe(false);
    expect(await page.getAttribute('#input', 'placeholder')).not.toContain('no mention needed');
  });

  it('measures Enter → rendered answer', async () => {
    const questions = [
      'Who leads the Russian delegation?',
      'Where are the talks held?',
      'Will Putin attend the talks?',
      'What did Peskov tell CNN?',
      'How many journalists were outside the palace?',
    ];
    const times: number[] = [];
    for (const q of questions) times.push((await ask(q)).ms);
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    console.log(`playground Enter→answer: median ${median.toFixed(0)} ms over ${times.length} questions (${times.map((t) => t.toFixed(0)).join(', ')} ms)`);
    expect(times).toHaveLength(questions.length);
    // README reports a median near 80 ms; seconds would mean real work on the path (say, re-embedding the article).
    expect(median).toBeLessThan(2_000);
    // Every interaction the page caused was a real one the stand-in dispatched.
    const kinds = new Set([...pg.standIn!.messages.values()].flatMap((m) => (m.interaction_metadata ? [m.interaction_metadata.type] : [])));
    expect(kinds.has(InteractionType.ApplicationCommand)).toBe(true);
    expect(kinds.has(InteractionType.MessageComponent)).toBe(true);
  });
});

// Keep a copy for the README when asked: FOOTNOTE_UPDATE_DOCS_SCREENSHOT=1 npm test -- tests/browser
afterAll(() => {
  const shot = path.join(RESULTS, 'playground-answer.png');
  if (process.env.FOOTNOTE_UPDATE_DOCS_SCREENSHOT === '1' && existsSync(shot)) {
    mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
    copyFileSync(shot, path.join(ROOT, 'docs', 'playground.png'));
  }
});
