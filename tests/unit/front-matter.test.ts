import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { plainFrontMatter, splitFrontMatter } from '../../src/article/front-matter.js';
import { rng } from '../support/random.js';

const KEYS = ['title', 'url', 'published', 'author', 'tags', 'null', 'true', 'False', 'a_b', 'x-y', 'Title'];
const PIECES = [
  'Talks in Istanbul', 'Zelenskyy’s visit', 'https://example.com/a?b=c#d', '2025-05-16', '12', '-3', '+4', '0x1F', '0o17',
  '0b101', '1e3', '1.', '.5', '.inf', '-.Inf', '.NaN', '1_000', 'null', '~', 'NULL', 'true', 'yes', 'no', 'on', 'Off',
  'a: b', 'a:b', 'ends:', 'C#', 'C #', 'x # comment', '- item', '? q', '[a]', '{a}', '*ref', '&anchor', '!tag', '|', '>',
  "it's", 'say "hi"', '%p', '@at', '`tick`', ',lead', 'ünïcödé ✓', '  padded  ', 'tab\there', '', ' ', 'a\\b', '\u00a0nbsp',
  'emoji 🎉', 'x\u0085y', 'Ⅻ', '<<',
];

function randomLine(r: () => number): string {
  const key = KEYS[Math.floor(r() * KEYS.length)]!;
  const piece = PIECES[Math.floor(r() * PIECES.length)]!;
  const value = r() < 0.5 ? piece : `${piece} ${PIECES[Math.floor(r() * PIECES.length)]!}`;
  const quote = r();
  const shown = quote < 0.2 ? `"${value}"` : quote < 0.35 ? `'${value}'` : value;
  const sep = r() < 0.9 ? ': ' : r() < 0.5 ? ':' : ':  ';
  return `${key}${sep}${shown}${r() < 0.1 ? ' ' : ''}`;
}

function yamlOrError(block: string): unknown {
  try {
    return parseYaml(block);
  } catch {
    return 'error';
  }
}

describe('front matter without the YAML library', () => {
  it('reads every block it accepts exactly as the YAML library does (5,000 random blocks, each named by its seed)', () => {
    let accepted = 0;
    for (let seed = 1; seed <= 5000; seed++) {
      const r = rng(seed);
      const block = Array.from({ length: 1 + Math.floor(r() * 4) }, () => randomLine(r)).join('\n');
      const plain = plainFrontMatter(block);
      if (plain === undefined) continue;
      accepted += 1;
      expect({ seed, block, value: plain }).toEqual({ seed, block, value: yamlOrError(block) });
    }
    // Most generated blocks hold a tricky value and go to the library; enough are simple to make the check mean something.
    expect(accepted).toBeGreaterThan(500);
  });

  it('takes the common article header itself and leaves anything unusual to the library', () => {
    expect(plainFrontMatter('title: "Talks in Istanbul"\nurl: https://example.com/a\npublished: 2025-05-16')).toEqual({
      title: 'Talks in Istanbul',
      url: 'https://example.com/a',
      published: '2025-05-16',
    });
    for (const block of ['title: 12', 'title: "a\\"b"', 'title: a # note', 'title: >\n  folded', 'title: a\ntitle: b', '# comment\ntitle: a', 'title:\ta'])
      expect(plainFrontMatter(block)).toBeUndefined();
  });

  it('gives splitFrontMatter the same meta either way', () => {
    const text = '---\ntitle: "Talks in Istanbul"\npublished: 2025-05-16\n---\nBody.';
    expect(splitFrontMatter(text)).toEqual({ meta: { title: 'Talks in Istanbul', published: '2025-05-16' }, bodyStart: text.indexOf('Body.') });
    expect(splitFrontMatter('---\ntitle: 12\n---\nBody.').meta).toEqual({ title: '12' });
  });
});
