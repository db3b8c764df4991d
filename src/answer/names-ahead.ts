/**
 * People and places tagged ahead of the questions. compromise tags a sentence in about a millisecond, and a "who" or
 * "where" question needs the names of all its candidates: on a large collection most candidates of a new question
 * are sentences no question has met, so such a question paid 20 ms or so for tagging alone (README, Performance).
 * A served generation hands its sentences to a worker thread, which tags them while the bot waits for questions;
 * the spans land here, packed, and the tagger is asked only about sentences the worker has not reached.
 *
 * The spans are compromise's own (`taggedSpans`), so answers are the same whether a sentence was tagged ahead or on
 * first touch; only the time they take differs.
 */
import type { AnswerType, TypedSpan } from './answer-types.js';

const TYPES: readonly AnswerType[] = ['person', 'date', 'number', 'place'];

/** Each sentence's spans as one run of integers: the count, then type, strength, start and end of each span. */
export function packSpans(spansPerSentence: ReadonlyArray<readonly TypedSpan[]>): Int32Array {
  const packed = new Int32Array(spansPerSentence.reduce((sum, spans) => sum + 1 + 4 * spans.length, 0));
  let at = 0;
  for (const spans of spansPerSentence) {
    packed[at++] = spans.length;
    for (const span of spans) {
      packed[at++] = TYPES.indexOf(span.type);
      packed[at++] = span.strength;
      packed[at++] = span.start;
      packed[at++] = span.end;
    }
  }
  return packed;
}

function unpack(packed: Int32Array, at: number): TypedSpan[] {
  const spans: TypedSpan[] = [];
  for (let i = 0, n = packed[at]!; i < n; i++) {
    const base = at + 1 + 4 * i;
    spans.push({ type: TYPES[packed[base]!]!, strength: packed[base + 1]!, start: packed[base + 2]!, end: packed[base + 3]! });
  }
  return spans;
}

/**
 * One generation's spans tagged ahead: a sentence's place in one growing array of integers, so 200,000 sentences
 * cost two small numbers each in the map and no objects until a question asks.
 */
export class NamesAhead {
  private readonly offsets = new Map<string, number>();
  private packed = new Int32Array(4096);
  private used = 0;

  get size(): number {
    return this.offsets.size;
  }

  /** Adds the spans the worker packed for `sentences`, in the same order. */
  add(sentences: readonly string[], packed: Int32Array): void {
    let at = 0;
    for (const sentence of sentences) {
      const length = 1 + 4 * packed[at]!;
      if (!this.offsets.has(sentence)) {
        this.reserve(length);
        this.packed.set(packed.subarray(at, at + length), this.used);
        this.offsets.set(sentence, this.used);
        this.used += length;
      }
      at += length;
    }
  }

  /** Takes `sentence`'s spans from `other` as they are packed; false when `other` has not tagged it. */
  copyFrom(other: NamesAhead, sentence: string): boolean {
    const at = other.offsets.get(sentence);
    if (at === undefined) return false;
    if (!this.offsets.has(sentence)) this.add([sentence], other.packed.subarray(at, at + 1 + 4 * other.packed[at]!));
    return true;
  }

  /** Each sentence with its packed spans (count first), as `add` takes them. */
  *entries(): IterableIterator<[string, Int32Array]> {
    for (const [sentence, at] of this.offsets) yield [sentence, this.packed.subarray(at, at + 1 + 4 * this.packed[at]!)];
  }

  has(sentence: string): boolean {
    return this.offsets.has(sentence);
  }

  get(sentence: string): TypedSpan[] | undefined {
    const at = this.offsets.get(sentence);
    return at === undefined ? undefined : unpack(this.packed, at);
  }

  private reserve(length: number): void {
    if (this.used + length <= this.packed.length) return;
    const grown = new Int32Array(Math.max(this.packed.length * 2, this.used + length));
    grown.set(this.packed.subarray(0, this.used));
    this.packed = grown;
  }
}

/** The tables of the generations being served (a swap holds two for a moment; tests may open several services). */
const served = new Set<NamesAhead>();

export function serveNamesAhead(table: NamesAhead): () => void {
  served.add(table);
  return () => served.delete(table);
}

/** The tables served now, `table` aside. */
export function otherServedTables(table: NamesAhead): NamesAhead[] {
  return [...served].filter((other) => other !== table);
}

/** A sentence's spans when some served generation has tagged it ahead, else undefined. */
export function namesAhead(sentence: string): TypedSpan[] | undefined {
  for (const table of served) {
    const spans = table.get(sentence);
    if (spans) return spans;
  }
  return undefined;
}
