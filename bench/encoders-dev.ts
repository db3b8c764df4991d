/**
 * Development-set figures for one encoder: every question asked of one corpus holding all development articles and
 * the seed article, as a user with several articles would. A citation counts only when it is from the question's
 * own article and contains one of its gold substrings.
 */
import type { Calibration } from '../src/answer/abstain.js';
import { composeAnswer } from '../src/answer/compose.js';
import { rescorePassages, RESCORE_CANDIDATES } from '../src/answer/rescore.js';
import type { Embedder } from '../src/embedding/embedder.js';
import type { Corpus } from '../src/retrieval/corpus.js';
import { normalizeQuestion } from '../src/retrieval/clean-question.js';
import { retrievePassages } from '../src/retrieval/retrieve.js';

export interface DevQuestion {
  article: string;
  q: string;
  gold: string[];
  unanswerable?: boolean;
  kind: 'paraphrase' | 'plain' | 'near' | 'off';
}

export interface SetFigures {
  answerable: number;
  /** Hybrid ranking, before the answer decision. */
  goldFirst: number;
  goldTop3: number;
  /** Answered, and the gold is among the citations shown. */
  answeredWithGold: number;
  falseRefusals: number;
  near: number;
  nearRefused: number;
  off: number;
  offRefused: number;
}

export interface DevFigures {
  pooled: SetFigures;
  perSet: Record<string, SetFigures>;
}

const empty = (): SetFigures => ({ answerable: 0, goldFirst: 0, goldTop3: 0, answeredWithGold: 0, falseRefusals: 0, near: 0, nearRefused: 0, off: 0, offRefused: 0 });

export async function devSetFigures(
  questions: DevQuestion[],
  corpus: Corpus,
  embedder: Embedder,
  calibration: Calibration,
  denseWeight?: number,
): Promise<DevFigures> {
  const pooled = empty();
  const perSet: Record<string, SetFigures> = {};
  const vectors = await embedder.embed(questions.map((q) => normalizeQuestion(q.q)));
  questions.forEach((item, i) => {
    const question = normalizeQuestion(item.q);
    // The same path as the service: hybrid candidates, re-ranked by the fitted answer model.
    const candidates = retrievePassages(corpus, question, vectors[i]!, { limit: RESCORE_CANDIDATES, denseWeight });
    const ranked = rescorePassages(question, candidates, corpus, calibration);
    const answer = composeAnswer(question, ranked, calibration);
    const isGold = (article: string, text: string) => article === item.article && item.gold.some((g) => text.includes(g));
    const set = (perSet[item.article] ??= empty());
    for (const s of [pooled, set]) {
      if (item.unanswerable) {
        const refused = answer.answered ? 0 : 1;
        if (item.kind === 'near') (s.near++, (s.nearRefused += refused));
        else (s.off++, (s.offRefused += refused));
        continue;
      }
      s.answerable++;
      const rank = ranked.findIndex((r) => isGold(r.passage.article, r.passage.text)) + 1;
      if (rank === 1) s.goldFirst++;
      if (rank >= 1 && rank <= 3) s.goldTop3++;
      if (!answer.answered) s.falseRefusals++;
      else if (answer.citations.some((c) => isGold(c.article, c.quote))) s.answeredWithGold++;
    }
  });
  return { pooled, perSet };
}
