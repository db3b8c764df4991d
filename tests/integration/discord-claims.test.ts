/** Claim checks through the real bot (discord.js) against the stand-in, with the real model and index on disk. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageFlags, type APIEmbed, type APIMessage } from 'discord-api-types/v10';
import { VERDICT_COLORS } from '../../src/discord/render/claim-check.js';
import { createQaService } from '../../src/qa-service.js';
import type { QaService } from '../../src/types.js';
import { tempSeedArticles } from '../support/articles.js';
import { freshUser, startHarness, type Harness } from '../support/discord-harness.js';

let service: QaService;
let h: Harness;
const indexDir = mkdtempSync(path.join(os.tmpdir(), 'footnote-claims-index-'));
const articlesDir = tempSeedArticles();

beforeAll(async () => {
  service = await createQaService({ articlesDir, indexDir });
  h = await startHarness({ service, cooldownMs: 0 });
});

afterAll(async () => {
  await h?.close();
  await service?.close();
  rmSync(indexDir, { recursive: true, force: true });
  rmSync(articlesDir, { recursive: true, force: true });
});

const embedOf = (m: APIMessage): APIEmbed => {
  expect(m.embeds).toHaveLength(1);
  return m.embeds[0]!;
};

async function checkByMenu(text: string): Promise<{ message: APIMessage; embed: APIEmbed }> {
  const posted = h.standIn.sendMessage(text, { user: 'alice' });
  const handle = h.standIn.sendMessageContextMenu('Check against article', posted.id, { user: 'mod' });
  const message = await h.standIn.waitForReply(handle);
  return { message, embed: embedOf(message) };
}

describe('QaService.check on the seed article (the issue’s examples)', () => {
  it('"About 500 journalists were outside the palace" is contradicted by 2.1, naming 200 against 500', async () => {
    const check = await service.check('About 500 journalists were outside the palace');
    expect(check.verdict).toBe('contradicted');
    expect(check.deciding).toBe(1);
    expect(check.citations[0]!.id).toBe('2.1');
    expect(check.differs).toMatch(/^the article says about 200, the claim says .*500$/);
  });

  it('"The weather in Istanbul was sunny" is not mentioned, with no deciding quote', async () => {
    const check = await service.check('The weather in Istanbul was sunny');
    expect(check.verdict).toBe('not_mentioned');
    expect(check.deciding).toBe(0);
  });

  it('splits a message into its claims and reports the most severe', async () => {
    const check = await service.check('Medinsky leads the Russian team. About 500 journalists were outside the palace.');
    expect(check.parts.map((p) => p.claim)).toEqual(['Medinsky leads the Russian team.', 'About 500 journalists were outside the palace.']);
    expect(check.parts[1]!.verdict).toBe('contradicted');
    expect(check.verdict).toBe('contradicted');
  });
});

describe('"Check against article" context menu', () => {
  it('shows the verdict first in red, the deciding quote with its citation, privately, with the mention neutralised', async () => {
    const { message, embed } = await checkByMenu(`<@${h.standIn.botUser.id}> About 500 journalists were outside the palace`);
    expect(message.flags! & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(embed.color).toBe(VERDICT_COLORS.contradicted);
    const lines = embed.description!.split('\n');
    expect(lines[0]).toMatch(/^\*\*Contradicted by the article\*\* — the article says about 200, the claim says .*500$/);
    expect(lines[1]).toBe('Claim: “About 500 journalists were outside the palace”');
    expect(lines[2]).toMatch(/^Deciding quote: \[1\]/);
    expect(lines[3]).toMatch(/^> .*about 200 \*\*journalists\*\*.* \*\*\[1\]\*\*$/);
    expect(embed.fields![0]!.value.split('\n')[0]).toContain('`2.1`');
    expect(embed.description).not.toMatch(/<@!?\d+>/);
  });

  it('greys a claim the article does not mention and lists the closest sentences only for reference', async () => {
    const { embed } = await checkByMenu('The weather in Istanbul was sunny');
    expect(embed.color).toBe(VERDICT_COLORS.not_mentioned);
    expect(embed.description!.split('\n')[0]).toBe('**Not mentioned in the article**');
    expect(embed.description).toContain('for reference only');
  });
});

describe('/check', () => {
  it('checks a typed claim the same way, privately', async () => {
    const handle = h.standIn.sendSlashCommand('check', { claim: 'About 500 journalists were outside the palace' }, { user: freshUser(h.standIn) });
    const message = await h.standIn.waitForReply(handle);
    expect(message.flags! & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const embed = embedOf(message);
    expect(embed.color).toBe(VERDICT_COLORS.contradicted);
    expect(embed.description!.split('\n')[0]).toMatch(/^\*\*Contradicted by the article\*\*/);
  });
});
