/**
 * The answer phrase against XQuAD's answer text, as `npm run eval` scores it (exact match and token F1, an unmarked
 * sentence counting as a miss), on two halves of the articles: the even-numbered ones, where the phrase rules were
 * tuned, and the odd-numbered ones, held out from that tuning. "all" is over every question of the half, so it stays
 * comparable when a change moves a question from one asked type to another.
 *
 *   npx tsx bench/phrase-check.ts
 */
import { loadXquad } from '../src/eval/datasets.js';
import { evaluatePhrases } from '../src/eval/phrase-metrics.js';

const articles = loadXquad();
const halves = [
  ['tuning (even-numbered articles)', articles.filter((_, i) => i % 2 === 0)],
  ['held out (odd-numbered articles)', articles.filter((_, i) => i % 2 === 1)],
  ['all articles', articles],
] as const;
for (const [label, half] of halves) {
  const byType = evaluatePhrases([...half]);
  const all = [...byType.values()].reduce((sum, s) => ({ n: sum.n + s.questions, em: sum.em + s.exactMatch * s.questions, f1: sum.f1 + s.f1 * s.questions }), { n: 0, em: 0, f1: 0 });
  console.log(`${label}: all ${all.n} questions EM ${(all.em / all.n).toFixed(3)} F1 ${(all.f1 / all.n).toFixed(3)}`);
  for (const type of ['person', 'date', 'number', 'place']) {
    const s = byType.get(type);
    if (s) console.log(`  ${type.padEnd(7)} ${String(s.questions).padStart(4)} questions, marked ${String(s.marked).padStart(4)}  EM ${s.exactMatch.toFixed(3)}  F1 ${s.f1.toFixed(3)}`);
  }
}
