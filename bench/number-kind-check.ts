/**
 * A finer reading of "number" questions, measured as answer-model features, cross-validated by article as
 * `npm run eval` does (3 folds). A "how much … cost" question wants a sum of money, "how many" a count (not a year,
 * an ordinal, a sum or a share), "what percentage" a share, "how long" a span of time or a length: a sentence whose
 * only figure is of another kind ("about 21,000 passengers a day" for "How much will a single tram fare cost?") is
 * the weaker answer. `kindFound` / `kindMissing` mark a candidate of such a question with / without a figure of the
 * asked kind that the question does not already hold; `kinded` replaces the shipped `typeFound` / `typeMissing` by
 * them for these questions.
 *
 *   npx tsx bench/number-kind-check.ts             (KINDS=money: only those kinds, a comma list)
 */
import { loadAnswerInstances, printHeldOutVariants } from './held-out-variants.js';

type Kind = 'money' | 'count' | 'share' | 'measure';

const MONEY_WORDS = /\b(?:cost|costs|costing|pay|pays|paid|spend|spends|spent|price|priced|worth|fare|fee|fees|charge|charged|earn|earned|budget|money|fund|funds|funding|invest|invested|aid|salary|salaries|sold|sell|buy|bought|raise|raised|donate|donated|grant|owe|owed|loan|debt|revenue|tax|taxes|wage|wages|prize|bill)\b/i;

function questionKind(question: string): Kind | undefined {
  const q = question.toLowerCase();
  if (/\b(?:what|which) (?:percentage|percent|per cent|share|proportion|fraction)\b/.test(q)) return 'share';
  if (/\bhow much\b/.test(q) && MONEY_WORDS.test(q)) return 'money';
  if (/\b(?:what|which) (?:is |was |were |are )?(?:the )?(?:price|cost|fee|fare|budget|salary|sum)\b/.test(q)) return 'money';
  if (/\bhow many\b/.test(q)) return 'count';
  if (/\bhow (?:long|far|tall|high|deep|wide|big|large|heavy|old)\b/.test(q)) return 'measure';
  return undefined;
}

const NUMBER_WORD = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen|dozens|hundreds|thousands|millions|a few|several|half';
const FIGURE = `(?:\\d[\\d,.]*(?:\\s?(?:million|billion|thousand|trillion|bn|m|k))?|(?:${NUMBER_WORD})(?:[- ](?:${NUMBER_WORD}))*)`;
const CURRENCY = 'dollars?|pounds?|euros?|yen|yuan|francs?|marks?|rupees?|pesos?|cents?|pence|p|usd|gbp|eur|guineas?|shillings?|lire|crowns?|kronor|rubles?|roubles?';
const MONEY = new RegExp(`(?:[$£€¥]\\s?\\d[\\d,.]*(?:\\s?(?:million|billion|thousand|trillion|bn|m|k))?|\\b${FIGURE}\\s(?:${CURRENCY})\\b)`, 'gi');
const SHARE = new RegExp(`\\b${FIGURE}\\s?(?:%|per ?cent|percent)|\\b(?:half|a third|a quarter|two[- ]thirds|three[- ]quarters|a fifth|a tenth)\\b`, 'gi');
const UNIT = 'seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century|nights?|seasons?|km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|m|feet|foot|ft|inch(?:es)?|yards?|cm|mm|kg|kilograms?|tons?|tonnes?|pounds?|lbs?|ounces?|acres?|hectares?|square|cubic|storeys?|stories|floors?|mph|km/h|degrees?|°';
const MEASURE = new RegExp(`\\b${FIGURE}(?:[- ]|\\s)?(?:${UNIT})\\b|\\b(?:a|an) (?:second|minute|hour|day|week|month|year|decade|century|mile)\\b`, 'gi');
const CARDINAL = new RegExp(`\\b${FIGURE}\\b(?!\\s?(?:%|per ?cent|percent|st\\b|nd\\b|rd\\b|th\\b))`, 'gi');

function spans(pattern: RegExp, text: string): Array<[number, number]> {
  return [...text.matchAll(pattern)].map((m) => [m.index!, m.index! + m[0].length]);
}

