import { lemmatizer } from '../lemmatizer.js';
import stem from 'wink-porter2-stemmer';
import { boundedMemo } from '../bounded-memo.js';
import { indexText } from '../article/segment.js';
import type { Passage } from '../types.js';

/** Words too common to say anything about whether a passage answers a question. */
const STOP_WORDS = new Set(
  ('a an and are as at be been but by can could did do does for from had has have he her his how i if in into is it ' +
    'its me my no not of on or our she so than that the their them then there these they this to was we were what ' +
    'when where which who whom whose why will with would you your about after also any before did does just more ' +
    'most other over said say says some such tell told than up very').split(' '),
);

/**
 * Lower-cased word tokens, apostrophes folded (curly or straight), stop words dropped, each reduced to a stem after
 * undoing irregular verb forms, so "led", "leads" and "leading" all match "lead".
 */
export function tokenize(text: string): string[] {
  const words = text.normalize('NFKC').toLowerCase().replace(/[’‘`]/g, "'").match(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu) ?? [];
  // One loop rather than map, filter and map: every sentence met and every question passes through here, and the two
  // intermediate arrays were garbage each time.
  const terms: string[] = [];
  for (const word of words) {
    const bare = word.endsWith("'s") ? word.slice(0, -2) : word;
    if (!STOP_WORDS.has(bare)) terms.push(normalizeTerm(bare));
  }
  return terms;
}

const TERM_CACHE_LIMIT = 200_000;

const normalizeTerm = boundedMemo(TERM_CACHE_LIMIT, (word) => (/^[a-z]+$/.test(word) ? stem(lemmatizer.verb(word)) : word));

/** Whether a collection uses a stem at all, read from its IDF: a stem no passage uses has the largest possible IDF. */
export function usedStems(weights: Pick<LexicalIndex, 'idf'>): (stem: string) => boolean {
  const unseen = weights.idf('\u0000');
  return (stem) => weights.idf(stem) < unseen - 1e-9;
}

/** BM25's IDF; a term no passage uses weighs the most. Shared by every store so they weigh terms alike. */
export function inverseDocumentFrequency(documentCount: number, documentFrequency: number): number {
  return Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/** A query's distinct terms, as `tokenize` gives them (in order) and as a set. */
export interface QueryTerms {
  readonly distinct: readonly string[];
  readonly set: ReadonlySet<string>;
}

let lastQuery: { text: string; terms: QueryTerms } | undefined;

/**
 * The terms of the query being answered. Retrieval asks for them once per candidate (coverage, highlights), so the
 * last query's are kept: tokenizing it twenty times cost more than the fusion.
 */
export function queryTerms(query: string): QueryTerms {
  if (lastQuery?.text !== query) {
    const set = new Set(tokenize(query));
    lastQuery = { text: query, terms: { distinct: [...set], set } };
  }
  return lastQuery.terms;
}

/** Share of the query's IDF mass among `matchedTerms`: 1 when every content word occurs. */
export function idfCoverage(query: string, matchedTerms: Iterable<string>, idf: (term: string) => number): number {
  const terms = queryTerms(query).distinct;
  if (terms.length === 0) return 0;
  const matched = new Set(matchedTerms);
  const total = terms.reduce((sum, term) => sum + idf(term), 0);
  const found = terms.filter((term) => matched.has(term)).reduce((sum, term) => sum + idf(term), 0);
  return total === 0 ? 0 : found / total;
}

export interface LexicalHit {
  readonly label: number;
  readonly score: number;
  /** Query terms found in the passage. */
  readonly terms: string[];
}

/**
 * BM25 over passages, plus the IDF table used to judge how much of a question the article covers.
 *
 * Scores are MiniSearch 7's (BM25+ with k 1.2, b 0.7, d 0.5; field length = distinct terms; the sum times the number
 * of distinct query terms matched), which this index replaced: MiniSearch rebuilds its term tree from JSON at every
 * start, 1.6–2.8 s at 200k passages, while these postings are typed arrays read straight from the stored file.
 * `tests/unit/lexical-index.test.ts` checks the two rank and score alike.
 */
export class LexicalIndex {
  private constructor(
    private readonly termIds: Map<string, number>,
    /** Postings of term t: `postingStart[t]` up to `postingStart[t + 1]` in `postingDoc` / `postingFrequency`. */
    private readonly postingStart: Uint32Array,
    private readonly postingDoc: Uint32Array,
    private readonly postingFrequency: Uint32Array,
    private readonly fieldLength: Uint32Array,
    private readonly averageFieldLength: number,
    private readonly documentCount: number,
  ) {
    this.termNames = [...termIds.keys()];
    // The length part of BM25's denominator, once per passage instead of once per posting (the same operations in the
    // same order, so the same numbers).
    this.lengthNorm = new Float64Array(documentCount);
    for (let doc = 0; doc < documentCount; doc++) this.lengthNorm[doc] = BM25.k * (1 - BM25.b + (BM25.b * fieldLength[doc]!) / averageFieldLength);
  }

  private readonly lengthNorm: Float64Array;

  private readonly termNames: string[];
  /** Per-document accumulators reused by every search (searches are synchronous), so a query allocates no O(N) arrays. */
  private scratch: { score: Float64Array; matched: Uint16Array; touched: Uint32Array } | undefined;

  static build(passages: readonly Passage[]): LexicalIndex {
    const postings = new Map<string, number[]>();
    const fieldLength = new Uint32Array(passages.length);
    let average = 0;
    passages.forEach((passage, doc) => {
      const counts = new Map<string, number>();
      for (const term of tokenize(indexText(passage))) counts.set(term, (counts.get(term) ?? 0) + 1);
      fieldLength[doc] = counts.size;
      // MiniSearch's running mean, in its order of operations, so the averages agree to the last bit.
      average = (average * doc + counts.size) / (doc + 1);
      for (const [term, count] of counts) {
        let list = postings.get(term);
        if (list === undefined) postings.set(term, (list = []));
        list.push(doc, count);
      }
    });
    const termIds = new Map<string, number>();
    const postingStart = new Uint32Array(postings.size + 1);
    let total = 0;
    for (const list of postings.values()) total += list.length / 2;
    const postingDoc = new Uint32Array(total);
    const postingFrequency = new Uint32Array(total);
    let at = 0;
    for (const [term, list] of postings) {
      postingStart[termIds.size] = at;
      termIds.set(term, termIds.size);
      for (let i = 0; i < list.length; i += 2, at++) {
        postingDoc[at] = list[i]!;
        postingFrequency[at] = list[i + 1]!;
      }
    }
    postingStart[termIds.size] = at;
    return new LexicalIndex(termIds, postingStart, postingDoc, postingFrequency, fieldLength, average, passages.length);
  }

  /**
   * The index as stored next to the HNSW graph: a fixed header, the terms (newline-separated UTF-8), then the
   * postings and field lengths as little-endian 32-bit arrays, each starting at a multiple of 4 bytes.
   */
  serialize(): Buffer {
    const terms = Buffer.from([...this.termIds.keys()].join('\n'), 'utf8');
    const termsPadded = Math.ceil(terms.length / 4) * 4;
    const arrays = [this.postingStart, this.postingDoc, this.postingFrequency, this.fieldLength];
    const out = Buffer.alloc(HEADER_BYTES + termsPadded + arrays.reduce((sum, a) => sum + a.byteLength, 0));
    out.write(LEXICAL_MAGIC, 0, 'latin1');
    out.writeUInt32LE(LEXICAL_FORMAT_VERSION, 4);
    out.writeUInt32LE(this.documentCount, 8);
    out.writeUInt32LE(this.termIds.size, 12);
    out.writeUInt32LE(this.postingDoc.length, 16);
    out.writeUInt32LE(terms.length, 20);
    out.writeDoubleLE(this.averageFieldLength, 24);
    terms.copy(out, HEADER_BYTES);
    let at = HEADER_BYTES + termsPadded;
    for (const array of arrays) {
      if (LITTLE_ENDIAN) out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
      else for (let i = 0; i < array.length; i++) out.writeUInt32LE(array[i]!, at + 4 * i);
      at += array.byteLength;
    }
    return out;
  }

  /** Reads what `serialize` wrote; throws when it is not that (the caller treats the generation as corrupt). */
  static deserialize(bytes: Buffer): LexicalIndex {
    if (bytes.length < HEADER_BYTES || bytes.toString('latin1', 0, 4) !== LEXICAL_MAGIC) throw new Error('not a lexical index file');
    const version = bytes.readUInt32LE(4);
    if (version !== LEXICAL_FORMAT_VERSION) throw new Error(`lexical index format ${version}, expected ${LEXICAL_FORMAT_VERSION}`);
    const documentCount = bytes.readUInt32LE(8);
    const termCount = bytes.readUInt32LE(12);
    const postingCount = bytes.readUInt32LE(16);
    const termBytes = bytes.readUInt32LE(20);
    const averageFieldLength = bytes.readDoubleLE(24);
    const termsPadded = Math.ceil(termBytes / 4) * 4;
    const expected = HEADER_BYTES + termsPadded + 4 * (termCount + 1 + 2 * postingCount + documentCount);
    if (bytes.length !== expected) throw new Error(`lexical index is ${bytes.length} bytes, its header says ${expected}`);
    const names = termCount === 0 ? [] : bytes.toString('utf8', HEADER_BYTES, HEADER_BYTES + termBytes).split('\n');
    if (names.length !== termCount) throw new Error(`lexical index names ${names.length} terms, its header says ${termCount}`);
    // Views need 4-byte alignment; a file read into Node's shared pool may not start on one, so copy it then.
    const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
    let at = aligned.byteOffset + HEADER_BYTES + termsPadded;
    const view = (length: number) => {
      const array = new Uint32Array(aligned.buffer, at, length);
      at += 4 * length;
      if (!LITTLE_ENDIAN) {
        const data = new DataView(array.buffer, array.byteOffset, array.byteLength);
        for (let i = 0; i < length; i++) array[i] = data.getUint32(4 * i, true);
      }
      return array;
    };
    const postingStart = view(termCount + 1);
    const postingDoc = view(postingCount);
    const postingFrequency = view(postingCount);
    const fieldLength = view(documentCount);
    if (postingStart[termCount] !== postingCount) throw new Error('lexical index postings do not add up');
    for (let t = 0; t < termCount; t++) if (postingStart[t]! > postingStart[t + 1]!) throw new Error('lexical index postings out of order');
    const termIds = new Map<string, number>();
    for (let t = 0; t < termCount; t++) termIds.set(names[t]!, t);
    return new LexicalIndex(termIds, postingStart, postingDoc, postingFrequency, fieldLength, averageFieldLength, documentCount);
  }

  get size(): number {
    return this.documentCount;
  }

  private documentFrequency(term: string): number {
    const t = this.termIds.get(term);
    return t === undefined ? 0 : this.postingStart[t + 1]! - this.postingStart[t]!;
  }

  /** Inverse document frequency; a term the articles never use weighs the most. */
  idf(term: string): number {
    return inverseDocumentFrequency(this.documentCount, this.documentFrequency(term));
  }

  search(query: string, limit: number): LexicalHit[] {
    // Every token counts, repeats included (a repeated word weighs twice), as MiniSearch summed one query per token.
    const tokens = tokenize(query);
    if (tokens.length === 0 || limit <= 0) return [];
    const scratch = (this.scratch ??= { score: new Float64Array(this.documentCount), matched: new Uint16Array(this.documentCount), touched: new Uint32Array(this.documentCount) });
    const { score, matched, touched } = scratch;
    const { lengthNorm } = this;
    // Documents in the order they were first matched: MiniSearch's order, which breaks ties between equal scores.
    let touchedCount = 0;
    const distinct: number[] = [];
    for (const term of tokens) {
      const t = this.termIds.get(term);
      if (t === undefined) continue;
      const first = !distinct.includes(t);
      if (first) distinct.push(t);
      const start = this.postingStart[t]!;
      const end = this.postingStart[t + 1]!;
      const idf = inverseDocumentFrequency(this.documentCount, end - start);
      for (let i = start; i < end; i++) {
        const doc = this.postingDoc[i]!;
        const frequency = this.postingFrequency[i]!;
        const termScore = idf * (BM25.d + (frequency * (BM25.k + 1)) / (frequency + lengthNorm[doc]!));
        if (matched[doc] === 0) {
          touched[touchedCount++] = doc;
          score[doc] = termScore;
        } else score[doc] = score[doc]! + termScore;
        if (first) matched[doc] = matched[doc]! + 1;
      }
    }
    const best = topByScore(touched, touchedCount, score, matched, limit);
    const hits = best.map((doc) => new IndexHit(doc, score[doc]! * matched[doc]!, this, distinct));
    for (let i = 0; i < touchedCount; i++) matched[touched[i]!] = 0;
    return hits;
  }

  /** Which of the query's distinct term ids `doc` holds, by name, in the query's order. */
  termsIn(distinct: readonly number[], doc: number): string[] {
    const names: string[] = [];
    for (const t of distinct) if (this.holds(t, doc)) names.push(this.termNames[t]!);
    return names;
  }

  /** Whether term `t`'s postings (sorted by document) hold `doc`. */
  private holds(t: number, doc: number): boolean {
    let low = this.postingStart[t]!;
    let high = this.postingStart[t + 1]! - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const at = this.postingDoc[mid]!;
      if (at === doc) return true;
      if (at < doc) low = mid + 1;
      else high = mid - 1;
    }
    return false;
  }

  /** Share of the question's IDF mass found in the passage: 1 when every content word occurs there. */
  coverage(query: string, matchedTerms: Iterable<string>): number {
    return idfCoverage(query, matchedTerms, (term) => this.idf(term));
  }
}

/**
 * A search hit whose matched terms are looked up when first read. Retrieval asks for 100 hits and reads the terms of
 * the few that make its final list; worked out for all of them, they were a tenth of an answer's garbage at 200k.
 */
class IndexHit implements LexicalHit {
  readonly #index: LexicalIndex;
  readonly #distinct: readonly number[];
  #terms: string[] | undefined;

  constructor(
    readonly label: number,
    readonly score: number,
    index: LexicalIndex,
    distinct: readonly number[],
  ) {
    this.#index = index;
    this.#distinct = distinct;
  }

  get terms(): string[] {
    return (this.#terms ??= this.#index.termsIn(this.#distinct, this.label));
  }

  /** What a plain hit holds, terms included (a structured clone or `JSON.stringify` would otherwise miss them). */
  toJSON(): { label: number; score: number; terms: string[] } {
    return { label: this.label, score: this.score, terms: this.terms };
  }
}

/**
 * The `limit` entries of `items` with the highest score (`sum[item] * matched[item]`), best first; equal scores keep
 * their order in `items` (a stable sort of all of them would give the same, at O(n log n) instead of O(n log limit)).
 * The score is worked out here rather than by a callback: one call per matching passage, each returning a fresh
 * number, was a good part of a search's garbage at 200k passages.
 */
function topByScore(items: Uint32Array, count: number, sum: Float64Array, matched: Uint16Array, limit: number): number[] {
  // A min-heap of (score, position) on the worst kept entry: lower score, or the same score and later position.
  const heapItem: number[] = [];
  const heapScore: number[] = [];
  const heapAt: number[] = [];
  const worse = (i: number, j: number) => heapScore[i]! < heapScore[j]! || (heapScore[i] === heapScore[j] && heapAt[i]! > heapAt[j]!);
  // Element by element: a destructuring swap builds two arrays per exchange, most of a search's garbage.
  const swap = (i: number, j: number) => {
    const item = heapItem[i]!;
    heapItem[i] = heapItem[j]!;
    heapItem[j] = item;
    const score = heapScore[i]!;
    heapScore[i] = heapScore[j]!;
    heapScore[j] = score;
    const at = heapAt[i]!;
    heapAt[i] = heapAt[j]!;
    heapAt[j] = at;
  };
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heapItem.length && worse(l, m)) m = l;
      if (r < heapItem.length && worse(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (let at = 0; at < count; at++) {
    const item = items[at]!;
    const score = sum[item]! * matched[item]!;
    if (heapItem.length < limit) {
      heapItem.push(item);
      heapScore.push(score);
      heapAt.push(at);
      for (let i = heapItem.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!worse(i, parent)) break;
        swap(i, parent);
        i = parent;
      }
    } else if (score > heapScore[0]!) {
      // Equal to the worst kept score: the kept one came first, so it stays.
      heapItem[0] = item;
      heapScore[0] = score;
      heapAt[0] = at;
      siftDown(0);
    }
  }
  const order = heapItem.map((_, i) => i).sort((i, j) => heapScore[j]! - heapScore[i]! || heapAt[i]! - heapAt[j]!);
  return order.map((i) => heapItem[i]!);
}

/** Bumped when the tokenizer or the stored shape changes, so an index stored by another version is not trusted. */
const LEXICAL_FORMAT_VERSION = 2;
const LEXICAL_MAGIC = 'FNLX';
const HEADER_BYTES = 32;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
