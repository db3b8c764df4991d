import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

/** What a fresh process has loaded (this one has loaded everything already) after `body` and a short wait. */
function loadedAfter(body: string): { lemmatizer: boolean; compromise: boolean } {
  const script = `
    import { createRequire } from 'node:module';
    const cache = createRequire(import.meta.url).cache;
    const loaded = (name) => Object.keys(cache).some((file) => file.includes('/node_modules/' + name + '/'));
    const { warmUpSoon } = await import('./src/warm-up.ts');
    ${body}
    await new Promise((resolve) => setTimeout(resolve, 300));
    console.log(JSON.stringify({ lemmatizer: loaded('wink-lemmatizer'), compromise: loaded('compromise') }));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

describe('warmUpSoon', () => {
  it('loads what a first question would wait for, once its delay has passed', () => {
    expect(loadedAfter('warmUpSoon(10);')).toEqual({ lemmatizer: true, compromise: true });
  });

  it('loads nothing when cancelled first, or before its delay', () => {
    expect(loadedAfter('warmUpSoon(10)();')).toEqual({ lemmatizer: false, compromise: false });
    expect(loadedAfter('const keep = setTimeout(() => {}, 400); warmUpSoon(60_000);')).toEqual({ lemmatizer: false, compromise: false });
  });
});
