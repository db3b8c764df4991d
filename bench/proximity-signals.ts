/**
 * Word order and proximity of the question's terms in a sentence, as answer-model signals measured by
 * bench/proximity-check.ts (not shipped: README, Evaluation). Coverage, BM25 and the cosine read a sentence as a bag
 * of words; these ask whether the question's terms stand together and in its order ("… the Russian delegation").
 * Terms are those the answer model's coverage reads: a word's stem and its lemmas' stems exactly, WordNet relations
 * either way at partial credit.
 */
import lemmatizer from 'wink-lemmatizer';
import { analyzeQuestion, SOFT_MATCH_CREDIT } from '../src/answer/features.js';
import { tokenize, type LexicalIndex } from '../src/index/lexical-index.js';
import { relatedWords } from '../src/retrieval/wordnet.js';
import type { ScoredPassage } from '../src/types.js';

/** Where each term (a word's stem and its lemma stems) occurs in a text, by word position; stop words keep their slot. */
export type TermPositions = ReadonlyMap<string, readonly number[]>;

/** The question's content terms in question order, each with its IDF. */
export type OrderedTerms = ReadonlyArray<{ term: string; idf: number }>;

/** Words apart at most for two consecutive question terms to count as a pair ("Russian delegation", "led … delegation"). */
export const PAIR_WINDOW = 3;

export function termPositions(wordTerms: ReadonlyArray<readonly string[]>): TermPositions {
  const positions = new Map<string, number[]>();
  wordTerms.forEach((terms, at) => {
    for (const term of new Set(terms)) {
      const list = positions.get(term);
      if (list) list.push(at);
      else positions.set(term, [at]);
    }
  });
  return positions;
}

/**
 * IDF-weighted share of the question's consecutive term pairs that occur within `window` words, in the question's
 * order (or either order when `ordered` is false). 0 for a question of fewer than two terms.
 */
export function pairOverlap(terms: OrderedTerms, positions: TermPositions, ordered = true, window = PAIR_WINDOW): number {
  let total = 0;
  let found = 0;
  for (let i = 0; i + 1 < terms.length; i++) {
    const a = terms[i]!;
    const b = terms[i + 1]!;
    const weight = a.idf + b.idf;
    total += weight;
    const at = positions.get(a.term);
    const bt = positions.get(b.term);
    if (!at || !bt) continue;
    const near = at.some((p) => bt.some((q) => (ordered ? q > p && q - p <= window : q !== p && Math.abs(q - p) <= window)));
    if (near) found += weight;
  }
  return total === 0 ? 0 : found / total;
}

/**
 * How tightly the sentence holds the question terms it matches: (matched − 1) / words spanned by the shortest
 * window holding them all, so 1 when they stand side by side. 0 when fewer than two match.
 */
export function spanCompactness(terms: OrderedTerms, positions: TermPositions): number {
  const hits: Array<{ at: number; term: number }> = [];
  terms.forEach(({ term }, index) => positions.get(term)?.forEach((at) => hits.push({ at, term: index })));
  const matched = new Set(hits.map((h) => h.term)).size;
  if (matched < 2) return 0;
  hits.sort((a, b) => a.at - b.at);
  const inWindow = new Map<number, number>();
  let best = Infinity;
  let left = 0;
  for (const hit of hits) {
    inWindow.set(hit.term, (inWindow.get(hit.term) ?? 0) + 1);
    while (inWindow.size === matched) {
      best = Math.min(best, hit.at - hits[left]!.at);
      const first = hits[left++]!;
      const count = inWindow.get(first.term)! - 1;
      if (count === 0) inWindow.delete(first.term);
      else inWindow.set(first.term, count);
    }
  }
  return best === 0 ? 1 : Math.min(1, (matched - 1) / best);
}

/**
 * IDF mass of the longest subsequence of question terms the sentence holds in the question's order, as a share of
 * the question's IDF mass: coverage less what the sentence says out of order.
 */
export function orderedCoverage(terms: OrderedTerms, positions: TermPositions): number {
  const total = terms.reduce((sum, t) => sum + t.idf, 0);
  if (total === 0) return 0;
  const hits: Array<{ at: number; term: number }> = [];
  terms.forEach(({ term }, index) => positions.get(term)?.forEach((at) => hits.push({ at, term: index })));
  hits.sort((a, b) => a.at - b.at || a.term - b.term);
  // best[k]: the largest mass of an in-order chain ending at hit k (a weighted longest increasing subsequence).
  const best = hits.map((hit) => terms[hit.term]!.idf);
  for (let k = 0; k < hits.length; k++)
    for (let j = 0; j < k; j++)
      if (hits[j]!.at < hits[k]!.at && hits[j]!.term < hits[k]!.term) best[k] = Math.max(best[k]!, best[j]! + terms[hits[k]!.term]!.idf);
  return Math.max(0, ...best) / total;
}

/** Best share of the question's IDF mass within any `width` consecutive words. */
export function windowCoverage(terms: OrderedTerms, positions: TermPositions, width = 6): number {
  const total = terms.reduce((sum, t) => sum + t.idf, 0);
  if (total === 0) return 0;
  const hits: Array<{ at: number; term: number }> = [];
  terms.forEach(({ term }, index) => positions.get(term)?.forEach((at) => hits.push({ at, term: index })));
  hits.sort((a, b) => a.at - b.at);
  let best = 0;
  for (let i = 0; i < hits.length; i++) {
    const inside = new Set<number>();
    for (let j = i; j < hits.length && hits[j]!.at - hits[i]!.at < width; j++) inside.add(hits[j]!.term);
    best = Math.max(best, [...inside].reduce((sum, t) => sum + terms[t]!.idf, 0));
  }
  return best / total;
}

