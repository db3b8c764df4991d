import { describe, expect, it } from 'vitest';
import { buildNameLexicon } from '../../src/claims/names.js';
import { roleClash } from '../../src/claims/roles.js';
import type { Passage } from '../../src/types.js';

const SENTENCES = [
  "St. Kilian's Athletic won the National Cup for the first time since 1985 on Saturday, beating Redmere United 3-2 at Crown Meadow Stadium.",
  "Defender Sam Whitcombe was brought down in the box by Redmere's Ivan Petrov, and striker Joel Hartigan scored the penalty.",
  'Moriarty, who took over in 2023, said the win belonged to the supporters.',
  'Peskov said Trump would be disappointed.',
];
const names = buildNameLexicon(SENTENCES.map((text, i): Passage => ({ article: 'a', id: `${i + 1}.1`, paragraph: i + 1, sentence: 1, text, start: 0, end: text.length })));

describe('roleClash', () => {
  it('finds the winner and the loser the other way round, in the main clause and in a participle after it', () => {
    expect(roleClash('redmere won the national cup', SENTENCES[0]!, names)).toEqual({ articleWord: "St. Kilian's Athletic won", claimWord: 'redmere won' });
    expect(roleClash('redmere beat st kilians 3-2', SENTENCES[0]!, names)?.articleWord).toBe("St. Kilian's Athletic beating");
  });

  it('agrees when the claim names the one who does it, whether the sentence says it actively or passively', () => {
    expect(roleClash("st kilian's won the national cup", SENTENCES[0]!, names)).toBeUndefined();
    expect(roleClash("st. kilian's beat redmere 3-2", SENTENCES[0]!, names)).toBeUndefined();
    expect(roleClash('petrov brought down whitcombe', SENTENCES[1]!, names)).toBeUndefined();
    expect(roleClash('whitcombe brought down petrov', SENTENCES[1]!, names)).toEqual({ articleWord: "Redmere's Ivan Petrov brought", claimWord: 'whitcombe brought' });
  });

  it('says nothing where the sentence does not name who does it, or the verb is one of saying', () => {
    expect(roleClash('moriarty took over in 2023', SENTENCES[2]!, names)).toBeUndefined();
    expect(roleClash('trump said he would be disappointed', SENTENCES[3]!, names)).toBeUndefined();
    // The claim's party must be in the sentence for the roles to be reversed; otherwise the sentence is about others.
    expect(roleClash('okafor won the national cup', SENTENCES[0]!, names)).toBeUndefined();
  });
});
