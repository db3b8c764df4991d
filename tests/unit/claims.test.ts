import { describe, expect, it } from 'vitest';
import { alignClaim } from '../../src/claims/align.js';
import { antonymTable } from '../../src/claims/antonyms.js';
import { analyzeClaim, claimCoverage, sentenceIdf } from '../../src/claims/coverage.js';
import { decideClaim } from '../../src/claims/decide.js';
import type { Evidence } from '../../src/claims/evidence.js';
import { buildNameLexicon } from '../../src/claims/names.js';
import { mentionedNumbers, sameQuantity } from '../../src/claims/numbers.js';
import { bothNegated, polarityClash } from '../../src/claims/polarity.js';
import { claimBody, splitClaims, MAX_CLAIMS } from '../../src/claims/split-claims.js';
import { chooseMinConfidence, CV_FOLDS, fitVerdictModel, fitWithGroupCv, foldsOf, MIN_CONFIDENCES, verdictProbabilities, type LabelledEvidence } from '../../src/claims/verdict-model.js';
import { renderClaimCheck, VERDICT_COLORS } from '../../src/discord/render/claim-check.js';
import { claimMetrics, type LabelledClaim } from '../../src/eval/claim-metrics.js';
import { validateMessageBody } from '../../src/stand-in/index.js';
import type { ClaimResult, Passage, ScoredPassage } from '../../src/types.js';

function passage(text: string, id = '1.1', article = 'a'): Passage {
  return { article, id, paragraph: 1, sentence: 1, text, start: 0, end: text.length };
}

function scored(text: string, id: string, coverage: number): ScoredPassage {
  return { passage: passage(text, id), score: coverage, dense: 0.5, lexical: 1, coverage, highlights: [] };
}

describe('splitClaims', () => {
  it('keeps a one-sentence message whole, abbreviations and decimals included', () => {
    expect(splitClaims('Dr. Osei paid £7.5m for it')).toEqual(['Dr. Osei paid £7.5m for it']);
  });
  it('splits at sentence ends, drops mentions and tag-ons, and keeps at most five', () => {
    expect(splitClaims('<@123> Putin attended the talks. About 500 journalists were there! lol')).toEqual([
      'Putin attended the talks.',
      'About 500 journalists were there!',
    ]);
    const many = Array.from({ length: 8 }, (_, i) => `Claim number ${i} is here.`).join(' ');
    expect(splitClaims(many)).toHaveLength(MAX_CLAIMS);
  });
});

describe('claimBody', () => {
  it('takes the chat framing off a claim: an opening "so", "fun fact", "apparently", a closing "right?"', () => {
    expect(claimBody('so the ashbridge board voted 7-4 against shutting the maternity unit right?')).toBe('the ashbridge board voted 7-4 against shutting the maternity unit');
    expect(claimBody('so the liberal union got 41 seats but still isnt at a majority right')).toBe('the liberal union got 41 seats but still isnt at a majority');
    expect(claimBody('fun fact Osei actually voted for it')).toBe('Osei actually voted for it');
    expect(claimBody('apparently redmere won the cup, right?')).toBe('redmere won the cup');
  });
  it('keeps words that belong to the claim, and the claim itself when nothing would be left', () => {
    expect(claimBody('he turned right')).toBe('he turned right');
    expect(claimBody('the answer was no')).toBe('the answer was no');
    expect(claimBody('the fans are split on whether to sell him or not')).toBe('the fans are split on whether to sell him or not');
    expect(claimBody('so what')).toBe('so what');
  });
});

