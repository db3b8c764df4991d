/**
 * Follow-ups through the real discord.js client and the stand-in: a mention that replies to one of Footnote's answers
 * is resolved against that answer's question; a self-contained one is answered as asked; other replies are plain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIMessage } from 'discord-api-types/v10';
import { createEmbedder } from '../../src/embedding/create-embedder.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { createQaService } from '../../src/qa-service.js';
import type { QaService } from '../../src/types.js';
import { freshUser, startHarness, type Harness } from '../support/discord-harness.js';
import { removeTempDirs, seedCorpus, tempDir } from '../robustness/support.js';

let embedder: Embedder;
let service: QaService;
let h: Harness;

beforeAll(async () => {
  embedder = await createEmbedder('use-lite');
  service = await createQaService({ articlesDir: seedCorpus(), indexDir: tempDir('index'), embedder });
  h = await startHarness({ service });
});

afterAll(async () => {
  await h?.close();
  await service?.close();
  await embedder?.close();
  removeTempDirs();
});

type Post = { replyTo?: string; channelId?: string; pingReplied?: boolean };

/** A member posts `content` (a reply when `replyTo` is given); resolves with the bot's reply to it. */
async function post(content: string, opts: Post = {}): Promise<APIMessage> {
  const asked = h.standIn.sendMessage(content, { user: freshUser(h.standIn), ...opts });
  return h.standIn.waitForMessageReply(asked.id, { timeoutMs: 15_000 });
}

/** The quotes as read, without the bold that marks matched words and the underline that marks the answer phrase. */
const description = (m: APIMessage) => (m.embeds[0]?.description ?? '').replace(/\*\*|__/g, '');
const title = (m: APIMessage) => m.embeds[0]?.title ?? '';

describe('follow-ups: replying to an answer', () => {
  it('"who said so?" in reply to the answer on whether Putin attends is answered with Peskov\'s "No."', async () => {
    const first = await post(`${h.standIn.mention()} Will Putin attend the talks?`);
    const alone = await post(`${h.standIn.mention()} who said so?`);
    expect(description(alone)).not.toContain('Peskov');
    const followUp = await post('who said so?', { replyTo: first.id });
    expect(description(followUp)).toContain('Dmitry Peskov told CNN');
    // The title shows how the follow-up was understood.
    expect(title(followUp)).toBe('Will Putin attend the talks? who said so?');
    expect(followUp.message_reference?.message_id).toBeDefined();
    expect(followUp.mentions).toEqual([]);
  });

  it('a self-contained question in reply to an answer is answered as asked, not dragged back', async () => {
    const first = await post(`${h.standIn.mention()} Who leads the Russian delegation?`);
    const next = await post('Where did Zelenskyy land on Thursday?', { replyTo: first.id });
    expect(title(next)).toBe('Where did Zelenskyy land on Thursday?');
    expect(description(next)).toContain('Ankara');
  });

  it('a chain of follow-ups in the thread carries the first question along', async () => {
    const { threadId } = h.standIn;
    const first = await post(`${h.standIn.mention()} Where did Zelenskyy land?`, { channelId: threadId });
    const second = await post('when?', { replyTo: first.id, channelId: threadId });
    expect(title(second)).toBe('Where did Zelenskyy land? when?');
    expect(description(second)).toContain('Zelenskyy landed in Ankara on Thursday');
    const third = await post('why?', { replyTo: second.id, channelId: threadId });
    expect(title(third)).toBe('Where did Zelenskyy land? when? why?');
    expect(description(third)).toContain('after hearing calls from Trump');
  });

  it('a mention replying to a member\'s message, not to an answer, is a plain question', async () => {
    const member = h.standIn.sendMessage('Putin is not coming, I heard.', { user: freshUser(h.standIn) });
    const reply = await post(`${h.standIn.mention()} who said so?`, { replyTo: member.id });
    expect(title(reply)).toBe('who said so?');
  });
});
