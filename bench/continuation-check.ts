/**
 * The answer that continues the sentence before it, measured as answer-model features, cross-validated by article
 * as `npm run eval` does (3 folds). Of the XQuAD questions the re-ranked order gets wrong held out, a third put the
 * sentence just before the gold first: the question's words are there, the answer comes next ("…an electric lighting
 * company in Tesla's name, Tesla Electric Light & Manufacturing." / "The company installed electrical arc light…").
 * `previousCoverage` (the coverage of the sentence before) has a negative weight, fitted to stop a sentence that
 * restates the question lending it to the next, so it holds these golds back. Its interactions, which one logistic
 * weight cannot express:
 * - `previousLift`: how much more of the question the sentence before holds than this one (0 when less);
 * - `previousTyped`: the sentence before's coverage where this one holds a phrase of the asked type;
 * - `previousLiftTyped`: the lift where this one holds such a phrase;
 * - `opensBackPrevious`: the sentence before's coverage where this one opens by referring back ("It", "The company").
 *
 *   npx tsx bench/continuation-check.ts
 */
import { loadAnswerInstances, printHeldOutVariants } from './held-out-variants.js';

const OPENS_BACK = /^(?:["“‘']?)(?:it|its|he|his|she|her|they|their|this|these|that|those|there|the (?:company|firm|group|city|country|state|building|team|party|government|organi[sz]ation|church|university|school|club|project|plan|device|system|process|river|region|area|war|battle|treaty|law|act|term|name|word)|such|both|each|the latter|the former)\b/i;

const { instances: raw } = await loadAnswerInstances();
const instances = raw.map((inst) => ({
  ...inst,
  candidates: inst.candidates.map((c) => {
    const f = c.features!;
    const lift = Math.max(0, f.previousCoverage! - f.softCoverage!);
    return {
      ...c,
      features: {
        ...f,
        previousLift: lift,
        previousTyped: f.previousCoverage! * f.typeFound!,
        previousLiftTyped: lift * f.typeFound!,
        opensBackPrevious: OPENS_BACK.test(c.passage.text.trim()) ? f.previousCoverage! : 0,
      },
    };
  }),
}));
printHeldOutVariants(instances, [[], ['previousLift'], ['previousTyped'], ['previousLiftTyped'], ['opensBackPrevious'], ['previousLift', 'opensBackPrevious'], ['previousLift', 'previousTyped']]);
process.exit(0);
