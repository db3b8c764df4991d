/** Every failure a user can cause or meet has a code and a message that says what to do. */
export const ERROR_MESSAGES = {
  EMPTY_QUESTION: 'Ask a question: the text was empty.',
  ONLY_MENTIONS: 'Mentions alone are not a question: ask in words what you want to know about the article.',
  QUESTION_TOO_LONG: 'That question is too long: at most {max} characters, and it has {length}.',
  NO_ARTICLES: 'No articles found in {dir}: add .txt or .md files there and run `npm run ingest`.',
  ARTICLES_DIR_MISSING: 'The articles folder {dir} does not exist.',
  BAD_ARTICLE: '{file}: {reason}',
  INDEX_MISSING: 'No index in {dir}; run `npm run ingest`.',
  INDEX_CORRUPT: 'The index in {dir} is unreadable ({reason}); it will be rebuilt.',
  INDEX_MODEL_MISMATCH:
    'The index in {dir} was built with {built}, but the configured model is {configured}; it will be rebuilt.',
  INDEX_WRITE_FAILED: 'Could not write the index in {dir} ({reason}); the previous index is unchanged. Fix that (e.g. free disk space) and run `npm run ingest` again.',
  INDEX_LOCKED: 'Another ingest is running on {dir} (lock held by pid {pid}); try again when it finishes.',
  BAD_CONFIG: 'Invalid setting {name}: {reason}. See .env.example.',
  MODEL_LOAD_FAILED: 'Could not load the embedding model {model}: {reason}',
  EMPTY_TEXT_TO_EMBED: 'Cannot embed an empty text.',
  URL_REFUSED: 'Not fetching {url}: {reason}',
  ARTICLE_REFUSED: 'Cannot add {source} as an article: {reason}',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export class FootnoteError extends Error {
  readonly code: ErrorCode;
  /** The message without the `Footnote: ` prefix, for showing to users inside other text. */
  readonly detail: string;
  constructor(code: ErrorCode, params: Record<string, string | number> = {}, options?: { cause?: unknown }) {
    const message = ERROR_MESSAGES[code].replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`));
    super(`Footnote: ${message}`, options);
    this.name = 'FootnoteError';
    this.code = code;
    this.detail = message;
  }
}

export function isFootnoteError(error: unknown, code?: ErrorCode): error is FootnoteError {
  return error instanceof FootnoteError && (code === undefined || error.code === code);
}

/** What the user typed can be fixed by the user: shown to them as it is, and not logged as a failure of ours. */
const USER_ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['EMPTY_QUESTION', 'ONLY_MENTIONS', 'QUESTION_TOO_LONG', 'URL_REFUSED', 'ARTICLE_REFUSED']);

export function isUserError(error: unknown): error is FootnoteError {
  return error instanceof FootnoteError && USER_ERROR_CODES.has(error.code);
}
