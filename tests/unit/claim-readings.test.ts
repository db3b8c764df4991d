import { describe, expect, it } from 'vitest';
import { deniedWords, deniesAsClaimed } from '../../src/claims/absence.js';
import { alignClaim } from '../../src/claims/align.js';
import { polarityClash } from '../../src/claims/polarity.js';
import { buildNameLexicon } from '../../src/claims/names.js';
import { mentionedNumbers } from '../../src/claims/numbers.js';

describe('a claim that nothing happened', () => {
  it('reads what "nobody", "no one", "none" and "no" deny, adverbs aside', () => {
    expect(deniedWords('nobody has been seriously hurt by the docks so far')).toEqual(['hurt', 'docks']);
    expect(deniedWords('No one was killed.')).toEqual(['killed']);
    expect(deniedWords('Police made no arrests.')).toEqual(['arrests']);
    expect(deniedWords('The ferry hit the breakwater.')).toEqual([]);
  });

  it('is said by a sentence denying the same thing in other words', () => {
    expect(deniesAsClaimed('nobody has died in the pinecrest fire so far', 'No deaths have been reported.')).toBe(true);
    expect(deniesAsClaimed('nobody died when the ferry hit the breakwater', 'No one was killed.')).toBe(true);
    expect(deniesAsClaimed('nobody has been seriously hurt by the docks so far', 'Two fires damaged furniture, but no serious injuries have been reported.')).toBe(true);
    expect(deniesAsClaimed('no arrests were made', 'Police made no arrests.')).toBe(true);
  });

  it('is not said by a sentence denying something else, or denying nothing', () => {
    expect(deniesAsClaimed('nobody died', 'Ledgerly previously had no one in a dedicated security role.')).toBe(false);
    expect(deniesAsClaimed('nobody died', '"Nobody wants to see a crash like that."')).toBe(false);
    expect(deniesAsClaimed('nobody died', 'Two people died in the fire.')).toBe(false);
    expect(deniesAsClaimed('the ferry hit the breakwater', 'No one was killed.')).toBe(false);
  });
});

describe("a claim's set phrases", () => {
  it('give a name no role: "so far" does not place Pinecrest by "as far away as Brennan Falls"', () => {
    const texts = ['The Pinecrest fire spread towards the town.', 'Others stayed in hotels as far away as Brennan Falls.'];
    const names = buildNameLexicon(texts.map((text, i) => ({ article: 'fire', id: `${i + 1}.1`, paragraph: i + 1, sentence: 1, text, start: 0, end: text.length })));
    expect(names.has('brennan')).toBe(true);
    const far = alignClaim('nobody has died in the pinecrest fire so far', 'Others stayed in hotels as far away as Brennan Falls.', names);
    expect(far.differences).toEqual([]);
  });
});

describe('a claim that something is whole', () => {
  const names = buildNameLexicon([]);
  it('differs from a share of it below 100 percent', () => {
    const partly = alignClaim('the fire was fully contained by friday morning', 'By Friday morning, the fire was 60 percent contained, according to the county.', names);
    expect(partly.differences).toEqual([{ kind: 'number', article: '60 percent', claim: 'fully', aligned: true }]);
    expect(alignClaim('the fire was fully contained by friday', 'By Friday the fire was fully contained.', names).differences).toEqual([]);
    expect(alignClaim('the bridge is completely closed', 'The bridge is 40 percent complete.', names).differences).toEqual([]);
  });
});

describe("a claim's direction", () => {
  const names = buildNameLexicon([]);
  it('is read from the whole claim when it gives one figure', () => {
    const turned = alignClaim("calder's profits actually went up last year, to 31 million", 'Calder Foods reported a pre-tax profit of 19.4 million pounds last year, down from 31 million pounds the year before.', names);
    expect(turned.differences).toEqual([{ kind: 'number', article: 'down 31 million', claim: 'up 31 million', aligned: true }]);
    expect(alignClaim('profits went up to 31 million', 'Profits rose to 31 million pounds.', names).differences).toEqual([]);
  });
});

describe('a contrast of kinds', () => {
  it('is no contrast between two words of one sense', () => {
    expect(polarityClash('he stole from a kids hospice', "He stole from a children's hospice.")).toBeUndefined();
    expect(polarityClash("that farmer's grandpa started the farm", 'His grandfather started the farm in 1961.')).toBeUndefined();
    expect(polarityClash('fenner was shown a red card', 'Fenner was shown a yellow card.')).toMatchObject({ kind: 'contrast', articleWord: 'yellow', claimWord: 'red' });
  });
});

describe('a figure the sentence gives as an earlier one', () => {
  const names = buildNameLexicon([]);
  it('is not the claim\'s figure said as the last', () => {
    const start = 'Judge Ransford said she had taken a starting point of six years but reduced the term to reflect his plea.';
    expect(alignClaim('judge gave him six years in the end', start, names).numbersMatched).toBe(0);
    const fine = 'The regulator reduced the penalty from an initial figure of 3.1 million pounds to 2.4 million pounds.';
    expect(alignClaim('ledgerly got fined 3.1 million in the end', fine, names).differences).toEqual([{ kind: 'number', article: '2.4 million', claim: '3.1 million', aligned: true }]);
    // A claim about the earlier figure is met by it.
    expect(alignClaim('the fine was initially 3.1 million', fine, names).numbersMatched).toBe(1);
  });
});

describe('a figure glued to a letter, and a name after a saint', () => {
  it('reads "3D printed" and "5G" as words, not counts', () => {
    expect(mentionedNumbers('the kestrel-2 engines are 3d printed').map((n) => n.text)).toEqual(['2']);
    expect(mentionedNumbers('a 5G mast')).toEqual([]);
    expect(mentionedNumbers('three times a week, 3 a week').map((n) => n.text)).toEqual(['three', '3']);
    expect(mentionedNumbers('a 3m fee, 5km away').map((n) => n.text)).toEqual(['3m', '5']);
  });

  it('does not take a hospital named after a saint for someone whose part another person takes', () => {
    const texts = ["St. Brigid's General Hospital, the city's largest, ran on diesel generators for 17 hours.", 'Its medical director, Dr. Tomas Herrera, said 14 scheduled surgeries were postponed but no patients were harmed.'];
    const names = buildNameLexicon(texts.map((text, i) => ({ article: 'blackout', id: `${i + 1}.1`, paragraph: i + 1, sentence: 1, text, start: 0, end: text.length })));
    expect(names.get('brigid')).not.toBe('person');
    expect(names.get('herrera')).toBe('person');
    const differences = alignClaim("st brigid's pushed back 14 ops", texts[1]!, names).differences;
    expect(differences.filter((d) => d.kind === 'name')).toEqual([]);
  });
});
