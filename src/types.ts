/** Core data shapes. Everything downstream of `article/` speaks these; nothing here knows about Discord. */

/** One article file as loaded from disk. `text` is the body after front matter, byte-for-byte as in the file. */
export interface Article {
  /** Stable name: the file name without extension, e.g. `000_ce70d124781ea012`. */
  id: string;
  /** Path relative to the articles folder. */
  file: string;
  title?: string;
  url?: string;
  published?: string;
  /** Body text (front matter removed). Passage offsets index into this string. */
  text: string;
  /** sha256 of the whole file, used to detect changes. */
  hash: string;
  /** Paragraphs (1-based) that are section headings: shown with the article, never passages (`segmentArticle`). */
  headings?: number[];
  /**
   * The server that added it (files under `servers/<owner>/` in the articles folder): only that server sees it.
   * Absent for the operator's own articles, which every server sees.
   */
  owner?: string;
}

/** Which articles a question, a ref or a listing may use. Omitted: every article (the operator's view, e.g. the CLI). */
export interface ArticleScope {
  /** The server asking: its own articles and the shared ones; `''` for the shared ones only (a DM). */
  server?: string;
  /** Only these article ids (of those the server sees); omitted: all of them. */
  articles?: readonly string[];
}

/** One sentence of an article: the unit we embed, retrieve and quote. */
export interface Passage {
  /** Article id. */
  article: string;
  /** Citation id `paragraph.sentence`, both 1-based, e.g. `6.2`. */
  id: string;
  paragraph: number;
  sentence: number;
  /** Verbatim sentence: always `article.text.slice(start, end)`. */
  text: string;
  start: number;
  end: number;
  /**
   * What the sentence is that its words do not say: the heading above a section's first sentence ("What was the
   * hardest part?" above "Finding space."), or that a byline names the article's author. Embedded and searched with
   * it, never part of the quote (`sentenceContext`).
   */
  context?: string;
}

export interface ScoredPassage {
  passage: Passage;
  /** Fused relevance, higher is better, in [0, 1]. */
  score: number;
  /** Dense (cosine) similarity in [-1, 1]. */
  dense: number;
  /** Raw BM25 score (0 when the passage had no lexical match). */
  lexical: number;
  /** Share of the question's content words (IDF-weighted) that occur in the passage, in [0, 1]. */
  coverage: number;
  /** Question terms found in the passage, as [start, end) offsets into `passage.text`. */
  highlights: Array<[number, number]>;
  /** The answer model's inputs, set when re-scored (src/answer/features.ts). */
  features?: Record<string, number>;
}

export interface Citation {
  /** 1-based number shown as [n]. */
  n: number;
  article: string;
  id: string;
  /** Verbatim sentence from the source. */
  quote: string;
  score: number;
  /** Offsets of matching words inside `quote`. */
  highlights: Array<[number, number]>;
  /** The phrase that answers (the person for "who", the date for "when"…), as offsets inside `quote`, when found. */
  phrase?: { start: number; end: number };
  /**
   * The article's opening sentence, quoted for a question about the article as a whole ("What is this article
   * about?"); its `score` is then 1, since the article chose it, not the answer model.
   */
  lede?: true;
  /**
   * The citation whose quote this sentence says the speaker of ("…Gareth Llewellyn said…" for '"We had the game in
   * our hands," he said.'); its `score` is that citation's, and `phrase` marks the speaker.
   */
  speakerOf?: number;
}

export interface Answer {
  question: string;
  /** False when the article does not answer; `citations` then holds the closest passages, not an answer. */
  answered: boolean;
  citations: Citation[];
  /** How many articles a question none of them answers was asked of, when more than one. */
  articles?: number;
  /**
   * Refused because none of the closest passages gives what was asked: a date or time, a measure, or the name of
   * whoever they mention unnamed ("…supplied by an outside contractor…").
   */
  lacks?: 'date' | 'measure' | 'name';
}

/** A cited sentence shown in the context of its paragraph (for `/source` and "Show context"). */
export interface SourceView {
  passage: Passage;
  /** The whole paragraph, verbatim. */
  paragraph: string;
  /** Offsets of the sentence inside `paragraph`. */
  start: number;
  end: number;
  title?: string;
  url?: string;
}

