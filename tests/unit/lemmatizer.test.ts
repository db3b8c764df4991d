import { execFileSync } from 'node:child_process';
import path from 'node:path';
import winkLemmatizer from 'wink-lemmatizer';
import { describe, expect, it } from 'vitest';
import { lemmatizer } from '../../src/lemmatizer.js';

const ROOT = path.resolve(__dirname, '../..');

describe('lemmatizer', () => {
  it("gives wink-lemmatizer's lemmas", () => {
    for (const word of ['led', 'leads', 'won', 'mice', 'better', 'talks', 'delegation', 'zelenskyy']) {
      expect([lemmatizer.verb(word), lemmatizer.noun(word), lemmatizer.adjective(word)]).toEqual([winkLemmatizer.verb(word), winkLemmatizer.noun(word), winkLemmatizer.adjective(word)]);
    }
  });

  it('is not loaded by importing the engine, only by the first word it lemmatizes', () => {
    // A fresh process: this one has loaded it already. Its word lists were some 0.12 s of every start.
    const script = `
      import { createRequire } from 'node:module';
      const cache = createRequire(import.meta.url).cache;
      const loaded = () => Object.keys(cache).some((file) => file.includes('wink-lemmatizer'));
      await import('./src/qa-service.ts');
      const before = loaded();
      const { tokenize } = await import('./src/index/lexical-index.ts');
      tokenize('Medinsky led the delegation');
      console.log(JSON.stringify({ before, after: loaded() }));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ before: false, after: true });
  });
});
