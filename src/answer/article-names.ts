import { nounKind } from '../retrieval/wordnet.js';
import { novelSpans } from './answer-types.js';
import type { ArticleContext } from './article-context.js';

/**
 * The surnames of the people an article names in full: tagged as people ("Ben Marlow"), or introduced by a role the
 * tagger cannot read as one ("Replacement winger Sione Tapueluelu"). News names someone in full once and then by
 * surname alone, often first in a sentence, where a capital says nothing ("Marlow converted and then kicked…"), so a
 * later "Marlow" or "Tapueluelu" is that person. Worked out once per article of a context, when a "who" question
 * first needs it.
 */
export function articleSurnames(context: ArticleContext, article: string): ReadonlySet<string> {
  let known = byContext.get(context);
  if (!known) byContext.set(context, (known = new Map()));
  let names = known.get(article);
  if (!names) known.set(article, (names = surnamesIn(context.sentences(article).map((passage) => passage.text))));
  return names;
}

const byContext = new WeakMap<ArticleContext, Map<string, ReadonlySet<string>>>();

export function surnamesIn(texts: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const text of texts) {
    for (const span of novelSpans('', text, 'person')) {
      const words = text.slice(span.start, span.end).split(/\s+/);
      const role = /([\p{Ll}-]+)\s+$/u.exec(text.slice(0, span.start))?.[1];
      const introduced = role !== undefined && role.split('-').some((part) => nounKind(part) === 'person');
      if (words.length > 1 && (span.strength > 1 || introduced)) out.add(words.at(-1)!.replace(/['’]s$/, ''));
    }
  }
  return out;
}
