/**
 * Whether new candidates could be tagged for "who"/"where" questions twenty sentences at a time, as one compromise
 * document, instead of one document each (`taggedSpans` in src/answer/answer-types.ts): the spans each sentence gets
 * either way, and the time per sentence, over XQuAD's sentences and 3,000 of the bench's synthetic ones. compromise
 * costs less per sentence in one long document (the joined tagging alone), but each sentence's matches must then
 * be read out of the whole document.
 *
 *   npx tsx bench/joined-tagging-check.ts     (SEP=nl joins with blank lines instead of a space)
 */
import { performance } from 'node:perf_hooks';
import { taggedSpans } from '../src/answer/answer-types.js';
import { loadXquad } from '../src/eval/datasets.js';
import { tagWords } from '../src/nlp.js';
import { syntheticSentences } from './lib.js';
const SEP = process.env.SEP === 'nl' ? '\n\n' : ' ';
const xq = loadXquad().flatMap((a) => a.passages.map((p) => p.text));
const all = [...xq, ...syntheticSentences(3000, 5)];
console.log('sentences', all.length);
let same = 0, diff = 0, tSingle = 0, tJoined = 0;
const shown: string[] = [];
for (let i = 0; i < all.length; i += 20) {
  const group = all.slice(i, i + 20);
  let t = performance.now();
  const single = group.map((s) => taggedSpans(s));
  tSingle += performance.now() - t;
  t = performance.now();
  const text = group.join(SEP);
  const bases: number[] = [];
  let at = 0;
  for (const s of group) { bases.push(at); at += s.length + SEP.length; }
  // The joined document, read per sentence through a view that keeps the matches inside it, at its own offsets.
  const doc = tagWords(text);
  const joined = group.map((s, k) => taggedSpans(s, () => sliceDoc(doc, bases[k]!, s.length)));
  tJoined += performance.now() - t;
  group.forEach((s, k) => {
    const a = JSON.stringify(single[k]), b = JSON.stringify(joined[k]);
    if (a === b) same++; else { diff++; if (shown.length < 5) shown.push(`${s}\n  ${a}\n  ${b}`); }
  });
}
console.log({ same, diff, single: (tSingle / all.length).toFixed(3), joined: (tJoined / all.length).toFixed(3) });
console.log(shown.join('\n'));
// A view of `doc` whose matches report offsets relative to the sentence at [base, base+len).
interface Matches {
  not(pattern: string): Matches;
  json(options: object): Array<{ offset: { start: number; length: number } }>;
}
function sliceDoc(doc: ReturnType<typeof tagWords>, base: number, len: number) {
  const wrap = (m: Matches): Matches => ({
    not: (pattern) => wrap(m.not(pattern)),
    json: (options) =>
      m
        .json(options)
        .filter((x) => x.offset.start >= base && x.offset.start + x.offset.length <= base + len)
        .map((x) => ({ ...x, offset: { start: x.offset.start - base, length: x.offset.length } })),
  });
  return { match: (pattern: string) => wrap(doc.match(pattern) as unknown as Matches) } as unknown as ReturnType<typeof tagWords>;
}
