import { questionVerbs } from './answer/answer-types.js';
import { tokenize } from './index/lexical-index.js';
import { relatedWords } from './retrieval/wordnet.js';

/** How long after the service is ready the warm-up runs: the start and its first moments keep both cores. */
export const WARM_UP_AFTER_MS = 1000;

/**
 * Loads, a second after the service is ready, what its first question would otherwise wait for: the lemmatizer,
 * compromise and its match patterns, WordNet's index files. Each is loaded on first use so that a start does not
 * pay for it (`lemmatizer.ts`, `nlp.ts`), but a bot's first question comes seconds after it connects, and then
 * paid some 0.3 s for all three. A question that comes sooner loads them itself, as before. Returns a cancel.
 */
export function warmUpSoon(delayMs = WARM_UP_AFTER_MS): () => void {
  const timer = setTimeout(() => {
    tokenize('Medinsky led the delegation');
    questionVerbs('Who leads the delegation?');
    relatedWords('lead');
  }, delayMs);
  // A process that ends first (a one-off `ask`) does not wait for it.
  timer.unref();
  return () => clearTimeout(timer);
}