/** Positions of a term directly or through WordNet relations either way, with the credit a match earns there. */
export function softPositions(
  term: { term: string; related: ReadonlySet<string> },
  positions: TermPositions,
  related: TermPositions,
  softCredit: number,
): Map<number, number> {
  const out = new Map<number, number>();
  const add = (list: readonly number[] | undefined, credit: number) => list?.forEach((at) => out.set(at, Math.max(out.get(at) ?? 0, credit)));
  add(related.get(term.term), softCredit);
  for (const stem of term.related) add(positions.get(stem), softCredit);
  add(positions.get(term.term), 1);
  return out;
}

/** `pairOverlap` with WordNet relations counting at partial credit (the lower of the pair's two credits). */
export function softPairOverlap(
  terms: ReadonlyArray<{ term: string; idf: number; related: ReadonlySet<string> }>,
  positions: TermPositions,
  related: TermPositions,
  softCredit: number,
  ordered = true,
  window = PAIR_WINDOW,
): number {
  const at = terms.map((t) => softPositions(t, positions, related, softCredit));
  let total = 0;
  let found = 0;
  for (let i = 0; i + 1 < terms.length; i++) {
    const weight = terms[i]!.idf + terms[i + 1]!.idf;
    total += weight;
    let credit = 0;
    for (const [p, cp] of at[i]!)
      for (const [q, cq] of at[i + 1]!)
        if (ordered ? q > p && q - p <= window : q !== p && Math.abs(q - p) <= window) credit = Math.max(credit, Math.min(cp, cq));
    found += credit * weight;
  }
  return total === 0 ? 0 : found / total;
}

/** A sentence's exact and WordNet-related terms by word position (words as the answer model's `textTerms` reads them). */
export function sentencePositions(text: string): { exact: TermPositions; related: TermPositions } {
  const words = text.toLowerCase().replace(/[’‘`]/g, "'").match(/[\p{L}]+(?:'[\p{L}]+)*/gu) ?? [];
  const lemmas = (word: string) => new Set([lemmatizer.noun(word), lemmatizer.verb(word), lemmatizer.adjective(word)]);
  const exact = words.map((word) => [...tokenize(word), ...[...lemmas(word)].filter((l) => l !== word).flatMap((l) => tokenize(l))]);
  const related = words.map((word) => {
    const [term] = tokenize(word);
    if (term === undefined) return [];
    return [...lemmas(word).add(word)].flatMap((l) => relatedWords(l).flatMap((other) => tokenize(other))).filter((stem) => stem !== term);
  });
  return { exact: termPositions(exact), related: termPositions(related) };
}

/**
 * IDF share of the pairs (a question verb, another question term) standing within `window` words in either order,
 * WordNet relations at partial credit: the relation asked about beside what it is asked of. 0 without a verb.
 */
export function verbPairOverlap(
  analysis: ReturnType<typeof analyzeQuestion>,
  positions: TermPositions,
  related: TermPositions,
  softCredit: number,
  window = PAIR_WINDOW,
): number {
  let total = 0;
  let found = 0;
  for (const verb of analysis.verbs) {
    const vAt = softPositions(verb, positions, related, softCredit);
    for (const other of analysis.terms) {
      if (other.term === verb.term) continue;
      const weight = verb.idf + other.idf;
      total += weight;
      const oAt = softPositions(other, positions, related, softCredit);
      let credit = 0;
      for (const [p, cp] of vAt) for (const [q, cq] of oAt) if (q !== p && Math.abs(q - p) <= window) credit = Math.max(credit, Math.min(cp, cq));
      found += credit * weight;
    }
  }
  return total === 0 ? 0 : found / total;
}

const bySentence = new Map<string, ReturnType<typeof sentencePositions>>();

/** Every signal for each of a question's candidates; the *Gap ones are the candidate's value less the best candidate's. */
export function proximitySignals(question: string, candidates: readonly ScoredPassage[], lexical: Pick<LexicalIndex, 'idf'>): Array<Record<string, number>> {
  const analysis = analyzeQuestion(question, lexical);
  const ordered = analysis.terms.map(({ term, idf }) => ({ term, idf }));
  const rows = candidates.map((c) => {
    let at = bySentence.get(c.passage.text);
    if (!at) bySentence.set(c.passage.text, (at = sentencePositions(c.passage.text)));
    return {
      pairsOrdered: pairOverlap(ordered, at.exact),
      pairsAny: pairOverlap(ordered, at.exact, false),
      pairsAny2: pairOverlap(ordered, at.exact, false, 2),
      pairsAny5: pairOverlap(ordered, at.exact, false, 5),
      compactness: spanCompactness(ordered, at.exact),
      orderedCoverage: orderedCoverage(ordered, at.exact),
      windowCoverage: windowCoverage(ordered, at.exact),
      pairsSoft: softPairOverlap(analysis.terms, at.exact, at.related, SOFT_MATCH_CREDIT),
      pairsSoftAny: softPairOverlap(analysis.terms, at.exact, at.related, SOFT_MATCH_CREDIT, false),
      verbPairs: verbPairOverlap(analysis, at.exact, at.related, SOFT_MATCH_CREDIT),
    } as Record<string, number>;
  });
  const gap = (name: string, from: string) => {
    const best = Math.max(...rows.map((r) => r[from]!));
    for (const r of rows) r[name] = r[from]! - best;
  };
  gap('pairsOrderedGap', 'pairsOrdered');
  gap('pairsAnyGap', 'pairsAny');
  gap('pairsSoftGap', 'pairsSoft');
  gap('pairsSoftAnyGap', 'pairsSoftAny');
  gap('windowCoverageGap', 'windowCoverage');
  gap('verbPairsGap', 'verbPairs');
  return rows;
}