function kindSpans(kind: Kind, sentence: string): string[] {
  const money = spans(MONEY, sentence);
  const share = spans(SHARE, sentence);
  const pick = (list: Array<[number, number]>) => list.map(([s, e]) => sentence.slice(s, e));
  if (kind === 'money') return pick(money);
  if (kind === 'share') return pick(share);
  if (kind === 'measure') return pick(spans(MEASURE, sentence));
  const overlaps = (a: [number, number], list: Array<[number, number]>) => list.some((b) => a[0] < b[1] && b[0] < a[1]);
  // A count: a figure that is no sum, share or year ("in 1985"), and no ordinal.
  return pick(spans(CARDINAL, sentence).filter((span) => {
    const text = sentence.slice(span[0], span[1]);
    if (overlaps(span, money) || overlaps(span, share)) return false;
    if (/^(?:1\d|20)\d\d$/.test(text)) return false;
    return true;
  }));
}

const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

function novel(question: string, found: string[]): boolean {
  const asked = words(question);
  return found.some((text) => [...words(text)].some((word) => !asked.has(word)));
}

// `KINDS=money` (a comma list) reads only those kinds.
const ONLY = process.env.KINDS?.split(',');
const { instances: raw } = await loadAnswerInstances();
let kinded = 0;
const goldRate = new Map<string, [number, number, number, number]>();
const instances = raw.map((inst) => {
  const found = questionKind(inst.question);
  const kind = found && (!ONLY || ONLY.includes(found)) ? found : undefined;
  if (kind) kinded++;
  return {
    ...inst,
    candidates: inst.candidates.map((c) => {
      const found = kind ? novel(inst.question, kindSpans(kind, c.passage.text)) : false;
      if (kind && inst.kind !== 'removed' && inst.kind !== 'foreign' && inst.gold.size > 0) {
        const key = `${inst.set === 'xquad' ? 'xquad' : 'dev'} ${kind}`;
        const r = goldRate.get(key) ?? [0, 0, 0, 0];
        const gold = inst.gold.has(c.passage);
        const coarse = c.features!.typeFound === 1;
        if (gold) { r[0]++; if (found) r[1]++; if (coarse) r[3]++; } else { r[2]++; }
        goldRate.set(key, r);
      }
      const f = c.features!;
      return {
        ...c,
        features: {
          ...f,
          kindFound: kind && found ? 1 : 0,
          kindMissing: kind && !found ? 1 : 0,
          kindedFound: kind ? (found ? 1 : 0) : f.typeFound!,
          kindedMissing: kind ? (found ? 0 : 1) : f.typeMissing!,
        },
      };
    }),
  };
});
console.log(`${kinded} of ${raw.length} instances ask a figure of a kind`);
for (const [key, [gold, found, others, coarse]] of goldRate) console.log(`  ${key}: gold candidates ${gold}, with the kind ${found} (${(found / gold).toFixed(2)}), with any figure ${coarse}`);
// Other candidates holding the kind, for comparison.
const otherRate = new Map<string, [number, number]>();
for (const inst of instances) {
  const kind = questionKind(inst.question);
  if (!kind || inst.kind === 'removed' || inst.kind === 'foreign' || inst.gold.size === 0) continue;
  const key = `${inst.set === 'xquad' ? 'xquad' : 'dev'} ${kind}`;
  const r = otherRate.get(key) ?? [0, 0];
  for (const c of inst.candidates) if (!inst.gold.has(c.passage)) { r[0]++; if (c.features!.kindFound) r[1]++; }
  otherRate.set(key, r);
}
for (const [key, [n, found]] of otherRate) console.log(`  ${key}: other candidates ${n}, with the kind ${(found / n).toFixed(2)}`);
printHeldOutVariants(instances, [[], ['kindMissing'], ['kindFound', 'kindMissing']]);
const replaced = instances.map((inst) => ({ ...inst, candidates: inst.candidates.map((c) => ({ ...c, features: { ...c.features!, typeFound: c.features!.kindedFound!, typeMissing: c.features!.kindedMissing! } })) }));
console.log('typeFound / typeMissing read the kind for these questions:');
printHeldOutVariants(replaced, [[]]);
process.exit(0);
