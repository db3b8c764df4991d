import { DiscordAPIError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { loggableError, maskSecrets } from '../../src/discord/log.js';

const BOT_TOKEN = 'MTAxMjM0NTY3ODkwMTIzNDU2.Gf00tn.stand-in-token-not-real_0123456789';
const INTERACTION_TOKEN = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5:c2VjcmV0LXNlY3JldC1zZWNyZXQ';
const PATH = `/webhooks/1012345678901234567/${INTERACTION_TOKEN}/messages/@original`;

describe('loggableError', () => {
  it('masks an interaction token that a server echoes inside rawError, not only in url', () => {
    const raw = { message: `Unknown Webhook: PATCH /api/v10${PATH}`, code: 10015, errors: { path: { _errors: [{ code: 'ECHO', message: PATH }] } } };
    const error = new DiscordAPIError(raw, 10015, 404, 'PATCH', `http://127.0.0.1/api/v10${PATH}`, { body: { token: INTERACTION_TOKEN } });
    const text = JSON.stringify(loggableError(error));
    expect(text).not.toContain(INTERACTION_TOKEN);
    expect(text).not.toContain('c2VjcmV0LXNlY3JldC1zZWNyZXQ');
    expect(text).toContain('/webhooks/1012345678901234567/[token]/messages/@original');
    expect(text).toContain('Unknown Webhook');
    expect(text).toContain('"status":404');
  });

  it('masks a bot token in a message, a cause and a nested object', () => {
    const error = new Error(`401 for Authorization: Bot ${BOT_TOKEN}`, { cause: { header: `Bot ${BOT_TOKEN}` } });
    const text = JSON.stringify(loggableError({ wrapped: error, list: [BOT_TOKEN] }));
    expect(text).not.toContain(BOT_TOKEN);
    expect(text).not.toContain('stand-in-token-not-real');
    expect(text).toContain('Authorization: Bot [token]');
  });

  it('survives a cycle and keeps plain values', () => {
    const a: Record<string, unknown> = { n: 1, ok: true };
    a.self = a;
    expect(loggableError(a)).toEqual({ n: 1, ok: true, self: '[…]' });
  });
});

describe('maskSecrets', () => {
  it('leaves ordinary text alone', () => {
    expect(maskSecrets('opened 000_ce70d124781ea012 in 12 ms')).toBe('opened 000_ce70d124781ea012 in 12 ms');
  });
});