describe('mentionedNumbers', () => {
  it('reads a time of day as no figure ("4 a.m.", "2pm", "16:47", "two o\'clock")', () => {
    expect(mentionedNumbers('began a 72-hour strike at 4 a.m. on Friday').map((n) => n.value)).toEqual([72]);
    expect(mentionedNumbers("a text at 16:47, the 2pm briefing, two o'clock").map((n) => n.value)).toEqual([]);
    expect(mentionedNumbers('voted 9-4 late Tuesday; I am 34').map((n) => n.value)).toEqual([9, 4, 34]);
  });
  it('reads millions and billions as chat types them ("9 mil", "3 mln", "2 bil")', () => {
    expect(mentionedNumbers('rovers only paid 9 mil for him').map((n) => n.value)).toEqual([9e6]);
    expect(mentionedNumbers('$3 mln and 2 bil').map((n) => n.value)).toEqual([3e6, 2e9]);
  });
  it('reads digits, words, scales, currencies, percentages and years', () => {
    const found = mentionedNumbers('about 200 journalists, £7.5 million, 50k fans, eight minutes, 58% and since 1985');
    expect(found.map((n) => [n.value, n.kind, n.hedge])).toEqual([
      [200, 'count', 'about'],
      [7.5e6, 'money', ''],
      [50_000, 'count', ''],
      [8, 'count', ''],
      [58, 'percent', ''],
      [1985, 'year', ''],
    ]);
  });
  it('treats "$236m" and "$236 million" as one amount, 71,204 and 50k as two', () => {
    const [a] = mentionedNumbers('$236m');
    const [b] = mentionedNumbers('$236 million');
    expect(sameQuantity(a!, b!)).toBe(true);
    expect(sameQuantity(mentionedNumbers('71,204')[0]!, mentionedNumbers('about 50k')[0]!)).toBe(false);
  });
  it('reads an age said in words as a figure ("in his seventies")', () => {
    expect(mentionedNumbers('a man in his seventies was rescued').map((n) => n.value)).toEqual([70]);
  });
  it('holds shares to the point: 78% is not 79 percent, "about 78%" is', () => {
    const share = (text: string) => mentionedNumbers(text)[0]!;
    expect(sameQuantity(share('with 78% backing'), share('on a turnout of 79 percent'))).toBe(false);
    expect(sameQuantity(share('with 87% backing'), share('by 87 percent in favour'))).toBe(true);
    expect(sameQuantity(share('with about 78% backing'), share('on a turnout of 79 percent'))).toBe(true);
  });
  it('reads a bound as met by a figure within it, and by no figure far past it', () => {
    const n = (text: string) => mentionedNumbers(text)[0]!;
    expect(sameQuantity(n('the appeal is already past 400k'), n('has raised 410,000 dollars'))).toBe(true);
    expect(sameQuantity(n('has raised 410,000 dollars'), n('the appeal is already past 400k'))).toBe(true);
    expect(sameQuantity(n('more than 300 jobs'), n('412 jobs'))).toBe(true);
    expect(sameQuantity(n('fewer than 50 people'), n('38 people'))).toBe(true);
    expect(sameQuantity(n('more than 300 jobs'), n('280 jobs'))).toBe(false);
    expect(sameQuantity(n('payouts of more than 20 million'), n('45 million in damage'))).toBe(false);
    expect(sameQuantity(n('under 50 people'), n('62 people'))).toBe(false);
  });
  it('holds years to the year: 1951 is not 1931, though it is within 2% of it; "around 1930" is 1931', () => {
    const year = (text: string) => mentionedNumbers(text)[0]!;
    expect(sameQuantity(year('opened in 1951'), year('opened in 1931'))).toBe(false);
    expect(sameQuantity(year('opened in 1931'), year('opened in 1931'))).toBe(true);
    expect(sameQuantity(year('opened around 1930'), year('opened in 1931'))).toBe(true);
  });
});

