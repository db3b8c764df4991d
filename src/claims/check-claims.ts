/** `check(text)`: split a message into claims, gather evidence for each with the same retrieval as `ask`, decide. */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Calibration } from '../answer/abstain.js';
import { articleContext } from '../answer/article-context.js';
import type { ClaimCheck, ClaimResult, Passage, ScoredPassage } from '../types.js';
import { decideClaim } from './decide.js';
import { articleStemSets, CANDIDATES, gatherEvidence, type Evidence, type EvidenceSources } from './evidence.js';
import { sentenceIdf } from './coverage.js';
import { buildNameLexicon } from './names.js';
import { claimBody, splitClaims } from './split-claims.js';
import type { VerdictModel } from './verdict-model.js';

/** Fitted on the labelled development claims by `npm run eval` (`src/eval/claims.ts`). */
export const VERDICT_MODEL_FILE = fileURLToPath(new URL('../../src/claims/verdict-model.json', import.meta.url));

export function loadVerdictModel(file = VERDICT_MODEL_FILE): VerdictModel {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as VerdictModel;
}

/** The order "most severe first" in which a message's verdict is chosen from its claims' verdicts. */
const SEVERITY: ClaimResult['verdict'][] = ['contradicted', 'cant_tell', 'not_mentioned', 'supported'];

export interface ClaimCheckerOptions {
  passages: Passage[];
  calibration: Calibration;
  /** The retrieval `ask` uses: claim text → best passages. */
  search: (text: string, limit: number) => Promise<ScoredPassage[]>;
  model?: VerdictModel;
}

export interface ClaimChecker {
  check(text: string): Promise<ClaimCheck>;
  /** The measured evidence for one claim (no splitting), for fitting and evaluating the verdict model. */
  evidence(claim: string): Promise<Evidence>;
}

export function createClaimChecker(options: ClaimCheckerOptions): ClaimChecker {
  // Tagging every sentence's names takes a while (0.5 s for the seed article, O(sentences)); a start should not pay it.
  let sources: EvidenceSources | undefined;
  const articleSources = (): EvidenceSources =>
    (sources ??= {
      names: buildNameLexicon(options.passages),
      articleStems: articleStemSets(options.passages),
      idf: sentenceIdf(options.passages),
      calibration: options.calibration,
      context: articleContext(options.passages),
    });
  const model = options.model ?? loadVerdictModel();
  // The evidence is for what the claim says ("redmere won the cup" of "so redmere won the cup right?"); the verdict
  // quotes the claim as written.
  const evidence = async (claim: string) => {
    const body = claimBody(claim);
    return { ...gatherEvidence(body, await options.search(body, CANDIDATES), articleSources()), claim };
  };
  return {
    evidence,
    async check(text) {
      const claims = splitClaims(text);
      const parts: ClaimResult[] = [];
      for (const claim of claims.length ? claims : [text]) parts.push(decideClaim(await evidence(claim), model));
      const worst = [...parts].sort((a, b) => SEVERITY.indexOf(a.verdict) - SEVERITY.indexOf(b.verdict))[0]!;
      return { ...worst, claim: claims.length > 1 ? claims.join(' ') : worst.claim, parts: parts.length > 1 ? parts : [] };
    },
  };
}
