import readline from 'node:readline';
import { loadConfig } from '../config.js';
import { isUserError } from '../errors.js';
import { createQaService } from '../qa-service.js';
import type { Answer, ArticleScope, QaService } from '../types.js';
import { LACKED } from '../answer/decide.js';
import { createProgress } from './progress.js';

export interface AskOptions {
  json?: boolean;
  jsonl?: boolean;
  /** Article ids to answer from (`--article`, repeatable); every article when none. */
  article?: string[];
}

export async function runAsk(words: string[], options: AskOptions): Promise<number> {
  const progress = createProgress('Building the index');
  const service = await createQaService({
    config: loadConfig(),
    onNotice: (message) => console.error(message),
    onProgress: progress.update,
    // A stream of questions may run for long: new or edited article files are picked up as it goes.
    watch: options.jsonl === true,
  });
  progress.stop();
  try {
    const scope = options.article?.length ? { articles: options.article } : undefined;
    const unknown = scopeProblem(service, options.article);
    if (unknown) {
      if (options.json) console.log(JSON.stringify({ question: words.join(' '), error: unknown }));
      else console.error(unknown);
      return 1;
    }
    if (options.jsonl) return await answerLines(service, scope);
    const question = words.join(' ');
    const result = await answerOne(service, question, scope);
    if ('error' in result) {
      if (options.json) console.log(JSON.stringify(result));
      else console.error(result.error);
      return 1;
    }
    console.log(options.json ? JSON.stringify(toJson(result)) : formatAnswer(result, process.stdout.isTTY, titlesOf(service)));
    return 0;
  } finally {
    await service.close();
  }
}

/** One JSON object per non-empty input line; a bad line yields an `error` object and the stream goes on. */
async function answerLines(service: QaService, scope?: ArticleScope): Promise<number> {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let failures = 0;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const result = await answerOne(service, line, scope);
    if ('error' in result) failures++;
    console.log(JSON.stringify('error' in result ? result : toJson(result)));
  }
  return failures > 0 ? 1 : 0;
}

function titlesOf(service: QaService): Map<string, string> {
  return new Map(service.about().articles.flatMap((a) => (a.title ? [[a.id, a.title] as const] : [])));
}

/** An `--article` id the index does not have, said with the ids it does have. */
function scopeProblem(service: QaService, ids: string[] | undefined): string | undefined {
  const known = service.about().articles.map((a) => a.id);
  const unknown = (ids ?? []).filter((id) => !known.includes(id));
  if (unknown.length === 0) return undefined;
  return `No article ${unknown.map((id) => `"${id}"`).join(', ')}; the articles are: ${known.join(', ')}.`;
}

async function answerOne(service: QaService, question: string, scope?: ArticleScope): Promise<Answer | { question: string; error: string }> {
  try {
    return await service.ask(question, scope);
  } catch (error) {
    if (isUserError(error)) return { question, error: error.detail };
    throw error;
  }
}

/**
 * The relied-on JSON contract: exactly these fields; `phrase` (the answering words inside `quote`) only when found, and
 * `lede` only for an article's opening sentence quoted for a question about the whole article.
 */
export function toJson(answer: Answer) {
  return {
    question: answer.question,
    answered: answer.answered,
    citations: answer.citations.map(({ n, article, id, quote, score, phrase, lede, speakerOf }) => ({
      n,
      article,
      id,
      quote,
      score,
      ...(phrase ? { phrase: { start: phrase.start, end: phrase.end, text: quote.slice(phrase.start, phrase.end) } } : {}),
      ...(lede ? { lede } : {}),
      ...(speakerOf ? { speakerOf } : {}),
    })),
  };
}

/** A readable answer; matched words in bold and the answer phrase underlined when the terminal can show it. */
export function formatAnswer(answer: Answer, color = false, titles: ReadonlyMap<string, string> = new Map()): string {
  const refusal = answer.articles ? `None of the ${answer.articles} articles says (--article <id> asks one alone).` : "The article doesn't say.";
  const lacking = answer.lacks ? ` None of the closest passages gives a ${LACKED[answer.lacks]}.` : '';
  const lines = [answer.answered ? answer.question : `${refusal}${lacking} Closest passages to "${answer.question}":`, ''];
  for (const c of answer.citations) {
    lines.push(`[${c.n}] “${color ? styleQuote(c.quote, c.highlights, c.phrase) : c.quote}”`);
    // The article by its title, with the id that `--article` and `/source article:id` take.
    const title = titles.get(c.article);
    lines.push(`    — ${title ? `${title} (${c.article})` : c.article}, ${c.id} (${c.lede ? 'its opening sentence' : c.speakerOf ? `who says [${c.speakerOf}]` : `score ${c.score.toFixed(2)}`})`);
  }
  return lines.join('\n');
}

function styleQuote(quote: string, bold: Array<[number, number]>, phrase?: { start: number; end: number }): string {
  const cuts = new Set([0, quote.length, ...bold.flat(), ...(phrase ? [phrase.start, phrase.end] : [])]);
  const points = [...cuts].sort((a, b) => a - b);
  let out = '';
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i]!, points[i + 1]!];
    const isBold = bold.some(([start, end]) => from >= start && to <= end);
    const isPhrase = phrase !== undefined && from >= phrase.start && to <= phrase.end;
    const text = quote.slice(from, to);
    out += isBold || isPhrase ? `${isBold ? '\x1b[1m' : ''}${isPhrase ? '\x1b[4m' : ''}${text}\x1b[0m` : text;
  }
  return out;
}