describe('alignClaim', () => {
  const names = buildNameLexicon([passage('Zelenskyy landed in Ankara on Thursday, while the talks were held in Istanbul.')]);
  it('names the differing figure next to shared context', () => {
    const alignment = alignClaim('500 journalists were outside', 'there were about 200 journalists and crew outside', names);
    expect(alignment.numbersMatched).toBe(0);
    expect(alignment.differences).toEqual([{ kind: 'number', article: 'about 200', claim: '500', aligned: true }]);
  });
  it('finds a city the sentence names instead of the claim’s, and a day that differs', () => {
    const city = alignClaim('zelenskyy flew into istanbul', 'Zelenskyy landed in Ankara on Thursday.', names);
    expect(city.differences).toEqual([{ kind: 'name', claim: 'Istanbul', article: 'Ankara', aligned: true }]);
    const day = alignClaim('zelenskyy landed on friday', 'Zelenskyy landed in Ankara on Thursday.', names);
    expect(day.differences.map((d) => [d.kind, d.article, d.claim])).toEqual([['date', 'Thursday', 'friday']]);
  });
  it('finds nothing to differ when the sentence states the claim’s figures', () => {
    expect(alignClaim('voted 9 to 4', 'The council voted 9-4 late Tuesday.', names)).toEqual({ numbersMatched: 1, numbersMatchedInRole: 1, differences: [], peopleAbsent: [], otherPeople: [] });
    // An age is in role when both say it as one, whatever they call the person.
    expect(alignClaim('the cyclist was 34', 'The 34-year-old man was struck by a van.', names).numbersMatchedInRole).toBe(1);
    expect(alignClaim('the cyclist was 34', 'The van hit 34 cones.', names).numbersMatchedInRole).toBe(0);
  });
  it('counts a figure in role only beside a word the claim puts next to it', () => {
    const inRole = alignClaim('removing 310 parking spots', 'The design removes 310 on-street parking spaces.', names);
    expect(inRole.numbersMatchedInRole).toBe(1);
    const elsewhere = alignClaim('removing 310 parking spots', 'In 310 days the council met; parking was later discussed at length by everyone.', names);
    expect(elsewhere).toMatchObject({ numbersMatched: 1, numbersMatchedInRole: 0 });
  });
  it('finds another name where the claim names one no article uses, and a lead turned into a deficit', () => {
    const lexicon = buildNameLexicon([passage('The study was funded by the Leverhulme Trust and took 18 months.')]);
    const trust = alignClaim('The study was funded by the Wellcome Trust.', 'The study was funded by the Leverhulme Trust and took 18 months.', lexicon);
    expect(trust.differences).toEqual([{ kind: 'name', claim: 'Wellcome', article: 'Leverhulme', aligned: true }]);
    const led = alignClaim('Rovers led 14-6 at half-time.', 'The hosts trailed 14-6 at half-time.', lexicon);
    expect(led.differences.map((d) => d.claim)).toContain('led 14');
  });
  it('places a name said as an owner by what it owns ("Doyle\'s corner" names who took the corner, not who scored)', () => {
    const lexicon = new Map([['okafor', 'person'], ['doyle', 'person'], ['reed', 'person'], ['hartigan', 'person']] as const);
    expect(alignClaim('okafor scored the winner', "Eight minutes later, the 20-year-old met Doyle's corner and headed the winner in.", lexicon).differences).toEqual([]);
    expect(alignClaim('hartigan scored the goal', "Reed's goal came in the 77th minute.", lexicon).differences).toEqual([{ kind: 'name', claim: 'Hartigan', article: 'Reed', aligned: true }]);
  });
  it('reads a title typed short as the one the article spells out ("ceo" / "chief executive")', () => {
    const lexicon = new Map([['raman', 'person'], ['oyelaran', 'person'], ['kellmoor', 'org']] as const);
    const other = alignClaim('priya raman is the ceo of kellmoor', "Kellmoor's chief executive, Mr. Gareth Oyelaran, struck a less conciliatory tone.", lexicon);
    expect(other.differences).toEqual([{ kind: 'name', claim: 'Raman', article: 'Oyelaran', aligned: true }]);
  });
  it('reads the same figure turned the other way as a difference ("rose by 18%" / "fell by 18%")', () => {
    const rose = alignClaim('Hospital admissions rose by 18%.', 'Hospital admissions fell by 18%, the researchers said.', names);
    expect(rose).toEqual({ numbersMatched: 0, numbersMatchedInRole: 0, differences: [{ kind: 'number', article: 'fell 18%', claim: 'rose 18%', aligned: true }], peopleAbsent: [], otherPeople: [] });
    // Another figure between a direction and a figure is that figure's: "six months" did not rise.
    const sales = alignClaim('Sales rose 12% in the six months to October.', 'The closures follow a 12% fall in sales in the six months to October.', names);
    expect(sales.differences.map((d) => d.claim)).toEqual(['rose 12%']);
    expect(alignClaim('Sales fell 12%.', 'The closures follow a 12% fall in sales.', names).differences).toEqual([]);
  });
});

