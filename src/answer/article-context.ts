import { tokenize } from '../index/lexical-index.js';
import { passagesByArticle } from '../article/by-article.js';
import { passageRef } from '../article/ref.js';
import type { Passage } from '../types.js';

/**
 * What a sentence means within its article, beyond its own words: its neighbours (a sentence often continues the one
 * before: "He told CNN…"), and what the article calls the people and places it names. News articles introduce a
 * name once with its role ("Russian President Vladimir Putin", "Kremlin spokesman Dmitry Peskov") and then use the
 * name alone, so "the Russian leader's press secretary" can meet a later sentence that says only "Peskov".
 */
export interface ArticleContext {
  /** The sentences before and after `passage` in its article. */
  neighbours(passage: Passage): readonly Passage[];
  /** The sentence before `passage` in its article. */
  previous(passage: Passage): Passage | undefined;
  /** The words (lower-cased) the article uses to describe the names in `passage`. */
  descriptors(passage: Passage): string[];
  /** The article's sentences in reading order (none for an article the context does not hold). */
  sentences(article: string): readonly Passage[];
  /** Works out `article`'s order and names now rather than when a question first meets one of its sentences. */
  prepare(article: string): void;
  /** How many articles' order and names are worked out so far. */
  articlesRead(): number;
}

const contexts = new WeakMap<readonly Passage[], ArticleContext>();

/** Built once per passage list (an index generation) and cached with it. */
export function articleContext(passages: readonly Passage[]): ArticleContext {
  let context = contexts.get(passages);
  if (!context) {
    context = buildContext(passages);
    contexts.set(passages, context);
  }
  return context;
}

function buildContext(passages: readonly Passage[]): ArticleContext {
  const byArticle = passagesByArticle(passages);
  // Each article's order and names are worked out when a question first meets one of its sentences: with
  // thousands of articles loaded, a question's candidates come from a few of them, and a start pays for none.
  const known = new Map<string, { list: Passage[]; at: Map<string, number>; roles: Map<string, Set<string>> }>();
  const ofArticle = (article: string) => {
    let entry = known.get(article);
    if (!entry) {
      const list = [...(byArticle.get(article) ?? [])].sort((a, b) => a.start - b.start);
      // By reference, not object: a database store hands back fresh passage objects for the same sentences.
      entry = { list, at: new Map(list.map((passage, i) => [passageRef(passage), i])), roles: namedRoles(list) };
      known.set(article, entry);
    }
    return entry;
  };
  /** Where `passage` stands in its article's sentence list (`i` undefined when it is not one of them). */
  const position = (passage: Passage) => {
    const { list, at } = ofArticle(passage.article);
    return { list, i: at.get(passageRef(passage)) };
  };
  // Asked for every candidate of every question; kept per passage object, the list it returns is built once.
  const neighbourLists = new WeakMap<Passage, Passage[]>();
  return {
    neighbours(passage) {
      let neighbours = neighbourLists.get(passage);
      if (!neighbours) {
        const { list, i } = position(passage);
        neighbours = i === undefined ? [] : [list[i - 1], list[i + 1]].filter((p): p is Passage => p !== undefined);
        neighbourLists.set(passage, neighbours);
      }
      return neighbours;
    },
    previous(passage) {
      const { list, i } = position(passage);
      return i === undefined ? undefined : list[i - 1];
    },
    descriptors(passage) {
      if (!byArticle.has(passage.article)) return [];
      const names = ofArticle(passage.article).roles;
      const out = new Set<string>();
      for (const name of nameKeys(passage.text)) for (const stem of names.get(name) ?? []) out.add(stem);
      return [...out];
    },
    sentences(article) {
      return byArticle.has(article) ? ofArticle(article).list : [];
    },
    prepare(article) {
      if (byArticle.has(article)) ofArticle(article);
    },
    articlesRead: () => known.size,
  };
}

/** A run of capitalised words, e.g. "Russian President Vladimir Putin"; its last word is the name's key. */
const CAPITALISED_RUN = /(?:\b[\p{Lu}][\p{L}'’.-]*(?:\s+|$)){1,6}/gu;

function nameKeys(text: string): string[] {
  return [...text.matchAll(CAPITALISED_RUN)].map((match) => keyOf(match[0])).filter((key): key is string => key !== undefined);
}

function keyOf(run: string): string | undefined {
  const words = run.trim().split(/\s+/);
  const last = words[words.length - 1]!.replace(/['’]s$/, '').replace(/[.'’-]+$/, '');
  return last.length > 1 ? last.toLowerCase() : undefined;
}

/** Every name in the article with the words around its mentions that describe it (its own run, and a lower-case role word just before it: "spokesman Dmitry Peskov"). */
function namedRoles(list: Passage[]): Map<string, Set<string>> {
  const roles = new Map<string, Set<string>>();
  for (const passage of list) {
    for (const match of passage.text.matchAll(CAPITALISED_RUN)) {
      const words = match[0].trim().split(/\s+/);
      const key = keyOf(match[0]);
      if (key === undefined || words.length < 1) continue;
      const before = passage.text.slice(Math.max(0, match.index - 40), match.index).split(/\s+/).filter(Boolean).slice(-2);
      const describing = [...words.slice(0, -1), ...before.filter((w) => /^[\p{Ll}]/u.test(w))];
      const stems = roles.get(key) ?? new Set<string>();
      for (const word of describing) {
        const clean = word.toLowerCase().replace(/['’]s$/, '').replace(/[^\p{L}-]/gu, '');
        if (clean && clean !== key && tokenize(clean).length > 0) stems.add(clean);
      }
      roles.set(key, stems);
    }
  }
  return roles;
}

export interface ArticlesAhead {
  /** Settles when every article has been read, or reading stopped. */
  readonly done: Promise<void>;
  stop(): void;
}

/** Main-thread time spent reading articles per turn of the event loop, so that an answer waits for at most this. */
const READ_SLICE_MS = 2;

/**
 * Reads every article's order and names ahead of the questions, a slice at a time between answers. A new question at
 * 200k sentences meets some twenty articles, and reading the ones no question met before was a third of the garbage
 * its re-rank left behind and most of its slowest re-ranks (`bench/answer-scale.ts --tag-ahead`). The articles are
 * kept once read either way; this only reads them before a question waits for it.
 */
export function readArticlesAhead(passages: readonly Passage[], options: { delayMs?: number } = {}): ArticlesAhead {
  // Grouped when reading starts, not when the generation opens: at 200k sentences the context and the article list
  // took 35–58 ms, on the way to ready.
  let reading: { context: ArticleContext; articles: string[] } | undefined;
  let next = 0;
  let stopped = false;
  let finish = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  const slice = () => {
    const { context, articles } = (reading ??= { context: articleContext(passages), articles: [...new Set(passages.map((p) => p.article))] });
    const until = performance.now() + READ_SLICE_MS;
    while (!stopped && next < articles.length && performance.now() < until) context.prepare(articles[next++]!);
    if (stopped || next >= articles.length) return finish();
    // Reading ahead keeps no process alive: one that ends before it is done loses nothing.
    setImmediate(slice).unref();
  };
  const timer = setTimeout(slice, options.delayMs ?? 1000);
  timer.unref();
  return {
    done,
    stop() {
      stopped = true;
      clearTimeout(timer);
      finish();
    },
  };
}
