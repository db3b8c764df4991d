import { lemmatizer } from '../lemmatizer.js';
import { boundedMemo } from '../bounded-memo.js';
import { tokenize, usedStems, type LexicalIndex } from '../index/lexical-index.js';
import { relatedWords } from '../retrieval/wordnet.js';
import type { Passage, ScoredPassage } from '../types.js';
import { askedType, novelSpans, questionVerbs, type AnswerType } from './answer-types.js';
import type { ArticleContext } from './article-context.js';
import { askedFullNames, namesSomeoneElse, type FullName } from './someone-else.js';
import { articleFocus } from './article-focus.js';
import { askedForName, mentionsUnnamed } from './unnamed.js';
import { articlesNamedElsewhere, capitalisedWords, properNameStems } from './named-elsewhere.js';
import { passageRef } from '../article/ref.js';
import { BYLINE_CONTEXT } from '../article/segment.js';

/**
 * The signals the answer model weighs, each per candidate sentence. Absolute ones (cosine, coverage) tell whether
 * the article answers at all; relative ones (gap to the best cosine, share of the best BM25) rank within a question.
 * All are encoder-agnostic in shape; their weights are fitted per model (`npm run calibrate`).
 */
export const FEATURE_NAMES = [
  'dense',
  'denseGap',
  'denseRank',
  'fused',
  'lexicalShare',
  'coverage',
  'softCoverage',
  'contextCoverage',
  'previousCoverage',
  'verbCoverage',
  'questionKnown',
  'nameUnknown',
  'typeFound',
  'typeMissing',
  'figureMissing',
  'articleFocus',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
/**
 * `setAside`, `sharesNothing` and `unnamed` are rules' marks, not weights: a sentence set aside (below) ranks last and
 * answers nothing; one sharing no word with the question, even through WordNet, answers nothing, nor one that speaks
 * of whoever a question asks the name of without naming them (`unnamed.ts`, `decide.ts`).
 */
export type Features = Record<FeatureName, number> & { setAside?: number; sharesNothing?: number; unnamed?: number };

export interface QuestionAnalysis {
  question: string;
  /** Content terms (stems) with their IDF in the index. */
  terms: Array<{ term: string; idf: number; related: Set<string> }>;
  /** The question's own verbs ("leads", "floated"), which carry the relation asked about. */
  verbs: QuestionAnalysis['terms'];
  type?: AnswerType;
  /** Share of the question's content words the index uses at all (or a WordNet relation of them): low for off-topic questions. */
  known: number;
  /** 1 when the question names something (a capitalised word after its first) that no loaded article mentions. */
  nameUnknown: number;
  /** The people the question names by given name and surname. */
  people: FullName[];
}

/** Credit for a question word met only through a WordNet synonym or hypernym, relative to the word itself. */
export const SOFT_MATCH_CREDIT = 0.7;

export interface AnalysisOptions {
  /**
   * Whether figures ("1985", "24") count among the question's terms, as they do for a question ("What happened in
   * 1985?"). A claim's figures are aligned with the sentence's on their own (`src/claims/`), so a claim leaves them out.
   */
  figures?: boolean;
}

export function analyzeQuestion(question: string, lexical: Pick<LexicalIndex, 'idf'>, options: AnalysisOptions = {}): QuestionAnalysis {
  const inIndex = usedStems(lexical);
  // A name no article uses is not met by what WordNet files it under: "What is the capital of Australia?" by "…runs
  // 23 hotels across the country".
  const unmet = (term: string) => !inIndex(term) && properNameStems(question).has(term);
  const terms = [...questionWordTerms(question, options.figures ?? true)].map(([term, related]) => ({ term, idf: lexical.idf(term), related: unmet(term) ? new Set<string>() : related }));
  const verbStems = new Set(questionVerbStems(question));
  const known = terms.length === 0 ? 0 : terms.filter((t) => inIndex(t.term) || [...t.related].some(inIndex)).length / terms.length;
  // "Who is the Prime Minister of Canada?" asked of articles that never say "Canada": the name cannot be met by a
  // paraphrase the way a common word can, so it weighs apart from `known`.
  const names = capitalisedWords(question).flatMap((word) => tokenize(word));
  const nameUnknown = names.some((stem) => !inIndex(stem)) ? 1 : 0;
  return { question, terms, verbs: terms.filter((t) => verbStems.has(t.term)), type: askedType(question), known, nameUnknown, people: askedFullNames(question) };
}

/**
 * The question's verbs as stems, kept for the last thousand questions: tagging a question with compromise is about a
 * fifth of a warm answer at 200k sentences, and a server is asked the same question again (a re-run, a second
 * asker, the playground's retries). A question is a short string and its verbs a few stems, so the bound is cheap.
 */
const QUESTION_CACHE_LIMIT = 1_000;
const questionVerbStems = boundedMemo(QUESTION_CACHE_LIMIT, (question): readonly string[] => questionVerbs(question).flatMap((word) => tokenize(word)));

let lastQuestion: { question: string; figures: boolean; terms: Map<string, Set<string>> } | undefined;

/**
 * Each content word's term, with the stems WordNet relates to the word. The store asks for them (`weighedStems`)
 * and then the answer model (`analyzeQuestion`), so the last question's are kept; callers only read them.
 */
function questionWordTerms(question: string, figures = true): Map<string, Set<string>> {
  if (lastQuestion?.question !== question || lastQuestion.figures !== figures) lastQuestion = { question, figures, terms: wordTerms(question, figures) };
  return lastQuestion.terms;
}

function wordTerms(question: string, figures: boolean): Map<string, Set<string>> {
  const words = question.toLowerCase().replace(/[’‘`]/g, "'").match(figures ? /[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu : /[\p{L}]+(?:'[\p{L}]+)*/gu) ?? [];
  const byTerm = new Map<string, Set<string>>();
  for (const word of words) {
    const [term] = tokenize(word);
    if (term === undefined) continue;
    const related = byTerm.get(term) ?? new Set<string>();
    for (const stem of relatedStems(word)) related.add(stem);
    byTerm.set(term, related);
  }
  return byTerm;
}

/**
 * Every stem `analyzeQuestion` reads the IDF of: the question's terms and their WordNet relations. A store that
 * fetches term statistics per question (a database) must fetch these, or a related word the articles do use would
 * look unseen and the question less on-topic than it is.
 */
export function weighedStems(question: string): string[] {
  return [...new Set([...questionWordTerms(question)].flatMap(([term, related]) => [term, ...related]))];
}

export interface PassageTerms {
  exact: Set<string>;
  /** Stems WordNet relates to the passage's words: "president" brings "head" (of state), "landed" brings "arrive". */
  related: Set<string>;
}

/**
 * Terms per sentence, within an article context by citation ref (a database store hands back fresh passage objects
 * for the same sentences each query), else by the passage object itself. Kept for the sentences questions meet, up to
 * `PASSAGE_TERMS_LIMIT` of them, then forgotten all at once, as `boundedMemo` forgets: a sentence's terms and WordNet
 * relations are some kilobytes, and a server with 200k sentences asked new questions all day would otherwise keep
 * them for every sentence ever met (in the 200k bench the heap grew with every new question, without end).
 */
export const PASSAGE_TERMS_LIMIT = 10_000;
let passageTermsLimit = PASSAGE_TERMS_LIMIT;

/** Sets how many sentences' terms a context keeps (tests use a small one); returns the previous limit. */
export function limitPassageTerms(limit: number): number {
  const previous = passageTermsLimit;
  passageTermsLimit = limit;
  return previous;
}

/** How many sentences' terms `context` holds now. */
export function passageTermsHeld(context: ArticleContext): number {
  return byContext.get(context)?.held ?? 0;
}

/** The terms one context keeps (or, without a context, the terms kept by passage object alone), and their bound. */
class ContextTerms {
  /** Sentences whose terms were built since the last reset. */
  held = 0;
  byRef = new Map<string, TermLookup>();
  /** The same terms by passage object, asked first: an embedded store hands back the same objects every question,
   * and a ref is a fresh string per lookup (some 120 per question, a share of an answer's garbage). */
  byObject = new WeakMap<Passage, TermLookup>();
  windows = new WeakMap<Passage, TermLookup>();

  /** Makes room for one more sentence's terms. */
  room(): void {
    if (this.held < passageTermsLimit) return;
    this.held = 0;
    this.byRef = new Map();
    this.byObject = new WeakMap();
    this.windows = new WeakMap();
  }
}
const byContext = new WeakMap<ArticleContext, ContextTerms>();
// Without a context a ref names a sentence in no one article (every article has a 1.1), so only objects are keys.
const withoutContext = new ContextTerms();

function contextTerms(context: ArticleContext): ContextTerms {
  let cache = byContext.get(context);
  if (!cache) byContext.set(context, (cache = new ContextTerms()));
  return cache;
}

function passageTerms(passage: Passage, context?: ArticleContext): TermLookup {
  const cache = context ? contextTerms(context) : withoutContext;
  let terms = cache.byObject.get(passage);
  if (terms) return terms;
  const key = context ? passageRef(passage) : undefined;
  terms = key === undefined ? undefined : cache.byRef.get(key);
  if (!terms) {
    cache.room();
    terms = buildPassageTerms(passage, context);
    cache.held++;
    if (key !== undefined) cache.byRef.set(key, terms);
  }
  cache.byObject.set(passage, terms);
  return terms;
}

function buildPassageTerms(passage: Passage, context?: ArticleContext): TermLookup {
  const words = textWords(passage.text);
  const exact = exactTerms(passage.text, words);
  const sets = new Set<ReadonlySet<string>>();
  for (const word of words) sets.add(relatedSet(word));
  // The roles the article gives the names here count as related words: "Peskov" is the "Kremlin spokesman".
  for (const word of context?.descriptors(passage) ?? []) sets.add(descriptorSet(word));
  sets.delete(NO_STEMS);
  return { exact, related: new RelatedStems([...sets]) };
}

/**
 * The stems WordNet relates to a sentence's words, looked up in each word's own set: the same answers as one union
 * per sentence, which cost a set of some hundreds of stems per sentence met (most of a new candidate's cost, and of
 * the cache's size, at 200k sentences).
 */
class RelatedStems {
  constructor(private readonly sets: ReadonlyArray<ReadonlySet<string>>) {}

  has(stem: string): boolean {
    for (const set of this.sets) if (set.has(stem)) return true;
    return false;
  }
}

const NO_STEMS: ReadonlySet<string> = new Set();

/** A text's words, lower-cased, as every term list here reads them. */
function textWords(text: string): string[] {
  return text.toLowerCase().replace(/[’‘`]/g, "'").match(/[\p{L}]+(?:'[\p{L}]+)*/gu) ?? [];
}

/** A text's own terms and the stems WordNet relates to its words, with the words they came from (fresh sets). */
export function textTerms(text: string): PassageTerms & { words: string[] } {
  const words = textWords(text);
  const related = new Set(words.flatMap((word) => relatedStems(word)));
  return { exact: exactTerms(text, words), related, words };
}

/** A text's own stems and its words' lemmas: irregular forms meet their lemma exactly ("led" is "lead", "won" "win"). */
function exactTerms(text: string, words: readonly string[]): Set<string> {
  // Added in place rather than spread into one array first: the same set, without two throwaway arrays per sentence.
  const exact = new Set(tokenize(text));
  for (const word of words) for (const stem of lemmaStems(word)) exact.add(stem);
  return exact;
}

/** What `softCoverage` asks of a text's terms: whether it holds a stem, exactly or through WordNet. */
export interface TermLookup {
  exact: { has(stem: string): boolean };
  related: { has(stem: string): boolean };
}

/**
 * A sentence's terms together with its neighbours': a stem is there when any of the three sentences has it. Looked up
 * in each sentence's own sets rather than copied into a union per sentence, which cost more than the lookups and
 * kept a third set per sentence ever met.
 */
function windowTerms(passage: Passage, context: ArticleContext | undefined): TermLookup {
  if (!context) return passageTerms(passage);
  // A sentence's neighbours are fixed within a context, so its window is too: built once per passage object.
  const cache = contextTerms(context);
  let window = cache.windows.get(passage);
  // Built before it is stored: building may make room, and so replace the map.
  if (!window) {
    window = buildWindowTerms(passage, context);
    cache.windows.set(passage, window);
  }
  return window;
}

function buildWindowTerms(passage: Passage, context: ArticleContext): TermLookup {
  const own = passageTerms(passage, context);
  const neighbours = context.neighbours(passage);
  if (neighbours.length === 0) return own;
  const all = [own, ...neighbours.map((neighbour) => passageTerms(neighbour, context))];
  return {
    exact: { has: (stem) => all.some((terms) => terms.exact.has(stem)) },
    related: { has: (stem) => all.some((terms) => terms.related.has(stem)) },
  };
}

/**
 * A word's stems are a function of the word alone, and a sentence met for the first time is mostly words met
 * before: worked out per word once, a new candidate's terms cost a few lookups instead of tokenizing every WordNet
 * relation of every word again (most of the re-rank's time at 200k sentences, where candidates are mostly new).
 */
const WORD_CACHE_LIMIT = 100_000;
const perWord = (compute: (word: string) => readonly string[]) => boundedMemo(WORD_CACHE_LIMIT, compute);

const lemmaStems = perWord((word) => {
  const lemmas = new Set([lemmatizer.noun(word), lemmatizer.verb(word), lemmatizer.adjective(word)]);
  lemmas.delete(word);
  return [...lemmas].flatMap((lemma) => tokenize(lemma));
});

const descriptorStems = perWord((word) => [...tokenize(word), ...relatedStems(word)]);

/** The same stems as sets, for `RelatedStems`; fewer words are kept, a set being some times an array's size. */
const WORD_SET_LIMIT = 20_000;
const asSet = (stems: (word: string) => readonly string[]) =>
  boundedMemo(WORD_SET_LIMIT, (word): ReadonlySet<string> => {
    const list = stems(word);
    return list.length === 0 ? NO_STEMS : new Set(list);
  });
const relatedSet = asSet((word) => relatedStems(word));
const descriptorSet = asSet((word) => descriptorStems(word));

const relatedStems = perWord((word) => {
  const [term] = tokenize(word);
  if (term === undefined) return [];
  const lemmas = new Set([word, lemmatizer.noun(word), lemmatizer.verb(word), lemmatizer.adjective(word)]);
  return [...lemmas].flatMap((lemma) => relatedWords(lemma).flatMap((other) => tokenize(other))).filter((stem) => stem !== term);
});

/**
 * Share of the question's IDF mass the sentence holds, counting a WordNet relation either way (question word to
 * sentence word or back) at partial credit.
 */
export function softCoverage(analysis: Pick<QuestionAnalysis, 'terms'>, terms: TermLookup): number {
  let total = 0;
  let found = 0;
  for (const { term, idf, related } of analysis.terms) {
    total += idf;
    if (terms.exact.has(term)) found += idf;
    else if (terms.related.has(term) || someIn(related, terms.exact)) found += SOFT_MATCH_CREDIT * idf;
  }
  return total === 0 ? 0 : found / total;
}

function someIn(stems: ReadonlySet<string>, holder: TermLookup['exact']): boolean {
  for (const stem of stems) if (holder.has(stem)) return true;
  return false;
}

/**
 * How much of the question the sentence before holds. `contextCoverage` credits a sentence and its neighbours alike
 * for a match either holds; fitted, this one takes back part of that credit where the match is the previous
 * sentence's (its weight is negative), so a sentence that restates the question no longer lends it to the next one.
 */
function previousCoverage(analysis: QuestionAnalysis, passage: Passage, context: ArticleContext | undefined): number {
  const previous = context?.previous(passage);
  return previous ? softCoverage(analysis, passageTerms(previous, context)) : 0;
}

/** Features of every candidate; relative ones are taken over this candidate list. */
export function candidateFeatures(analysis: QuestionAnalysis, candidates: ScoredPassage[], context?: ArticleContext): Features[] {
  const bestDense = Math.max(...candidates.map((c) => c.dense));
  const bestLexical = Math.max(0, ...candidates.map((c) => c.lexical));
  const bestFused = Math.max(0, ...candidates.map((c) => c.score));
  const denseOrder = [...candidates].sort((a, b) => b.dense - a.dense);
  const focus = articleFocus(candidates);
  const verbs = { terms: analysis.verbs };
  const elsewhere = articlesNamedElsewhere(analysis.question, candidates, context);
  const named = askedForName(analysis.question);
  return candidates.map((c) => {
    const novel = analysis.type ? novelSpans(analysis.question, c.passage.text, analysis.type).length > 0 : false;
    const soft = softCoverage(analysis, passageTerms(c.passage, context));
    return {
      dense: c.dense,
      denseGap: c.dense - bestDense,
      denseRank: 1 / (1 + denseOrder.indexOf(c)),
      fused: bestFused > 0 ? c.score / bestFused : 0,
      lexicalShare: bestLexical > 0 ? c.lexical / bestLexical : 0,
      coverage: c.coverage,
      softCoverage: soft,
      contextCoverage: softCoverage(analysis, windowTerms(c.passage, context)),
      previousCoverage: previousCoverage(analysis, c.passage, context),
      verbCoverage: softCoverage(analysis.verbs.length > 0 ? verbs : analysis, passageTerms(c.passage, context)),
      typeFound: analysis.type && novel ? 1 : 0,
      typeMissing: analysis.type && !novel ? 1 : 0,
      // Weighed apart from other types: a near question often asks for a count or a sum its article never gives.
      figureMissing: analysis.type === 'number' && !novel ? 1 : 0,
      articleFocus: focus.get(c.passage.article) ?? 0,
      questionKnown: analysis.known,
      nameUnknown: analysis.nameUnknown,
      ...(setAside(analysis, c.passage) || elsewhere.has(c.passage.article) ? { setAside: 1 } : {}),
      ...(soft === 0 && analysis.terms.length > 0 ? { sharesNothing: 1 } : {}),
      ...(named !== undefined && mentionsUnnamed(named, c.passage.text, analysis.question) ? { unnamed: 1 } : {}),
    };
  });
}

/**
 * A sentence that cannot answer the question whatever its words: one about someone else by the surname of a person
 * the question names, when the question asks something of that person and not for a person (`someone-else.ts`: "When
 * did Margaret Ellery die?" against "Arthur Ellery died in 2009.", but "Who did Maeve Brannigan borrow from?" may be
 * answered by "…her husband's brother, Fergal Brannigan"); and a byline, which answers who wrote the article only:
 * not a question about anyone else ("Which analyst commented?"), nor one that names something no article mentions
 * ("Who wrote Hamlet?").
 */
const ASKS_WRITER = /\b(?:wr[io]tes?|writ(?:ten|er|ers|ing)|author(?:s|ed)?|report(?:s|ed|ing|ers?)?|journalists?|correspondents?|byline|editors?|by whom)\b/i;

function setAside(analysis: QuestionAnalysis, passage: Passage): boolean {
  if (passage.context === BYLINE_CONTEXT && (analysis.nameUnknown === 1 || !ASKS_WRITER.test(analysis.question))) return true;
  return analysis.type !== 'person' && analysis.people.length > 0 && namesSomeoneElse(analysis.people, passage.text);
}
