import { boundedMemo } from '../bounded-memo.js';
import { tokenize } from '../index/lexical-index.js';
import { properNounOnly } from '../retrieval/wordnet.js';
import type { ScoredPassage } from '../types.js';
import type { ArticleContext } from './article-context.js';
import { isCommonWord } from './phrase-names.js';

/**
 * With several articles loaded, the articles of a question's candidates that cannot be what it asks about: the
 * question names someone or something ("How much prize money did Hannah Drozdowski receive?"), another candidate's
 * article uses every one of those names, and this article uses none of them. A question that names Drozdowski is not
 * answered by a bakery article's "The prize comes with $25,000 in cash…". Nothing is set aside when no article
 * uses the names (`nameUnknown` weighs that) or when the candidates come from one article.
 */
export function articlesNamedElsewhere(question: string, candidates: readonly ScoredPassage[], context: ArticleContext | undefined): ReadonlySet<string> {
  const articles = new Set(candidates.map((c) => c.passage.article));
  if (!context || articles.size < 2) return NONE;
  const names = questionNames(question);
  if (names.length === 0) return NONE;
  const uses = new Map([...articles].map((article) => [article, named(context, article, names)]));
  if (![...uses.values()].some((count) => count === names.length)) return NONE;
  return new Set([...uses].filter(([, count]) => count === 0).map(([article]) => article));
}

const NONE: ReadonlySet<string> = new Set();

/** The question's capitalised words after its first, possessive "'s" dropped: the names it may give. */
export function capitalisedWords(question: string): string[] {
  return (question.match(/(?<=\S\s+)[\p{Lu}][\p{L}'’-]*/gu) ?? []).map((word) => word.replace(/['’]s$/, ''));
}

/**
 * The question's capitalised words after its first (a first word is capitalised for starting it) that WordNet does
 * not know, lower-cased: "drozdowski", not "american", which a paraphrase may say of the article's "U.S. international".
 */
function questionNames(question: string): string[] {
  const words = capitalisedWords(question).filter((word) => !isCommonWord(word));
  return [...new Set(words.map((word) => word.toLowerCase()))];
}

/**
 * How many of `names` the article's text holds, kept per context and article. As text, not stems: a name is found
 * as written, and a question meeting twenty new articles at 200k sentences would otherwise tokenize all of them.
 */
function named(context: ArticleContext, article: string, names: readonly string[]): number {
  let byArticle = textByContext.get(context);
  if (!byArticle) textByContext.set(context, (byArticle = new Map()));
  let text = byArticle.get(article);
  if (text === undefined) {
    // Bounded as the other per-context caches are: a server with thousands of articles meets a few per question.
    if (byArticle.size >= ARTICLES_KEPT) byArticle.clear();
    text = context.sentences(article).map((passage) => passage.text).join('\n').toLowerCase();
    byArticle.set(article, text);
  }
  return names.filter((name) => text!.includes(name)).length;
}

const ARTICLES_KEPT = 1_000;
const textByContext = new WeakMap<ArticleContext, Map<string, string>>();

/** Whether WordNet knows a word only as a name, kept per word: most of a new question's words were asked before. */
const nameOnly = boundedMemo(20_000, (word: string) => properNounOnly(word, { acronyms: false }));

/**
 * The stems of the question's words WordNet knows only as names ("Australia", "Jupiter"), capitalised or not; not an
 * acronym, which stands for common words ("MVP" for the article's "Most Valuable Player").
 */
export const properNameStems = boundedMemo(1_000, (question: string): ReadonlySet<string> => {
  const words = question.toLowerCase().match(/\p{L}+/gu) ?? [];
  return new Set(words.filter((word) => nameOnly(word)).flatMap((word) => tokenize(word)));
});
