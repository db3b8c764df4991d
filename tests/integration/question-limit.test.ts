/**
 * One question limit, one message, in characters: the engine, the CLI, /ask's option, mentions and the playground's
 * message box all refuse the 1,001st character the same way, and the mention the page adds never pushes a message over.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data as askDefinition } from '../../src/discord/commands/ask.js';
import { runAction } from '../../src/playground/actions.js';
import { MAX_QUESTION_LENGTH, validateQuestion } from '../../src/question.js';
import type { DiscordStandIn } from '../../src/stand-in/index.js';
import { startStandIn } from '../support/discord-harness.js';
import { spawnScript, stopScripts } from '../support/spawn-script.js';

const tooLong = (length: number) => `That question is too long: at most 1,000 characters, and it has ${length.toLocaleString('en-US')}.`;

let standIn: DiscordStandIn;
beforeAll(async () => {
  standIn = await startStandIn();
});
afterAll(async () => {
  stopScripts();
  await standIn?.stop();
});

const post = (content: string) =>
  runAction('/api/message', { standIn, you: standIn.users.alice, moderator: standIn.users.mod, body: { content }, record: () => ({ id: '' }) });

describe('the question limit', () => {
  it('is 1,000 characters for the engine, with a message in characters', () => {
    expect(MAX_QUESTION_LENGTH).toBe(1000);
    expect(validateQuestion('w'.repeat(1000))).toHaveLength(1000);
    expect(() => validateQuestion('w'.repeat(1001))).toThrow(tooLong(1001));
  });

  it('is what /ask\'s option allows', () => {
    const question = askDefinition.options.find((o) => o.name === 'question')!;
    expect(question.max_length).toBe(MAX_QUESTION_LENGTH);
  });

  it('is the CLI\'s, with the same message', async () => {
    const run = spawnScript('src/cli/main.ts', { args: ['ask', '--json', 'w'.repeat(1001)] });
    expect((await run.exited).code).toBe(1);
    expect(JSON.parse(run.stdout()).error).toBe(tooLong(1001));
  }, 60_000);

  it('playground: a 1,980-character question gets the question limit\'s message, not Discord\'s 2,000-character one', async () => {
    await expect(post('w'.repeat(1980))).rejects.toThrow(tooLong(1980));
  });

  it('playground: a question at the limit is posted whole, the mention the page adds included', async () => {
    const question = 'w'.repeat(MAX_QUESTION_LENGTH);
    const { id } = (await post(question)) as { id: string };
    expect(standIn.messages.get(id)?.content).toBe(`${standIn.mention()} ${question}`);
  });

  it('/ask in the stand-in\'s client: over the limit is refused in characters', () => {
    expect(() => standIn.sendSlashCommand('ask', { question: 'w'.repeat(1001) })).toThrow(
      'Option "question" is too long: at most 1,000 characters (the Discord client would refuse it)',
    );
  });
});
