import { describe, expect, it } from 'vitest';
import { loadedAfter } from '../support/fresh-process.js';

const PACKAGES = ['wink-lemmatizer', 'compromise'] as const;
const warmUp = (call: string) => loadedAfter(`const { warmUpSoon } = await import('./src/warm-up.ts'); ${call}`, PACKAGES);

describe('warmUpSoon', () => {
  it('loads what a first question would wait for, once its delay has passed', () => {
    expect(warmUp('warmUpSoon(10);')).toEqual({ 'wink-lemmatizer': true, compromise: true });
  });

  it('loads nothing when cancelled first, or before its delay', () => {
    expect(warmUp('warmUpSoon(10)();')).toEqual({ 'wink-lemmatizer': false, compromise: false });
    expect(warmUp('const keep = setTimeout(() => {}, 400); warmUpSoon(60_000);')).toEqual({ 'wink-lemmatizer': false, compromise: false });
  });
});
