import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/article/load.js';
import { articlePassages } from '../../src/article/segment.js';
import { createArticleLookup } from '../../src/service/article-lookup.js';

describe('the article view with section headings', () => {
  it('shows a heading between its paragraphs, with no sentences to cite', () => {
    const parsed = parseArticle('trial.md', Buffer.from('# Spray trial\n\nThe spray cut colds.\n\n## How the trial worked\n\nHalf of the homes were given it.\n'));
    if ('reason' in parsed) throw new Error(parsed.reason);
    const { article } = parsed;
    const view = createArticleLookup([article], articlePassages(article)).article('trial')!;
    expect(view.paragraphs.map(({ n, text, heading, sentences }) => [n, text, heading ?? false, sentences.map((s) => s.id)])).toEqual([
      [1, 'The spray cut colds.', false, ['1.1']],
      [2, 'How the trial worked', true, []],
      [3, 'Half of the homes were given it.', false, ['3.1']],
    ]);
  });
});
