/** The stand-in's pure rules: route matching, rate-limit buckets, command registration limits. */
import { describe, expect, it } from 'vitest';
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { matchRoute } from '../../src/stand-in/routes.js';
import { bucketFor, RateLimiter } from '../../src/stand-in/rate-limits.js';
import { validateCommands } from '../../src/stand-in/command-rules.js';

describe('matchRoute', () => {
  it('returns the route and its decoded parameters', () => {
    const { route, params } = matchRoute('PATCH', '/webhooks/1/tok%3Aen/messages/@original');
    expect(route?.template).toBe('/webhooks/:app/:token/messages/:message');
    expect(params).toEqual({ app: '1', token: 'tok:en', message: '@original' });
  });

  it('tells a known path with another method (405) from an unknown path (404)', () => {
    expect(matchRoute('DELETE', '/channels/1/messages')).toEqual({ params: {}, pathMatched: true });
    expect(matchRoute('GET', '/guilds/1/bans')).toEqual({ params: {}, pathMatched: false });
  });
});

describe('bucketFor', () => {
  it('shares a bucket id per route and keys it by the major parameter', () => {
    const a = bucketFor('POST', '/channels/:channel/messages', { channel: '1' });
    const b = bucketFor('POST', '/channels/:channel/messages', { channel: '2' });
    expect(a.bucket).toBe(b.bucket);
    expect(a.key).not.toBe(b.key);
    expect(bucketFor('POST', '/webhooks/:app/:token', { app: '9', token: 'x' }).key.endsWith(':9')).toBe(true);
  });
});

describe('RateLimiter', () => {
  it('empties a bucket after `limit` requests and refills it after the window', () => {
    const limiter = new RateLimiter({ limit: 2, windowMs: 1_000 });
    const at = (now: number) => limiter.bucket('POST', '/channels/:channel/messages', { channel: '1' }, now);
    expect(at(0).take()['x-ratelimit-remaining']).toBe('1');
    expect(at(10).take()['x-ratelimit-remaining']).toBe('0');
    const limited = at(500);
    expect(limited.exhausted).toBe(true);
    expect(limited.limited()).toMatchObject({ status: 429, body: { retry_after: 0.5, global: false }, headers: { 'retry-after': '1' } });
    expect(at(1_000).exhausted).toBe(false);
  });
});

describe('validateCommands', () => {
  it('accepts a slash command and a message context menu', () => {
    const slash = {
      name: 'ask',
      description: 'Ask a question',
      options: [{ name: 'question', description: 'What to ask', type: ApplicationCommandOptionType.String, required: true }],
    };
    expect(validateCommands([slash, { name: 'Check against article', type: ApplicationCommandType.Message }])).toEqual([]);
  });

  it('names each problem by its path', () => {
    const problems = validateCommands([
      { name: 'Bad Name', description: '' },
      {
        name: 'ok',
        description: 'fine',
        options: [
          { name: 'a', description: 'optional', type: ApplicationCommandOptionType.String },
          { name: 'b', description: 'required', type: ApplicationCommandOptionType.String, required: true },
        ],
      },
      { name: 'menu', type: ApplicationCommandType.Message, description: 'not allowed' },
    ]);
    expect(problems).toEqual([
      '0.name: invalid',
      '0.description: Must be between 1 and 100 in length.',
      '1.options.1: required options must come first',
      '2.description: context menu commands take no description',
    ]);
    expect(validateCommands({})).toEqual(['body: must be an array of commands']);
  });
});
