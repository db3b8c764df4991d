/** DISCORD_SHARD_COUNT for `npm run start:sharded`: `auto` by default, a positive integer, anything else refused in words. */
import { describe, expect, it } from 'vitest';
import { DiscordEnvError, loadShardCount } from '../../src/discord/env.js';

describe('loadShardCount', () => {
  it('is auto when unset or auto, and a number when one is given', () => {
    expect(loadShardCount({})).toBe('auto');
    expect(loadShardCount({ DISCORD_SHARD_COUNT: 'auto' })).toBe('auto');
    expect(loadShardCount({ DISCORD_SHARD_COUNT: ' 3 ' })).toBe(3);
  });

  it('refuses zero, negatives, fractions and words, naming the variable and .env.example', () => {
    for (const bad of ['0', '-1', '1.5', 'two', '02']) {
      expect(() => loadShardCount({ DISCORD_SHARD_COUNT: bad })).toThrow(DiscordEnvError);
      expect(() => loadShardCount({ DISCORD_SHARD_COUNT: bad })).toThrow(/DISCORD_SHARD_COUNT: must be a positive integer or auto.*\.env\.example/);
    }
  });
});