/** One sentence in an article view, with its offsets inside its paragraph's `text`. */
export interface ArticleSentence {
  /** Citation id `paragraph.sentence`, e.g. `11.1`. */
  id: string;
  /** `article:id`, unique across articles. */
  ref: string;
  start: number;
  end: number;
}

/** A whole article as the index serves it: paragraphs verbatim, each with its sentences' citation ids and offsets. */
export interface ArticleView {
  id: string;
  title?: string;
  url?: string;
  /** In the article's order; a section heading is a paragraph with `heading` set and no sentences (it is never cited). */
  paragraphs: Array<{ n: number; text: string; sentences: ArticleSentence[]; heading?: true }>;
}

export interface AboutInfo {
  articles: Array<{ id: string; title?: string; url?: string; owner?: string; sentences: number }>;
  sentences: number;
  model: string;
  dimensions: number;
  /** ISO time the index was built. */
  builtAt: string;
}

/** What every adapter (CLI, Discord) calls. Core code behind it never imports discord.js. */
export interface QaService {
  /** Extractive answer with citations, or an abstention listing the closest passages. */
  ask(question: string, scope?: ArticleScope): Promise<Answer>;
  /** Top passages with scores, for quick look-ups. */
  search(query: string, limit?: number, scope?: ArticleScope): Promise<ScoredPassage[]>;
  /**
   * Sentence + paragraph for a citation ref within `scope`: `article:6.2`, or `6.2` when exactly one article in scope
   * has that id (undefined when none or several do; `matches` lists them).
   */
  source(ref: string, scope?: ArticleScope): SourceView | undefined;
  /** Every sentence in scope a ref could mean (several for a bare `6.2` that two articles have). */
  matches(ref: string, scope?: ArticleScope): Passage[];
  /** Every sentence of one article, grouped by paragraph, in order; undefined for an unknown article id or one out of scope. */
  article(id: string, scope?: ArticleScope): ArticleView | undefined;
  /** Citation refs whose id or text matches `prefix`, for autocomplete; with several articles, labels name the article. */
  suggest(prefix: string, limit?: number, scope?: ArticleScope): Array<{ ref: string; label: string }>;
  about(scope?: ArticleScope): AboutInfo;
  /**
   * Reads the articles folder again and, when it changed, builds the next generation and swaps it in; questions keep
   * being answered from the current one meanwhile. Calls made while one runs share it (plus one more pass).
   */
  reload(options?: { onProgress?: (done: number, total: number) => void }): Promise<ReloadReport>;
  /** Called after every swap to a new generation (hot reload); returns an unsubscribe function. */
  onReload(listener: (report: ReloadReport) => void): () => void;
  /** Whether the articles back each claim in `text`: supported, contradicted, not mentioned, or can't tell. */
  check(text: string, scope?: ArticleScope): Promise<ClaimCheck>;
  close(): Promise<void>;
}

/** What a reload did: `unchanged` when the folder matched the generation served, `failed` when it could not build. */
export interface ReloadReport {
  status: 'unchanged' | 'swapped' | 'failed';
  /** Why the new generation could not be built (`failed`); the previous one keeps serving. */
  error?: string;
  /** Article ids added, changed and removed by the swap. */
  added: string[];
  changed: string[];
  removed: string[];
  /** Files skipped, with why. */
  problems: Array<{ file: string; reason: string }>;
  /** Passages embedded for this generation (the rest were reused). */
  embedded: number;
  ms: number;
}

/** `cant_tell`: the evidence is too weak either way; the moderator should read the sentences listed. */
export type ClaimVerdict = 'supported' | 'contradicted' | 'not_mentioned' | 'cant_tell';

export interface ClaimResult {
  /** The claim as checked (mentions and control characters removed). */
  claim: string;
  verdict: ClaimVerdict;
  /** The verdict model's probability for `verdict` (for `cant_tell`, for its best guess), in [0, 1]. */
  confidence: number;
  /** The first `deciding` citations decide the verdict; the rest are other relevant sentences. */
  citations: Citation[];
  deciding: number;
  /** For a contradiction, what differs: "the article says about 200, the claim says 500". */
  differs?: string;
}

/** One message checked: its most severe claim's result, and every claim's when the message held several. */
export interface ClaimCheck extends ClaimResult {
  parts: ClaimResult[];
}
