/**
 * The USE-lite sentence-piece tokenizer, re-implemented so that its ids are identical to the reference
 * (`@energetic-ai/embeddings` `Tokenizer.encode`) on every input, including its quirks:
 *
 * - NFKC; a non-empty string is prefixed with `▁` and every space becomes `▁` (nothing else is touched);
 * - Viterbi over all vocabulary pieces starting at each position (code points), candidates visited by end
 *   position then start position ascending; a candidate replaces the current best when the best is still
 *   exactly 0 (unset, or a path of score 0) or when `score >= best` — so ties go to the LATER candidate;
 * - a position where no piece starts yields a one-character piece with id 0 (score 0);
 * - back-tracking steps back by the UTF-16 length of the chosen vocabulary entry (id 0 → length of `�`);
 * - consecutive id-0 tokens are merged; an empty string gives no tokens;
 * - reserved ids 0–5 are never matched; a duplicated piece keeps the LAST id.
 *
 * A Hugging Face Unigram `tokenizer.json` breaks ties the other way, which is why this file exists.
 */

/** The graph keeps only the first 128 tokens of a sentence. */
export const USE_LITE_MAX_TOKENS = 128;
export const USE_LITE_RESERVED_IDS = 6;
const SEPARATOR = '\u2581';

export type UseLiteVocabulary = ReadonlyArray<readonly [string, number]>;

interface TrieNode {
  children: Map<string, TrieNode>;
  /** Vocabulary id when a piece ends here, else -1. */
  id: number;
  score: number;
  /** Piece length in code points. */
  length: number;
}

function newNode(length: number): TrieNode {
  return { children: new Map(), id: -1, score: 0, length };
}

/** The exact input transformation of the reference tokenizer. */
export function normalizeUseLiteInput(text: string): string {
  const normalized = text.normalize('NFKC');
  return normalized.length > 0 ? SEPARATOR + normalized.replace(/ /g, SEPARATOR) : normalized;
}

export class UseLiteTokenizer {
  private readonly root: TrieNode = newNode(0);
  /** UTF-16 length of each vocabulary entry (used by the reference back-tracking). */
  private readonly utf16Length: Int32Array;

  constructor(readonly vocabulary: UseLiteVocabulary) {
    this.utf16Length = new Int32Array(vocabulary.length);
    for (let i = 0; i < vocabulary.length; i++) this.utf16Length[i] = vocabulary[i]![0].length;
    for (let i = USE_LITE_RESERVED_IDS; i < vocabulary.length; i++) {
      const [piece, score] = vocabulary[i]!;
      const chars = Array.from(piece);
      if (chars.length === 0) continue;
      let node = this.root;
      for (let c = 0; c < chars.length; c++) {
        const ch = chars[c]!;
        let child = node.children.get(ch);
        if (!child) {
          child = newNode(c + 1);
          node.children.set(ch, child);
        }
        node = child;
      }
      node.id = i;
      node.score = score;
    }
  }

  /** Token ids exactly as the reference produces them (no truncation). */
  encode(text: string): number[] {
    const symbols = Array.from(normalizeUseLiteInput(text));
    const n = symbols.length;
    if (n === 0) return [];
    // Forward Viterbi: starts ascending, so best[i] is final when its pieces are tried, and the candidates ending
    // at one position are met in ascending start order, as the reference visits them (`for (startPos in
    // nodes[endPos])`, integer keys ascending); the same ties, without a candidate list per position.
    const best = new Float64Array(n + 1);
    const words = new Int32Array(n + 1);
    const relax = (end: number, score: number, id: number) => {
      if (best[end] === 0 || score >= best[end]!) {
        best[end] = score;
        words[end] = id;
      }
    };
    for (let i = 0; i < n; i++) {
      let node = this.root.children.get(symbols[i]!);
      let matched = false;
      for (let k = i; node !== undefined && k < n; ) {
        if (node.id >= 0) {
          relax(i + node.length, node.score + best[i]!, node.id);
          matched = true;
        }
        k++;
        node = k < n ? node.children.get(symbols[k]!) : undefined;
      }
      if (!matched) relax(i + 1, best[i]!, 0);
    }
    const reversed: number[] = [];
    for (let iter = n; iter > 0; iter -= this.utf16Length[words[iter]!]!) reversed.push(words[iter]!);
    const merged: number[] = [];
    let previousUnk = false;
    for (const id of reversed) {
      if (!(previousUnk && id === 0)) merged.push(id);
      previousUnk = id === 0;
    }
    return merged.reverse();
  }
}