describe('claimCoverage', () => {
  const sentences = ['The federal grant is not yet guaranteed.', 'The line will cost an estimated $412 million.', 'Trams run every eight minutes.'];
  const idf = sentenceIdf(sentences.map((text, i) => ({ id: `${i + 1}.1`, article: 'a', text }) as Passage));
  it('lets a clipped word stand for the longer one the article uses', () => {
    const analysis = analyzeClaim('the feds guaranteed the grant', idf);
    expect(claimCoverage(analysis, sentences[0]!)).toBeGreaterThan(claimCoverage(analysis, sentences[1]!));
    const feds = analyzeClaim('feds', idf);
    expect(claimCoverage(feds, sentences[0]!)).toBeGreaterThan(0);
    expect(claimCoverage(feds, sentences[1]!)).toBe(0);
  });
});

describe('polarityClash', () => {
  it('sees a negation in scope of the claim', () => {
    expect(polarityClash('Putin attended the talks', 'the Kremlin confirmed Putin himself would skip the talks')).toEqual({ kind: 'negation', articleWord: 'skip' });
    expect(polarityClash('the grant is guaranteed', 'The federal grant is not yet guaranteed.')).toEqual({ kind: 'negation', articleWord: 'not' });
    // After an auxiliary, a negator negates the verb after it, not the subject before it.
    expect(polarityClash('the van was red', 'The man was struck by a dark blue van.')).toEqual({ kind: 'contrast', articleWord: 'blue', claimWord: 'red' });
    expect(polarityClash('the van was blue', 'The man was struck by a dark blue van.')).toBeUndefined();
    expect(polarityClash('the driver was drunk', 'The driver did not stop.')).toBeUndefined();
    // "rather than" and "instead of" negate what follows them, on either side.
    const trackers = 'Lindqvist noted that the trackers measured movement rather than brain activity.';
    expect(polarityClash('the trackers measured brain activity', trackers)).toEqual({ kind: 'negation', articleWord: 'rather than' });
    expect(polarityClash('the trackers measured movement', trackers)).toBeUndefined();
    expect(polarityClash('the study shows an association rather than proof', 'The study shows an association between sleep and grades.')).toBeUndefined();
    expect(polarityClash('she chose the bus', 'She took the train instead of the bus.')).toEqual({ kind: 'negation', articleWord: 'instead of' });
    expect(polarityClash('peskov told cnn that putin would be there', 'Kremlin spokesman Dmitry Peskov told CNN "No."')).toEqual({ kind: 'negation', articleWord: 'no' });
    // A closing "No." answers the "whether…" the sentence asks, however far back it stands.
    const asked = 'When asked Thursday whether Putin would attend talks in Turkey, Kremlin spokesman Dmitry Peskov told CNN "No."';
    expect(polarityClash('putin will attend the talks', asked)).toEqual({ kind: 'negation', articleWord: 'no' });
    expect(polarityClash('putin will not attend the talks', asked)).toBeUndefined();
  });
  it('sees a WordNet antonym', () => {
    expect(antonymTable().get('senior')).toContain('junior');
    expect(polarityClash('russia sent a senior team', 'the naming of the junior team')).toEqual({ kind: 'antonym', articleWord: 'junior', claimWord: 'senior' });
  });
  it('sees a vote’s outcomes as opposites, which WordNet does not pair', () => {
    const defeated = 'An amendment tabled by Cllr. Gordon Whitcombe to delay the vote was defeated 7 to 6.';
    expect(polarityClash("whitcombe's amendment to delay the vote passed 7 to 6", defeated)).toEqual({ kind: 'antonym', articleWord: 'defeated', claimWord: 'passed' });
    expect(polarityClash('the council rejected the tram line', 'The council voted 9-4 to approve the tram line.')).toEqual({ kind: 'antonym', articleWord: 'approve', claimWord: 'rejected' });
    expect(polarityClash('the council approved the tram line', 'The council voted 9-4 to approve the tram line.')).toBeUndefined();
  });
  it('sees another of the same kind before the same word ("a red card" / "a yellow card"), but not a figure', () => {
    expect(polarityClash('Fenner was shown a red card.', 'Fenner was shown a yellow card for a high tackle.')).toEqual({ kind: 'contrast', articleWord: 'yellow', claimWord: 'red' });
    expect(polarityClash('There will be 20 stops on the line.', 'The route will have 14 stops.')).toBeUndefined();
    expect(polarityClash('Fenner was shown a card.', 'Fenner was shown a yellow card.')).toBeUndefined();
  });
  it('sees no reversal in a sentence that says the claim’s word as well', () => {
    expect(polarityClash('The libraries will stay open.', 'The libraries that were due to close will stay open.')).toBeUndefined();
  });
  it('counts a claim’s negation only against a sentence that speaks of what it negates', () => {
    expect(polarityClash("ledgerly isn't going to appeal the fine", 'The regulator said it was the largest fine it had issued.')).toBeUndefined();
    expect(polarityClash("ledgerly isn't going to appeal the fine", 'Ms. Cole said the company would not appeal.')).toBeUndefined();
    expect(polarityClash('ledgerly will appeal the fine', 'Ms. Cole said the company would not appeal.')).toEqual({ kind: 'negation', articleWord: 'not' });
    expect(polarityClash('the council did not approve the line', 'The council voted 9-4 to approve the line.')).toEqual({ kind: 'negation', claimWord: 'not' });
  });
  it('reads "against" as opposing only after a verb of taking sides, and "or not", "not only" as no negation', () => {
    const krona = 'The krona strengthened on Monday, edging up 0.3 percent against the euro.';
    expect(polarityClash('the krona actually went up a little vs the euro on monday', krona)).toBeUndefined();
    expect(polarityClash('osei voted for the tram line', 'The four members who voted against the line were Osei and Vail.')).toEqual({ kind: 'negation', articleWord: 'against' });
    expect(polarityClash('the fans are split on whether to sell him or not', 'Supporters are divided over whether the club should sell him.')).toBeUndefined();
    expect(polarityClash('the club will not only sell him but buy two more', 'The club will sell him.')).toBeUndefined();
  });
  it('reads phrasal verbs of refusal as negators, with the subject in scope after an auxiliary', () => {
    const varga = 'Varga has already ruled out any arrangement with the Homeland Front.';
    expect(polarityClash('varga said she is open to a deal with the homeland front', varga)).toEqual({ kind: 'negation', articleWord: 'ruled out' });
    expect(polarityClash('so rovers have now knocked back three offers from northgate', 'Ashbury Rovers have rejected a third bid from Northgate City.')).toBeUndefined();
    expect(polarityClash('rovers accepted the offer from northgate', 'Ashbury Rovers turned down the offer from Northgate City.')).toEqual({ kind: 'negation', articleWord: 'turned down' });
  });
  it('reads a contraction typed without its apostrophe, and "short of" as not reaching', () => {
    const seats = 'Its 41 seats in the 101-member National Assembly left it ten short of a governing majority.';
    expect(polarityClash('the liberal union still isnt at a majority', seats)).toBeUndefined();
    expect(polarityClash('the liberal union won a majority', seats)).toEqual({ kind: 'negation', articleWord: 'short of' });
    expect(polarityClash('the club doesnt want to sell him', 'The club wants to sell him.')).toEqual({ kind: 'negation', claimWord: 'not' });
  });
  it('tells when claim and sentence both negate what they share', () => {
    const claim = 'an engineer changed a setting during an update and never changed it back';
    expect(bothNegated(claim, 'An engineer changed its settings during a software update and never reversed the change.')).toBe(true);
    expect(bothNegated(claim, '"I changed my passwords and kept using it," he said.')).toBe(false);
  });
  it('does not count two negations or a negation far from the claim’s words', () => {
    expect(polarityClash('putin is skipping the talks', 'Putin himself would skip the talks')).toBeUndefined();
    expect(polarityClash('medinsky leads the team', 'Medinsky leads the team, officials said, though nothing was signed and no date was set for anything')).toBeUndefined();
  });
});

