import MiniSearch from 'minisearch';
import lemmatizer from 'wink-lemmatizer';
import stem from 'wink-porter2-stemmer';
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
  return (text.normalize('NFKC').toLowerCase().replace(/[’‘`]/g, "'").match(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu) ?? [])
    .map((word) => word.replace(/'s$/, ''))
    .filter((word) => !STOP_WORDS.has(word))
    .map(normalizeTerm);
}

const termCache = new Map<string, string>();
const TERM_CACHE_LIMIT = 200_000;

function normalizeTerm(word: string): string {
  let term = termCache.get(word);
  if (term === undefined) {
    term = /^[a-z]+$/.test(word) ? stem(lemmatizer.verb(word)) : word;
    if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
    termCache.set(word, term);
  }
  return term;
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
  label: number;
  score: number;
  /** Query terms found in the passage. */
  terms: string[];
}

/** BM25 over passages (MiniSearch), plus the IDF table used to judge how much of a question the article covers. */
export class LexicalIndex {
  private constructor(
    private readonly search_: MiniSearch<{ id: number; text: string }>,
    private readonly documentFrequency: Map<string, number>,
    private readonly documentCount: number,
  ) {}

  static build(passages: Passage[]): LexicalIndex {
    const search = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], ...MINISEARCH_OPTIONS });
    search.addAll(passages.map((passage, id) => ({ id, text: passage.text })));
    const frequency = new Map<string, number>();
    for (const passage of passages) {
      for (const term of new Set(tokenize(passage.text))) frequency.set(term, (frequency.get(term) ?? 0) + 1);
    }
    return new LexicalIndex(search, frequency, passages.length);
  }

  /** The index as stored next to the HNSW graph, so a start loads it instead of re-tokenizing every passage. */
  serialize(): string {
    const stored: StoredLexical = {
      version: LEXICAL_FORMAT_VERSION,
      documentCount: this.documentCount,
      documentFrequency: [...this.documentFrequency],
      search: this.search_.toJSON(),
    };
    return JSON.stringify(stored);
  }

  /** Reads what `serialize` wrote; throws when it is not that (the caller treats the generation as corrupt). */
  static deserialize(json: string): LexicalIndex {
    const stored = JSON.parse(json) as StoredLexical;
    if (stored?.version !== LEXICAL_FORMAT_VERSION) throw new Error(`lexical index format ${String(stored?.version)}, expected ${LEXICAL_FORMAT_VERSION}`);
    const search = MiniSearch.loadJS<{ id: number; text: string }>(stored.search, { fields: ['text'], ...MINISEARCH_OPTIONS });
    return new LexicalIndex(search, new Map(stored.documentFrequency), stored.documentCount);
  }

  get size(): number {
    return this.documentCount;
  }

  /** Inverse document frequency; a term the articles never use weighs the most. */
  idf(term: string): number {
    return inverseDocumentFrequency(this.documentCount, this.documentFrequency.get(term) ?? 0);
  }

  search(query: string, limit: number): LexicalHit[] {
    if (queryTerms(query).distinct.length === 0) return [];
    // MiniSearch tokenizes the raw query itself; stemming already-stemmed terms again would miss ("defens" → "defen").
    return this.search_
      .search(query)
      .slice(0, limit)
      .map((result) => ({ label: result.id as number, score: result.score, terms: result.terms }));
  }

  /** Share of the question's IDF mass found in the passage: 1 when every content word occurs there. */
  coverage(query: string, matchedTerms: Iterable<string>): number {
    return idfCoverage(query, matchedTerms, (term) => this.idf(term));
  }
}

/** Bumped when the tokenizer or the stored shape changes, so an index stored by another version is not trusted. */
const LEXICAL_FORMAT_VERSION = 1;

interface StoredLexical {
  version: number;
  documentCount: number;
  documentFrequency: Array<[string, number]>;
  search: ReturnType<MiniSearch['toJSON']>;
}

const MINISEARCH_OPTIONS = {
  tokenize: (text: string) => tokenize(text),
  processTerm: (term: string) => term,
  searchOptions: { combineWith: 'OR' as const, prefix: false, fuzzy: false },
};
