import readline from 'node:readline';
import { loadConfig } from '../config.js';
import { isUserError } from '../errors.js';
import { createQaService } from '../qa-service.js';
import type { ClaimCheck, ClaimResult, QaService } from '../types.js';
import { createProgress } from './progress.js';

export interface CheckOptions {
  json?: boolean;
  jsonl?: boolean;
}

const VERDICT_LABELS: Record<ClaimResult['verdict'], string> = {
  supported: 'Supported by the article',
  contradicted: 'Contradicted by the article',
  not_mentioned: 'Not mentioned in the article',
  cant_tell: "Can't tell — read these",
};

/** `npm run check -- "claim"`: whether the articles back it, with the deciding quote. */
export async function runCheck(words: string[], options: CheckOptions): Promise<number> {
  const progress = createProgress('Building the index');
  const service = await createQaService({ config: loadConfig(), onNotice: (message) => console.error(message), onProgress: progress.update });
  progress.stop();
  try {
    if (options.jsonl) return await checkLines(service);
    const result = await checkOne(service, words.join(' '));
    if ('error' in result) {
      if (options.json) console.log(JSON.stringify(result));
      else console.error(result.error);
      return 1;
    }
    console.log(options.json ? JSON.stringify(checkToJson(result)) : formatCheck(result));
    return 0;
  } finally {
    await service.close();
  }
}

async function checkLines(service: QaService): Promise<number> {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let failures = 0;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const result = await checkOne(service, line);
    if ('error' in result) failures++;
    console.log(JSON.stringify('error' in result ? result : checkToJson(result)));
  }
  return failures > 0 ? 1 : 0;
}

async function checkOne(service: QaService, claim: string): Promise<ClaimCheck | { claim: string; error: string }> {
  try {
    return await service.check(claim);
  } catch (error) {
    if (isUserError(error)) return { claim, error: error.detail };
    throw error;
  }
}

function resultToJson(result: ClaimResult) {
  return {
    claim: result.claim,
    verdict: result.verdict,
    confidence: result.confidence,
    ...(result.differs ? { differs: result.differs } : {}),
    deciding: result.deciding,
    citations: result.citations.map(({ n, article, id, quote, score }) => ({ n, article, id, quote, score })),
  };
}

/** The relied-on JSON contract: claim, verdict, citations (the first `deciding` decide it), parts. */
export function checkToJson(check: ClaimCheck) {
  return { ...resultToJson(check), parts: check.parts.map(resultToJson) };
}

export function formatCheck(check: ClaimCheck): string {
  const results = check.parts.length ? check.parts : [check];
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`${VERDICT_LABELS[result.verdict]}: “${result.claim}”${result.differs ? ` (${result.differs})` : ''}`);
    result.citations.forEach((c, i) => {
      const role = i < result.deciding ? 'deciding' : 'related';
      lines.push(`  [${c.n}] “${c.quote}”`, `      — ${c.article}, ${c.id} (${role}, score ${c.score.toFixed(2)})`);
    });
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}
