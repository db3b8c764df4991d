/**
 * Retrieval over a scope: the whole collection's store when the scope is every article, else a small corpus of the
 * scope's passages only (exact cosine + its own BM25), so another article's sentences never crowd a channel's
 * answer and term weights are those of the articles asked about, as the answer model was fitted.
 */
import { LexicalIndex } from '../index/lexical-index.js';
import { createEmbeddedStore, type PassageStore } from '../index/passage-store.js';
import type { Passage } from '../types.js';
import { ExactVectors } from './exact-vectors.js';

export interface ScopedStore {
  store: PassageStore;
  /** The passages this store ranks, in its label order (the answer model reads article context from them). */
  passages: readonly Passage[];
}

/** Scopes kept per generation; a server has few channel scopes, and a miss costs one small corpus build. */
const CACHED_SCOPES = 32;

/**
 * `vectorOf(label)` reads a passage's stored vector by its label in the full collection; without it (a database
 * store), a narrowed scope filters the full store's candidates instead.
 */
export function createScopedStores(full: PassageStore, passages: readonly Passage[], vectorOf?: (label: number) => number[]) {
  const cache = new Map<string, ScopedStore>();
  const everything: ScopedStore = { store: full, passages };
  // Asked per question: the articles, not every passage (200k at scale), are held against the scope.
  const indexed = [...new Set(passages.map((p) => p.article))];

  return function storeFor(articleIds: ReadonlySet<string>): ScopedStore {
    if (indexed.every((article) => articleIds.has(article))) return everything;
    const key = [...articleIds].sort().join('\n');
    let scoped = cache.get(key);
    if (!scoped) {
      scoped = vectorOf ? subCorpus(passages, articleIds, vectorOf) : filtered(full, passages, articleIds);
      if (cache.size >= CACHED_SCOPES) cache.delete(cache.keys().next().value!);
      cache.set(key, scoped);
    }
    return scoped;
  };
}

function subCorpus(passages: readonly Passage[], articleIds: ReadonlySet<string>, vectorOf: (label: number) => number[]): ScopedStore {
  const labels = passages.flatMap((p, label) => (articleIds.has(p.article) ? [label] : []));
  const subset = labels.map((label) => passages[label]!);
  const corpus = { passages: subset, vectors: new ExactVectors(labels.map(vectorOf)), lexical: LexicalIndex.build(subset) };
  return { store: createEmbeddedStore(corpus), passages: subset };
}

/** How many more candidates to ask a store for when some will be filtered out. */
const FILTER_WIDENING = 10;

function filtered(full: PassageStore, passages: readonly Passage[], articleIds: ReadonlySet<string>): ScopedStore {
  return {
    passages: passages.filter((p) => articleIds.has(p.article)),
    store: {
      async candidates(question, vector, limit, options) {
        const found = await full.candidates(question, vector, limit * FILTER_WIDENING, options);
        return { ...found, passages: found.passages.filter((c) => articleIds.has(c.passage.article)).slice(0, limit) };
      },
      // The full store is the generation's own; it closes with the generation, not with a scope.
      close: async () => {},
    },
  };
}