describe('verdict model', () => {
  const examples: LabelledEvidence[] = [
    ...Array.from({ length: 5 }, () => ({ features: [1, 0.8, 0, 0, 0, 1], label: 'supported' as const })),
    ...Array.from({ length: 5 }, () => ({ features: [1, 0.6, 0, 1, 1, 0], label: 'contradicted' as const })),
    ...Array.from({ length: 5 }, () => ({ features: [0.2, 0.1, 0.8, 0, 0, 0], label: 'not_mentioned' as const })),
  ];
  it('learns separable verdicts and says so with confidence', () => {
    const model = fitVerdictModel(examples, 'test');
    for (const e of examples) {
      const p = verdictProbabilities(model, e.features);
      expect(['supported', 'contradicted', 'not_mentioned'][p.indexOf(Math.max(...p))]).toBe(e.label);
    }
  });
  it('decides a contradiction with the clashing sentence first and says what differs; an untrained model can’t tell', () => {
    const model = fitVerdictModel(examples, 'test');
    const evidence: Evidence = {
      claim: '500 journalists were outside',
      features: [1, 0.6, 0, 1, 1, 0],
      candidates: [
        { scored: scored('The talks were in Istanbul.', '3.1', 0.4), probability: 0.9, support: 0.4, supportKnown: 0.4, alignment: { differences: [], peopleAbsent: [], otherPeople: [] } },
        { scored: scored('there were about 200 journalists outside', '2.1', 0.6), probability: 0.9, support: 0.6, supportKnown: 0.6, alignment: { numbersMatched: 0, differences: [{ kind: 'number', article: 'about 200', claim: '500', aligned: true }], peopleAbsent: [], otherPeople: [] } },
      ],
    };
    const result = decideClaim(evidence, model);
    expect(result.verdict).toBe('contradicted');
    expect(result.citations[0]!.id).toBe('2.1');
    expect(result.deciding).toBe(1);
    expect(result.differs).toBe('the article says about 200, the claim says 500');
    const blank = { features: [], weights: [[0], [0], [0]], fittedOn: 'none' };
    expect(decideClaim(evidence, blank).verdict).toBe('cant_tell');
  });
  it('never calls supported a claim whose figure no examined sentence states in role, or that the best sentence negates', () => {
    const model = fitVerdictModel(examples, 'test');
    const candidate = (text: string, claim: string, support: number) => ({
      scored: scored(text, '1.1', support), probability: 0.9, support, supportKnown: support, alignment: alignClaim(claim, text, new Map()),
      ...(polarityClash(claim, text) ? { clash: polarityClash(claim, text)! } : {}),
    });
    const supportedLooking = [1, 0.8, 0, 0, 0, 1];
    const bees = 'The researchers trained 250 bumblebees.';
    expect(decideClaim({ claim: bees, features: supportedLooking, candidates: [candidate('Bumblebees can tell a short flash from a long one.', bees, 0.6)] }, model).verdict).not.toBe('supported');
    const players = 'The referee sent off two players.';
    expect(decideClaim({ claim: players, features: supportedLooking, candidates: [candidate('Marlow kept Rovers in touch with two penalties.', players, 0.5)] }, model).verdict).not.toBe('supported');
    const every = 'Every bee learned the task.';
    expect(decideClaim({ claim: every, features: supportedLooking, candidates: [candidate('Not every bee learned the task.', every, 1)] }, model).verdict).not.toBe('supported');
    // A year is stated wherever its clause puts it; a sentence that says the claim is still supporting.
    const founded = 'The chain was founded in 1987.';
    expect(decideClaim({ claim: founded, features: supportedLooking, candidates: [candidate('The chain was founded by two brothers in Leeds in 1987.', founded, 0.9)] }, model).verdict).toBe('supported');
  });

  it('never calls supported a claim about one person from a sentence about another; a lede naming no one may support it', () => {
    const model = fitVerdictModel(examples, 'test');
    const supportedLooking = [1, 0.8, 0, 0, 0, 1];
    const article = ['Graham Tierney lost to Priya Nandakumar.', 'Labour candidate Farid Osman finished third.', 'Landlord Derek Ashworth admitted nine offences.'];
    const names = buildNameLexicon(article.map((text, i) => ({ ...scored(text, `${i + 1}.1`, 1).passage })));
    const verdict = (claim: string, text: string) =>
      decideClaim({ claim, features: supportedLooking, candidates: [{ scored: scored(text, '1.1', 0.6), probability: 0.9, support: 0.6, supportKnown: 0.6, alignment: alignClaim(claim, text, names) }] }, model).verdict;
    expect(verdict('Tierney was a Labour mayor', 'Osman said Labour would "hold the new mayor to every promise she made".')).not.toBe('supported');
    expect(verdict('Ashworth was fined £42,000', 'A landlord who let tenants live with black mould has been fined £42,000.')).toBe('supported');
    expect(verdict('Tierney blamed the closure', 'He blamed his defeat on the closure, Osman said.')).toBe('supported');
  });

  it('keeps a can\'t-tell threshold only where it helps on held-out groups: separable verdicts never need one', () => {
    const groups = [0, 1, 2].map((i) => examples.filter((_, j) => j % 3 === i));
    expect(chooseMinConfidence(groups)).toBe(MIN_CONFIDENCES[0]);
    expect(chooseMinConfidence([examples])).toBe(MIN_CONFIDENCES[0]);
    const model = fitWithGroupCv(groups, 'test');
    expect(model.minConfidence).toBe(MIN_CONFIDENCES[0]);
    expect(model.fittedOn).toMatch(/can't-tell below/);
  });
});

describe('foldsOf', () => {
  it('keeps a few articles as their own folds and deals many into folds in turn', () => {
    expect(foldsOf([[1], [2], [3]])).toEqual([[1], [2], [3]]);
    expect(foldsOf([[1], [2], [3], [4], [5], [6]], 4)).toEqual([[1, 5], [2, 6], [3], [4]]);
    expect(foldsOf(Array.from({ length: 27 }, (_, i) => [i])).length).toBe(CV_FOLDS);
  });
});

describe('claimMetrics', () => {
  const truth = (label: LabelledClaim['label'], gold: string[] = []): LabelledClaim => ({ article: 'a', claim: 'c', label, gold });
  const result = (verdict: ClaimResult['verdict'], quote = 'x'): ClaimResult => ({
    claim: 'c', verdict, confidence: 0.9, deciding: verdict === 'supported' || verdict === 'contradicted' ? 1 : 0,
    citations: [{ n: 1, article: 'a', id: '1.1', quote, score: 1, highlights: [] }],
  });
  it('counts can’t tell as wrong and reports contradicted-called-supported and gold quotes', () => {
    const m = claimMetrics([
      { truth: truth('supported', ['gold']), result: result('supported', 'the gold one') },
      { truth: truth('supported', ['gold']), result: result('supported', 'other') },
      { truth: truth('contradicted', ['g']), result: result('supported') },
      { truth: truth('not_mentioned'), result: result('cant_tell') },
    ]);
    expect(m.accuracy).toBe(0.5);
    expect(m.cantTell).toBe(1);
    expect(m.contradictedCalledSupported).toBe(1);
    expect(m.decidingGold.supported).toBe(0.5);
    expect(m.precision.supported).toBeCloseTo(2 / 3);
    expect(m.recall.not_mentioned).toBe(0);
  });
});

describe('renderClaimCheck', () => {
  it('puts the verdict first, coloured, then the deciding quote, and neutralises the claim', () => {
    const out = renderClaimCheck({
      claim: '<@1577930529087553537> About 500 journalists were outside the palace',
      verdict: 'contradicted', confidence: 0.8, deciding: 1, differs: 'the article says about 200, the claim says 500', parts: [],
      citations: [
        { n: 1, article: 'a', id: '2.1', quote: 'there were about 200 journalists', score: 1, highlights: [] },
        { n: 2, article: 'a', id: '1.1', quote: 'Putin would skip the talks', score: 0.4, highlights: [] },
      ],
    });
    expect(validateMessageBody(out)).toEqual([]);
    const embed = out.embeds[0]!;
    expect(embed.color).toBe(VERDICT_COLORS.contradicted);
    const lines = embed.description!.split('\n');
    expect(lines[0]).toBe('**Contradicted by the article** — the article says about 200, the claim says 500');
    expect(lines[1]).toBe('Claim: “@user About 500 journalists were outside the palace”');
    expect(lines[2]).toBe('Deciding quote: [1]; [2]–[2] are other relevant sentences.');
    expect(lines[3]).toMatch(/^> there were about 200 journalists \*\*\[1\]\*\*$/);
    expect(embed.description).not.toContain('<@');
  });
});
