/**
 * Whether the answer model weighs its signals better per kind of question: a "who" question is answered by a
 * sentence that names someone, a "why" or "how" question by one that explains, and one weight per signal for all of
 * them may be what holds the order back. Each of the cosine, the soft, verb and context coverage and the typed
 * phrase found is given again once per asked type (person, date, number, place, none), as that signal times the
 * question's type; cross-validated by article as `npm run eval` does (3 folds).
 *
 *   npx tsx bench/type-interactions-check.ts
 */
import { askedType } from '../src/answer/answer-types.js';
import { loadAnswerInstances, printHeldOutVariants } from './held-out-variants.js';

const { instances: raw } = await loadAnswerInstances();
const TYPES = ['person', 'date', 'number', 'place', 'none'] as const;
const SIGNALS = ['dense', 'denseGap', 'softCoverage', 'verbCoverage', 'contextCoverage', 'typeFound'] as const;
const instances = raw.map((inst) => {
  const type = askedType(inst.question) ?? 'none';
  return {
    ...inst,
    candidates: inst.candidates.map((c) => {
      const f = { ...c.features! };
      for (const signal of SIGNALS) for (const t of TYPES) f[`${signal}_${t}`] = t === type ? f[signal]! : 0;
      for (const t of TYPES) f[`is_${t}`] = t === type ? 1 : 0;
      return { ...c, features: f };
    }),
  };
});
const per = (signal: string) => TYPES.map((t) => `${signal}_${t}`);
printHeldOutVariants(instances, [
  [],
  TYPES.map((t) => `is_${t}`),
  per('dense'),
  per('denseGap'),
  per('softCoverage'),
  per('verbCoverage'),
  per('contextCoverage'),
  [...per('dense'), ...per('softCoverage')],
  SIGNALS.flatMap(per),
]);
