import { createRequire } from 'node:module';
import type compromise from 'compromise';

type Compromise = typeof compromise;
let tagger: Compromise | undefined;

/**
 * compromise (the English part-of-speech tagger), loaded on first use and from its one-file CommonJS build. Its
 * ES-module entry is some 450 source files: importing it cost every start about 0.5 s before the first question.
 * The CommonJS build is the same release of the same code (identical tags and offsets on 2,521 news sentences and
 * questions), loads in about half the time, and now only the first sentence tagged pays for it.
 */
export function nlp(text: string): ReturnType<Compromise> {
  tagger ??= createRequire(import.meta.url)('compromise') as Compromise;
  return tagger(text);
}
