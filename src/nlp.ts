import { createRequire } from 'node:module';
import type compromise from 'compromise';

type Compromise = typeof compromise;
let tagger: Compromise | undefined;
let tagHooks: string[] | undefined;

function load(): Compromise {
  tagger ??= createRequire(import.meta.url)('compromise') as Compromise;
  return tagger;
}

/**
 * compromise (the English part-of-speech tagger), loaded on first use and from its one-file CommonJS build. Its
 * ES-module entry is some 450 source files: importing it cost every start about 0.5 s before the first question.
 * The CommonJS build is the same release of the same code (identical tags and offsets on 2,521 news sentences and
 * questions), loads in about half the time, and now only the first sentence tagged pays for it.
 */
export function nlp(text: string): ReturnType<Compromise> {
  return load()(text);
}

/**
 * The same document with its part-of-speech tags only: compromise's pipeline without the two steps that run after
 * or beside the tagger (the chunker, which groups tagged words into phrases, and typeahead, which completes
 * prefixes from a user lexicon we never fill). For matching tags (`#Verb`) it is the same; about a fifth faster
 * on a question. `bench/tags-only-check.ts` compares the two over every question we have.
 */
export function tagWords(text: string): ReturnType<Compromise> {
  const tagged = load();
  const world = tagged.world() as { hooks: string[] };
  const full = world.hooks;
  tagHooks ??= full.filter((hook) => hook !== 'chunks' && hook !== 'typeahead');
  // compromise reads the hooks from its world on each call; the call is synchronous, so nothing else sees the swap.
  world.hooks = tagHooks;
  try {
    return tagged(text);
  } finally {
    world.hooks = full;
  }
}

/** A match pattern parsed once, for a pattern run on every question (compromise parses a string one on each call). */
export function parseMatch(pattern: string): ReturnType<Compromise['parseMatch']> {
  return load().parseMatch(pattern);
}
