import { describe, expect, it } from 'vitest';
import { answerThreshold, type Calibration } from '../../src/answer/abstain.js';
import { askedType, novelSpans, taggedSpans, typedSpans } from '../../src/answer/answer-types.js';
import { answeringProbability, decideAnswer } from '../../src/answer/decide.js';
import { composeAnswer } from '../../src/answer/compose.js';
import { analyzeQuestion, softCoverage } from '../../src/answer/features.js';
import { fitLogisticModel, logisticProbability } from '../../src/answer/logistic.js';
import { surnamesIn } from '../../src/answer/article-names.js';
import { answerPhrase } from '../../src/answer/phrase.js';
import { asksForSum } from '../../src/answer/money.js';
import { rankByProbability } from '../../src/answer/rescore.js';
import { normalizeAnswer, tokenF1 } from '../../src/eval/phrase-metrics.js';
import { normalizeQuestion } from '../../src/retrieval/clean-question.js';
import { relatedWords } from '../../src/retrieval/wordnet.js';
import type { ScoredPassage } from '../../src/types.js';

describe('normalizeQuestion', () => {
  it('puts back the apostrophe chat leaves out of "whos", "whats", "isnt", so the question still asks who or what', () => {
    expect(normalizeQuestion('whos his lawyer in court?')).toBe("who's his lawyer in court?");
    expect(normalizeQuestion('whats the supporters trust guy complaining about')).toBe("what's the supporters trust guy complaining about?");
    expect(normalizeQuestion('isnt the mayor a democrat?')).toBe("isn't the mayor a democrat?");
    expect(normalizeQuestion('whose car was it?')).toBe('whose car was it?');
  });
  it('drops greetings, "quick question", "can you tell me", please and thanks', () => {
    expect(normalizeQuestion('Quick question for the bot: where did Zelenskyy land on Thursday, please?')).toBe('where did Zelenskyy land on Thursday?');
    expect(normalizeQuestion('Hi there! Can you tell me who leads the Russian delegation?')).toBe('who leads the Russian delegation?');
    expect(normalizeQuestion('<@123> hey, who reported the story? thanks!')).toBe('who reported the story?');
    expect(normalizeQuestion('**Who** is Ukraine’s head of state?')).toBe('Who is Ukraine’s head of state?');
  });

  it('drops a typed @name, fillers, "u", laughter, emoticons and emoji, and single-mark emphasis', () => {
    expect(normalizeQuestion('yo @Footnote quick q - where did zelenskyy land 🙏')).toBe('where did zelenskyy land?');
    expect(normalizeQuestion('ok so like... what did trump say about sanctions lol')).toBe('what did trump say about sanctions?');
    expect(normalizeQuestion('do u know where zelenskyy landed? thanks a lot :)')).toBe('where zelenskyy landed?');
    expect(normalizeQuestion('Well, how many journalists were outside the _palace_? :P')).toBe('how many journalists were outside the palace?');
  });

  it('ends a question typed without its question mark with one, as USE-lite embeds questions best', () => {
    expect(normalizeQuestion('who leads the russian delegation')).toBe('who leads the russian delegation?');
    expect(normalizeQuestion('Did the Kremlin confirm it')).toBe('Did the Kremlin confirm it?');
    expect(normalizeQuestion('the mineral deal')).toBe('the mineral deal');
    expect(normalizeQuestion('Who won.')).toBe('Who won.');
  });

  it('takes a question typed in capitals down to lower case, but not an acronym', () => {
    expect(normalizeQuestion('WHO LEADS THE RUSSIAN DELEGATION?')).toBe('who leads the russian delegation?');
    expect(normalizeQuestion('Who runs NATO?')).toBe('Who runs NATO?');
    expect(normalizeQuestion('UN, EU?')).toBe('UN, EU?');
  });

  it('keeps words that only look like fillers or marks', () => {
    for (const question of ['Right-wing parties won where?', 'So-called experts said what?', 'Like what did he say?', 'Is the snake_case_name here?', 'What did 5*3 equal?', 'Who said "I love it :)"?']) {
      expect(normalizeQuestion(question)).toBe(question);
    }
  });

  it('keeps the text when nothing but padding is left', () => {
    expect(normalizeQuestion('Thanks')).toBe('Thanks');
  });
});

describe('askedType', () => {
  it('reads the answer type from the wh-phrase', () => {
    expect(askedType('Who leads the Russian delegation?')).toBe('person');
    expect(askedType('How many people are in the Russian delegation?')).toBe('number');
    expect(askedType('When did Okafor come on?')).toBe('date');
    expect(askedType('Which Asian city appears in the byline?')).toBe('place');
    expect(askedType('Which countries are Ukraine’s allies?')).toBe('place');
    expect(askedType('How fast can drivers go on the bridge?')).toBe('number');
    expect(askedType('How deep is the harbour?')).toBe('number');
    expect(askedType('Why was Osei against it?')).toBeUndefined();
  });

  it('reads a yes-or-no question\'s relative "who" as no wh-phrase, but one it asks in turn as one', () => {
    expect(askedType('is there any backup vessel for people who really need to travel?')).toBeUndefined();
    expect(askedType('Are the residents who objected being consulted?')).toBeUndefined();
    expect(askedType('Does the article say who leads the team?')).toBe('person');
    expect(askedType('Do we know where the trams will stop?')).toBe('place');
  });

  it('reads a wh-word\'s noun that no list names by what WordNet files it under', () => {
    expect(askedType('Which doctor ran the study?')).toBe('person');
    expect(askedType('What German poet was descended from Huguenots?')).toBe('person');
    expect(askedType('In which county does the town lie?')).toBe('place');
    expect(askedType('Which libraries were going to close?')).toBeUndefined();
    expect(askedType('What kind of committee considered it?')).toBeUndefined();
    expect(askedType('What type of city has Warsaw been?')).toBeUndefined();
    expect(askedType('What caused Luther to write hymns?')).toBeUndefined();
  });
});

describe('typedSpans and novelSpans', () => {
  const sentence = 'The Kremlin dispatched a relatively young team led by Kremlin-language assistant Vladimir Medinsky on Thursday.';

  it('finds people, dates and figures with their offsets', () => {
    const found = typedSpans(sentence).map((span) => [span.type, sentence.slice(span.start, span.end)]);
    expect(found).toContainEqual(['person', 'Vladimir Medinsky']);
    expect(found).toContainEqual(['date', 'Thursday']);
    expect(typedSpans('The line will cost an estimated $412 million.').map((s) => s.type)).toEqual(['number']);
  });

  it('reads no mere proper noun after "near", "in", "at" as the person a question asks for', () => {
    const crash = 'Police are appealing for witnesses after a hit-and-run on the A38 near Wellbridge on Friday.';
    expect(novelSpans('Which officer is leading the appeal?', crash, 'person')).toEqual([]);
    const call = 'The call from Trump came after Vladimir Putin spoke in Ankara.';
    expect(novelSpans('Who called?', call, 'person').map((s) => call.slice(s.start, s.end))).toEqual(expect.arrayContaining(['Trump', 'Vladimir Putin']));
  });

  it('answers a question about a kind of person with no building or institution ("Southmead Hospital")', () => {
    const hospital = 'The cyclist was taken by air ambulance to Southmead Hospital in Bristol.';
    expect(novelSpans("What is the cyclist's name?", hospital, 'person')).toEqual([]);
    const expert = 'Professor Mira Halvorsen, an expert at Lund University, said so.';
    expect(novelSpans('Which outside expert commented?', expert, 'person').map((s) => expert.slice(s.start, s.end))).toEqual(['Mira Halvorsen']);
    const of = 'Professor Mira Halvorsen of Lund University said so.';
    expect(novelSpans('Who commented?', of, 'person').map((s) => of.slice(s.start, s.end))).toEqual(['Mira Halvorsen', 'Lund University']);
  });

  it('ignores candidates the question already names', () => {
    expect(novelSpans('Who is heading Ukraine’s delegation?', 'Ukraine will send a delegation.', 'person')).toEqual([]);
  });

  it('holds only a sum for a question that names money, and a share too when it asks how much something changed', () => {
    const votes = 'Priya Nandakumar has been elected mayor, beating Graham Tierney by 1,112 votes.';
    expect(novelSpans("What is Nandakumar's salary as mayor?", votes, 'number')).toEqual([]);
    expect(novelSpans('How much will the phone cost?', 'It goes on sale in 12 countries, priced at €249.', 'number').length).toBe(1);
    expect(novelSpans('How much did wages grow?', 'Average wages grew by 6% in the year to March.', 'number').length).toBe(1);
    expect(novelSpans('How many votes did Tierney get?', votes, 'number').length).toBe(1);
    expect(novelSpans('How many people does Brightwater employ?', 'Brightwater also announced a £150 million share buyback.', 'number')).toEqual([]);
    expect(novelSpans('How many dollars did it raise?', 'It raised $40 from the sale.', 'number').length).toBe(1);
    // Nor by a measure, unless the question counts its units.
    expect(novelSpans('How many people live in Larkfield?', 'Larkfield approved a 7.8-mile tram line.', 'number')).toEqual([]);
    expect(novelSpans('How many miles long is the line?', 'Larkfield approved a 7.8-mile tram line.', 'number').length).toBe(1);
    expect(asksForSum('What is the total price tag?')).toBe(true);
    expect(asksForSum('What was the cost of living like?')).toBe(false);
    expect(asksForSum('By how much was the price cap cut?')).toBe(false);
  });

  const dates = (text: string) => typedSpans(text).filter((s) => s.type === 'date').map((s) => text.slice(s.start, s.end));
  const figures = (text: string) => typedSpans(text).filter((s) => s.type === 'number').map((s) => text.slice(s.start, s.end));

  it('reads dates written day first, years before 1800, ranges, decades, centuries and clock times', () => {
    expect(dates('The charter was sealed on 12 May 1705 in the abbey.')).toEqual(['12 May 1705']);
    expect(dates('The council met on May 1705 terms.')).toEqual(['May 1705']);
    expect(dates('The bridge opened in 1349, and the tower in the summer of 1521.')).toEqual(['1349', 'summer of 1521']);
    expect(dates('He reigned from 1321 to 1323, and the war ran 1939–45.')).toEqual(['1321 to 1323', '1939–45']);
    expect(dates('Trade grew in the 1960s and in the nineteenth century.')).toEqual(['1960s', 'the nineteenth century']);
    expect(dates('The clock read 4:51 when the whistle went.')).toEqual(['4:51']);
    expect(dates('By 9000 BP the land was forested; Pompeii fell in AD 79, Carthage in 146 BC.')).toEqual(['9000 BP', 'AD 79', '146 BC']);
    expect(dates('They wrote most before World War I and after the Second World War.')).toEqual(['before World War I', 'after the Second World War']);
    expect(dates('Rates rose 25 BP; an ad 30 seconds long ran.')).toEqual([]);
  });

  it('reads the end or start of a period as a date, and every number word below a hundred as a figure', () => {
    expect(dates('The ferry will stop running at the end of the month.')).toEqual(['the end of the month']);
    expect(dates('Work resumes at the start of 2027, and the review reports later this year.')).toEqual(['the start of 2027', 'later this year']);
    expect(figures('The bridge reopened eighteen months later, after seventy days of tests.')).toEqual(['eighteen', 'seventy']);
  });

  it('keeps a temperature\'s unit with its figure ("39C", "104 °F")', () => {
    expect(figures('Temperatures reached 39C on Monday and 104 °F in the valley; the 3D model was ready.')).toEqual(['39C', '104 °F', '3']);
  });

  it('reads a proportion said as two figures as one ("one in five"), but not a figure before a year', () => {
    expect(figures('Fewer than one in five classrooms, three out of 4 schools; they won 3 in 2019.')).toEqual(['one in five', 'three out of 4', '3']);
  });

  it('reads a fraction in words as a figure, but not an ordinal before its noun', () => {
    expect(figures('Colds fell by almost a third; two-thirds of homes and three quarters of staff took part.')).toEqual(['a third', 'two-thirds', 'three quarters']);
    expect(figures('They plan a third runway.')).toEqual([]);
  });

  it('reads noon and midnight as times, and keeps the full stop of "p.m."', () => {
    expect(dates('Schools will close at noon for the rest of the week.')).toEqual(['noon']);
    expect(dates('The centres stay open until 10 p.m. and reopen at 8 a.m. on Sunday.')).toEqual(['10 p.m.', '8 a.m.', 'Sunday']);
    expect(dates('The river peaked shortly after 4am, and again at 10.30pm.')).toEqual(['4am', '10.30pm']);
  });

  it('does not read a verb or a longer figure as a date', () => {
    expect(dates('Officials may march on the capital if prices fall.')).toEqual([]);
    expect(dates('The region has 19000 farms and 1500.5 hectares.')).toEqual([]);
    expect(dates('Prices may rise in May.')).toEqual(['May']);
    // A year is a date, so it is not also a figure; the rest of a sentence's numbers still are.
    expect(figures('In 1705 the town had 2,400 people and a 20–18 win.')).toEqual(['2,400', '20–18']);
  });

  it('keeps a name whole inside brackets, and drops lower-case phrases and dangling dashes', () => {
    const text = 'The part went to Jean Cauvin (John Calvin) in Geneva.';
    const names = typedSpans(text).filter((s) => s.type === 'person' || s.type === 'place').map((s) => text.slice(s.start, s.end));
    expect(names.some((name) => /[()]/.test(name))).toBe(false);
    for (const span of typedSpans('The first quarterback met Dr. Ana Ruiz in Lyon.')) {
      if (span.type === 'person' || span.type === 'place') expect('The first quarterback met Dr. Ana Ruiz in Lyon.'.slice(span.start, span.end)).toMatch(/\p{Lu}/u);
    }
  });

  it('reads no capitalised pronoun as a person', () => {
    const quote = '"It may change, but I\'m waiting to see, and then I\'ll decide," Zelenskyy said.';
    expect(novelSpans('Who will decide?', quote, 'person').map((s) => quote.slice(s.start, s.end))).toEqual(['Zelenskyy']);
    expect(novelSpans('Who agreed?', 'He left, and She agreed while We stayed.', 'person')).toEqual([]);
    const trade = 'Officials from the US met their Canadian counterparts.';
    expect(novelSpans('Where did the officials meet?', trade, 'place').map((s) => trade.slice(s.start, s.end))).toContain('US');
  });

  it('offers a name after a locative preposition as a place, but never a tagged person', () => {
    const text = 'The laws are made in Westminster after a call from Peter Ashworth.';
    const places = novelSpans('Where are the laws made?', text, 'place').map((s) => text.slice(s.start, s.end));
    expect(places).toContain('Westminster');
    expect(places).not.toContain('Peter Ashworth');
  });

  it('holds a height, depth, width, weight or distance to its units, but not a length of time or an age', () => {
    const spans = (q: string, text: string) => novelSpans(q, text, 'number').map((s) => text.slice(s.start, s.end));
    const signing = 'Castlebrook Rovers signed 19-year-old midfielder Tomas Kerr for 38 million pounds.';
    expect(spans('How tall is Tomas Kerr?', signing)).toEqual([]);
    expect(spans('how tall was the thing that blew up?', 'The 21-metre rocket left the launch complex at 6:42 p.m.')).toContain('21');
    expect(spans('how far a drive is the other airport?', 'Passengers were sent to Harwick, about 90 minutes away by road.')).toContain('90');
    expect(spans('How long will he be out?', 'He will miss six games.')).toContain('six');
    expect(spans('How old is Tomas Kerr?', signing)).toContain('19');
  });
});

describe('askedType', () => {
  it('takes the wh-phrase that comes first', () => {
    expect(askedType('Who was the leader when the Franks entered the valley?')).toBe('person');
    expect(askedType('How many seconds were left when the kick was taken?')).toBe('number');
    expect(askedType('The drought hit the south in what year?')).toBe('date');
  });

  it('reads a rate, a population or a measure named as a noun as asking for a figure', () => {
    expect(askedType('What was the inflation rate in April?')).toBe('number');
    expect(askedType("What was Warsaw's population in 1901?")).toBe('number');
    expect(askedType('What is the height of the tower?')).toBe('number');
  });

  it('reads the noun after a verb of doing as the question\'s subject, not what it asks for', () => {
    expect(askedType('What will the team do next?')).toBeUndefined();
    expect(askedType('What did the coach praise about her team?')).toBeUndefined();
    expect(askedType('What team won the cup?')).toBe('person');
    expect(askedType('What was the final score?')).toBe('number');
  });

  it('reads a later "when" or "who" as a clause of the question, not what it asks', () => {
    expect(askedType('What did Peskov say when asked if Putin would attend?')).toBeUndefined();
    expect(askedType('What is it called when people refuse to pay a tax?')).toBeUndefined();
    expect(askedType('How did the man who founded the firm die?')).toBeUndefined();
    expect(askedType('When many people are arrested, what is a common tactic?')).toBeUndefined();
    expect(askedType('Did Putin go to Istanbul, and when?')).toBe('date');
  });
});

describe('answerPhrase', () => {
  it('marks the person for "who", the figure for "how many", nothing for "why"', () => {
    const quote = 'The Kremlin dispatched a relatively young team led by Kremlin-language assistant Vladimir Medinsky.';
    const phrase = answerPhrase('Who leads the Russian delegation?', quote)!;
    expect(quote.slice(phrase.start, phrase.end)).toBe('Vladimir Medinsky');
    const stops = 'The route will have 14 stops, including St. Brendan’s Square.';
    const figure = answerPhrase('How many stops will the route have?', stops)!;
    expect(stops.slice(figure.start, figure.end)).toBe('14');
    expect(answerPhrase('Why was Osei against it?', quote)).toBeUndefined();
  });

  const marked = (question: string, quote: string) => {
    const phrase = answerPhrase(question, quote);
    return phrase && quote.slice(phrase.start, phrase.end);
  };

  it('prefers the figure of what the question counts, and the kind of date it asks for', () => {
    const game = 'Leading 20–18 with 2 minutes left, they held on as 17 seconds remained.';
    expect(marked('How many seconds remained on the clock?', game)).toBe('17');
    const votes = 'Of 12,400 voters, 6,100 backed the plan and 32.9% stayed at home.';
    expect(marked('What percentage of voters did not vote?', votes)).toBe('32.9%');
    expect(marked('In what year did the plague reach the port?', 'The plague reached the port in the spring, in 1347.')).toBe('1347');
    expect(marked('How much will the fences cost?', 'The trust will fence three ponds at a cost of £4,000 in all.')).toBe('£4,000');
    expect(marked('How much money went to the network?', 'Of the five bidders, one gave the network 2 million dollars.')).toBe('2 million');
  });

  it('marks a measure with its unit, of the kind the question measures in', () => {
    const branches = 'Three branch libraries that were due to close will stay open for at least another two years.';
    expect(marked('How long will the branches remain open?', branches)).toBe('two years');
    const storm = 'The storm, 550 km from the coast, brought winds of 110 mph to 3 towns.';
    expect(marked('How fast were the winds?', storm)).toBe('110 mph');
    expect(marked('How far from the coast was the storm?', storm)).toBe('550 km');
    expect(marked('How long does it take?', 'New fields take five to ten years to produce oil.')).toBe('five to ten years');
    // Rising from one figure to another is two figures, not a range.
    const losses = 'Losses rose from 415,000 to 587,000 hectares.';
    expect(typedSpans(losses).map((s) => losses.slice(s.start, s.end))).toEqual(['415,000', '587,000']);
  });

  it('marks the year alone for "what year", and a period said with "between" whole', () => {
    expect(marked('What year did Tesla die?', 'Tesla died on 7 January 1943 in New York.')).toBe('1943');
    expect(marked('In what year was the highway built?', 'The highway was built in the 1950s.')).toBe('1950s');
    expect(marked('During which years was the plague present?', 'The plague was present between 1500 and 1850.')).toBe('1500 and 1850');
  });

  it('marks the whole name the tagger read part of, but not the role before it', () => {
    expect(marked('Who was one prominent arms manufacturer?', 'One arms manufacturer was E.I. du Pont, who founded a gunpowder mill.')).toBe('E.I. du Pont');
    expect(marked('Whose translation did the Bible influence?', "It influenced William Tyndale's English Bible.")).toBe('William Tyndale');
    expect(marked('Who visited Karachi?', 'In 1952 Pakistani Prime Minister Benazir Bhutto visited Karachi.')).toBe('Benazir Bhutto');
    // The tagger reads an unknown first word as a common noun; a word WordNet does not know is still the name's.
    expect(marked('Which company runs the service?', "Northline Rail's managing director, Colin Ashworth, apologised.")).toBe('Northline Rail');
    const journey = 'The 7:42 service from Hollinsford to Penmarsh Central was late, according to the operator, Northline Rail.';
    expect(marked('Which company runs the service?', journey)).toBe('Northline Rail');
  });

  it('marks every name of a list when the question asks for several, and one name otherwise', () => {
    const advisers = 'His advisers included Liu Bingzhong and Yao Shu, who served him for decades.';
    expect(marked("Who were two of Kublai's advisers?", advisers)).toBe('Liu Bingzhong and Yao Shu');
    expect(marked('Who served him for decades?', advisers)).not.toContain(' and ');
  });

  it('marks how often in words ("twice a day", "every five years"), and no figure in other units for a measure', () => {
    expect(marked('How often was the spray used?', 'Half of the homes were given the spray, which residents used twice a day.')).toBe('twice a day');
    expect(marked('How often are elections held?', 'Elections to the Parliament are held every five years.')).toBe('every five years');
    expect(marked('How long did hospital stays last?', 'Hospital admissions fell by 18%, the researchers said.')).toBeUndefined();
    expect(marked('How far away is the town?', 'The town is 12km away, and 3 buses go there.')).toBe('12km');
    expect(marked('How many residents took part?', 'Half of the homes were given the spray, which residents used twice a day.')).toBe('Half');
  });

  it('marks no other name for "Who is <a name the sentence holds>?", which asks what the sentence says of them', () => {
    const quote = "Council leader Grant Laing said the water came over the wall near the Queen's Bridge.";
    expect(marked('who is grant laing', quote)).toBeUndefined();
    expect(marked('Who is the council leader?', quote)).toBe('Grant Laing');
  });

  it('splits a run of proper nouns at a comma, but not a tagged place', () => {
    expect(marked('Who wrote the article?', 'By Priya Natarajan, Local Democracy Reporter')).toBe('Priya Natarajan');
  });

  it('marks a sum of money for "how much" before its verb', () => {
    const parking = "Charges in the council's five car parks will rise by 20p an hour, which is expected to raise £400,000 a year.";
    expect(marked('How much will the parking increase bring in?', parking)).toBe('£400,000');
  });

  it('marks a name the tagger read as a place when the sentence has it speak ("said Ellen Marsh")', () => {
    const quote = '"Two years is a reprieve, not a rescue," said Ellen Marsh, who chairs the Friends of Millbrook Library.';
    expect(marked('Who chairs the Friends of Millbrook Library?', quote)).toBe('Ellen Marsh');
    expect(novelSpans('Who chairs it?', 'The club meets in Ellen Marsh every week.', 'person')).toEqual([]);
  });

  it('marks a match\'s score for "the score", and no figure that measures where a count or a sum is asked', () => {
    const break_ = 'Marlow kept Rovers in touch with two penalties, and the hosts trailed 14-6 at half-time.';
    expect(marked('What was the score at the break?', break_)).toBe('14-6');
    expect(marked('How many penalties did Marlow kick?', break_)).toBe('two');
    const try_ = 'Rhys Daniels scored their first try five minutes into the second half.';
    expect(marked('How many tries did Eastbridge score in the season?', try_)).toBeUndefined();
    expect(marked('How many minutes into the half was the try?', try_)).toBe('five');
    // A temperature carries its unit inside the figure.
    expect(marked("How many teachers work in Dunmore's schools?", 'Schools will close, with temperatures forecast to reach 39C.')).toBeUndefined();
    expect(marked('How hot will it get?', 'Schools will close, with temperatures forecast to reach 39C.')).toBe('39C');
    expect(marked('How much funding did the trust give?', 'The study was funded by the trust and took 18 months.')).toBeUndefined();
    expect(marked('How much do they eat in a day?', 'They eat ten times their own weight in a day.')).toBe('ten');
    expect(marked('How much does the spray cost?', 'Half of the homes were given the spray.')).toBeUndefined();
    // A change is answered by a share, whatever it is a change of.
    expect(marked('By how much was the price cap cut?', 'Energy bills fell after the price cap was lowered by 12% in April.')).toBe('12%');
    expect(marked('How much did wages grow?', 'Average wages grew by 6% in the year to March.')).toBe('6%');
    expect(marked('How fast are service prices rising?', 'The cost of services rose by 5.9% over the year.')).toBe('5.9%');
    expect(marked('How much does the spray cost?', 'The spray costs £4 a bottle.')).toBe('£4');
  });

  it('marks a duration given by its end or start for "how long" ("until March 2026", "since 2019"), for no other measure', () => {
    expect(marked('How long does the grant last?', 'The government grant covers the cap until March 2026.')).toBe('until March 2026');
    expect(marked('How long has she been harbourmaster?', 'Linda Okoro has been harbourmaster since 2019.')).toBe('since 2019');
    expect(marked('How old is he?', 'He lived until 1950.')).toBeUndefined();
    // How long something has lasted is answered by when it began.
    expect(marked('How long has Moriarty been in charge?', 'Moriarty, who took over in 2023, praised his players.')).toBe('2023');
    expect(marked('How long will the works last?', 'The works began in 2023.')).toBeUndefined();
    // A weekday or a clock time alone begins nothing that lasts; with "since" it does.
    const parade = 'The squad will parade the trophy on Sunday, starting at 2 p.m.';
    expect(marked('How long has the skipper been with the team?', parade)).toBeUndefined();
    expect(marked('How long has he been in hospital?', 'He has been in hospital since Sunday.')).toBe('since Sunday');
  });

  it('marks a surname the article gave a person in full when it opens the sentence ("Marlow converted…")', () => {
    const quote = 'Marlow converted and then kicked a third penalty to put Rovers ahead.';
    const surnames = surnamesIn(['Replacement winger Sione Tapueluelu went over, and fly-half Ben Marlow added the conversion.']);
    expect([...surnames].sort()).toEqual(['Marlow', 'Tapueluelu']);
    const phrase = answerPhrase('Who kicked the penalty?', quote, () => surnames)!;
    expect(quote.slice(phrase.start, phrase.end)).toBe('Marlow');
    expect(marked('Who kicked the penalty?', quote)).toBe('Rovers');
  });

  it('marks no name headed by a thing the question names ("Who won the cup?" is not "the National Cup")', () => {
    const final = "St. Kilian's Athletic won the National Cup on Saturday, beating Redmere United 3-2.";
    expect(marked('Who won the cup?', final)).toBe("St. Kilian's Athletic");
    expect(marked('Which party won the election?', 'The Labour Party won the election.')).toBe('Labour Party');
    expect(marked('Who is the phone for?', "The phone runs Lumen's own version of Android.")).toBeUndefined();
    // A kind of organisation asked for is not a person the tagger names; its possessive still asks for the person.
    const run = 'The service is run by Northline Rail, whose managing director, Colin Ashworth, apologised.';
    expect(marked('Which company runs the service?', run)).toBe('Northline Rail');
    expect(marked("Which company's boss apologised?", "Northline Rail's managing director, Colin Ashworth, apologised.")).toBe('Colin Ashworth');
  });

  it('marks the winner, not the side beaten, for "Who won?", even where the tagger knows only the loser\'s first name', () => {
    const election = 'Priya Nandakumar has been elected mayor of Westholm, beating the sitting mayor, Graham Tierney, by 1,112 votes.';
    expect(marked('Who won the Westholm mayoral election?', election)).toBe('Priya Nandakumar');
    expect(marked('Who is the sitting mayor?', election)).toBe('Graham Tierney');
    const match = 'Fenwick Rovers reached the final after a try in the last minute gave them a 24-20 win over Eastbridge on Saturday.';
    expect(marked('Who won?', match)).toBe('Rovers');
    expect(marked('Who won?', 'A late try gave them a 24-20 win over Eastbridge.')).toBeUndefined();
  });

  it('reads two or three capitalised words no dictionary knows as a full name, but not a name with common words in it', () => {
    expect(taggedSpans('Priya Nandakumar promised to freeze council tax.').map((s) => [s.type, s.strength])).toContainEqual(['person', 2]);
    const names = (text: string) => taggedSpans(text).filter((s) => s.strength > 1).map((s) => text.slice(s.start, s.end));
    expect(names('A group calling itself Black Harbour has claimed responsibility.')).toEqual([]);
  });

  it('marks an age, bare or in years, and no share or sum for "How old…?"; a telephone number as one figure', () => {
    expect(marked('How old is Nandakumar?', "She will be the first woman to serve as Westholm's mayor and, at 39, the youngest.")).toBe('39');
    expect(marked('How old is Nandakumar?', 'Nandakumar, standing for the Green Party, won 41.3% of first-preference votes.')).toBeUndefined();
    expect(marked('How old are the fossils?', 'Fossils thought to be ctenophores are 515 million years ago.')).toBe('515 million years');
    expect(marked('How old was she?', 'Ellery, who spent eleven years as a keeper, has died at the age of 91.')).toBe('91');
    expect(marked('How old is the cyclist?', 'The 34-year-old man was struck by a van.')).toBe('34-year-old');
    expect(marked('Where did the crash happen?', 'A pedestrian was killed at a busy junction in 2023.')).toBe('a busy junction');
    const helpline = 'Patients will be contacted by letter within two weeks, and a helpline has been set up on 0800 555 0190.';
    expect(marked('What is the helpline number?', helpline)).toBe('0800 555 0190');
    expect(marked('What number should people call?', 'Call +44 20 7946 0958 for details.')).toBe('+44 20 7946 0958');
    expect(marked('How many weeks until letters arrive?', helpline)).toBe('two');
  });

  it('marks a measure given by comparison for a measuring question ("smaller than a grain of rice")', () => {
    const brain = '"A bee\'s brain is smaller than a grain of rice, yet it can clearly do this."';
    expect(marked("How big is a bee's brain?", brain)).toBe('smaller than a grain of rice');
    // Only a comparison of what is asked: an age is not "larger than we expected".
    const gap = '"The gap was larger than we expected," said Dr Helena Vossberg.';
    expect(marked('How old is Dr Helena Vossberg?', gap)).toBeUndefined();
    expect(novelSpans('How old is Dr Helena Vossberg?', gap, 'number')).toEqual([]);
    expect(marked('How big was the gap?', gap)).toBe('larger than we expected');
    expect(marked('How tall is it?', 'It is taller than the old tower in the square.')).toBe('taller than the old tower');
    expect(marked('How many bees were there?', brain)).toBeUndefined();
  });

  it('marks a common noun\'s place for "where" when the sentence names none', () => {
    expect(marked('Where do most pharmacists work?', 'Most pharmacists work in nursing homes, the survey found.')).toBe('nursing homes');
    expect(marked('Where did the family sleep?', 'The family slept in their living room for a winter.')).toBe('their living room');
    expect(marked('Where did the family sleep?', 'The family slept at a hotel in Leeds.')).toBe('Leeds');
    // An event or a time is no place: WordNet files "incident" and "half" under them.
    expect(marked('Where did the crash happen?', 'The crash happened a mile from where a man was killed in a similar incident.')).toBeUndefined();
    expect(marked('Where do children work?', 'Most working children work in agriculture.')).toBe('agriculture');
    expect(marked('Where is Lumen based?', 'Lumen was founded in 2015 by two former engineers from Nokia.')).toBeUndefined();
  });

  it('marks the phrase where the question\'s words gather, not the one beside a single shared word', () => {
    const funeral = 'At the funeral of Anna Berg, the last Prime Minister of the old republic, the eulogy was read by a minister, Karl Berg.';
    expect(marked('Who was the final Prime Minister of the old republic?', funeral)).toBe('Anna Berg');
  });
});

describe('relatedWords and softCoverage', () => {
  it('relates words through WordNet synonyms and hypernyms', () => {
    expect(relatedWords('arrive')).toContain('come');
    expect(relatedWords('reporter')).toContain('newsman');
  });

  it('gives partial credit for a related word and full credit for the word itself', () => {
    const analysis = analyzeQuestion('When did the reporter arrive?', { idf: () => 1 });
    const exact = softCoverage(analysis, { exact: new Set(['report', 'arriv']), related: new Set() });
    const related = softCoverage(analysis, { exact: new Set(['report', 'come']), related: new Set() });
    expect(exact).toBe(1);
    expect(related).toBeGreaterThan(0.5);
    expect(related).toBeLessThan(1);
  });
});

describe('fitLogisticModel', () => {
  it('learns a positive weight for a feature that separates the classes, and probabilities that follow it', () => {
    const examples = Array.from({ length: 40 }, (_, i) => ({ features: { x: i / 40, noise: (i * 7) % 3 }, answerable: i >= 20 === (i % 9 !== 0) }));
    const model = fitLogisticModel(examples, ['x', 'noise']);
    expect(model.weights.x).toBeGreaterThan(1);
    expect(logisticProbability({ x: 0.9, noise: 1 }, model)).toBeGreaterThan(logisticProbability({ x: 0.1, noise: 1 }, model));
  });
});

function candidate(id: string, score: number, answer: number): ScoredPassage {
  const text = `Sentence ${id}.`;
  return {
    passage: { article: 'a', id, paragraph: 1, sentence: 1, text, start: 0, end: text.length },
    score,
    dense: 0,
    lexical: 0,
    coverage: 0,
    highlights: [],
    features: { answer },
  };
}

describe('rankByProbability and decideAnswer', () => {
  const calibration: Calibration = { model: 'm', weights: { answer: 10 }, bias: -5, threshold: 0.5, citationThreshold: 0.2, fittedOn: 'test' };

  it('orders by answer probability and cites a further passage above the citation threshold', () => {
    const ranked = rankByProbability([candidate('1.1', 1, 0.4), candidate('2.1', 0.8, 0.9), candidate('3.1', 0.9, 0.1)], calibration);
    expect(ranked.map((c) => c.passage.id)).toEqual(['2.1', '1.1', '3.1']);
    const decision = decideAnswer(ranked, calibration);
    expect(decision.answered).toBe(true);
    expect(decision.shown.map((entry) => entry.scored.passage.id)).toEqual(['2.1', '1.1']);
  });

  it('abstains when no top passage clears the answer threshold', () => {
    const decision = decideAnswer([candidate('1.1', 1, 0.45), candidate('2.1', 0.9, 0.3)], calibration);
    expect(decision.answered).toBe(false);
    expect(decision.shown).toHaveLength(2);
  });
  it('answers a "when" or a measuring question only from a passage that holds what it asks and does not give', () => {
    const undated = (id: string, answer: number) => ({ ...candidate(id, 1, answer), features: { answer, typeFound: 0, typeMissing: 1 } });
    const dated = (id: string, answer: number) => ({ ...candidate(id, 1, answer), features: { answer, typeFound: 1, typeMissing: 0 } });
    const when = 'When will the repairs be finished?';
    expect(decideAnswer([undated('1.1', 0.9)], calibration, 1, when).answered).toBe(false);
    expect(decideAnswer([undated('1.1', 0.9)], calibration, 1, 'How long will Fernández be out injured?').answered).toBe(false);
    expect(decideAnswer([undated('1.1', 0.9)], calibration, 1, 'How many people live in Larkfield?').answered).toBe(true);
    expect(decideAnswer([undated('1.1', 0.9)], calibration, 1, 'Who leads the delegation?').answered).toBe(true);
    expect(decideAnswer([undated('1.1', 0.9)], calibration).answered).toBe(true);
    // A dated passage among the top ones that clears the threshold answers; the undated one is still cited first.
    const both = decideAnswer([undated('1.1', 0.9), dated('2.1', 0.8)], calibration, 1, when);
    expect(both.answered).toBe(true);
    expect(both.shown.map((entry) => entry.scored.passage.id)).toEqual(['1.1', '2.1']);
    expect(answeringProbability([undated('1.1', 0.9), dated('2.1', 0.8)], calibration, when)).toBeCloseTo(1 / (1 + Math.exp(-3)), 10);
    expect(answeringProbability([undated('1.1', 0.9)], calibration, when)).toBe(0);
    // A passage whose features do not say whether it holds the type is not judged by it.
    expect(decideAnswer([candidate('1.1', 1, 0.9)], calibration, 1, when).answered).toBe(true);
    expect(composeAnswer(when, [undated('1.1', 0.9)], calibration)).toMatchObject({ answered: false, lacks: 'date' });
    expect(decideAnswer([undated('1.1', 0.9)], calibration, 1, 'How long will Fernández be out injured?').lacks).toBe('measure');
    // Refused for a low probability, it lacks nothing in particular.
    expect(decideAnswer([undated('1.1', 0.3)], calibration, 1, when).lacks).toBeUndefined();
  });

  it('asks more of a question asked of many articles: the threshold rises log-linearly from `from` to `articles`', () => {
    const crowded: Calibration = { ...calibration, threshold: 0.1, crowded: { from: 3, articles: 48, threshold: 0.3 } };
    expect(answerThreshold(crowded, 1)).toBe(0.1);
    expect(answerThreshold(crowded, 3)).toBe(0.1);
    expect(answerThreshold(crowded, 12)).toBeCloseTo(0.2, 10);
    expect(answerThreshold(crowded, 48)).toBeCloseTo(0.3, 10);
    expect(answerThreshold(crowded, 5_000)).toBeCloseTo(0.3, 10);
    expect(answerThreshold(calibration, 5_000)).toBe(0.5);
    // answer 0.55 → probability logistic(10 × 0.55 − 5) = 0.62: above 0.5 alone, below a crowded 0.7.
    const high: Calibration = { ...calibration, crowded: { from: 3, articles: 48, threshold: 0.7 } };
    expect(decideAnswer([candidate('1.1', 1, 0.55)], high, 1).answered).toBe(true);
    expect(decideAnswer([candidate('1.1', 1, 0.55)], high, 48).answered).toBe(false);
    expect(composeAnswer('What happened?', [candidate('1.1', 1, 0.55)], high, undefined, 48).answered).toBe(false);
    expect(composeAnswer('What happened?', [candidate('1.1', 1, 0.55)], high).answered).toBe(true);
    expect(composeAnswer('What happened?', [candidate('1.1', 1, 0.55)], high, undefined, 48).articles).toBe(48);
    expect(composeAnswer('What happened?', [candidate('1.1', 1, 0.55)], high, undefined, 2).articles).toBeUndefined();
  });
});

describe('tokenF1 and normalizeAnswer', () => {
  it('scores answer phrases as SQuAD does', () => {
    expect(normalizeAnswer('The Kremlin!')).toBe('kremlin');
    expect(tokenF1('Vladimir Medinsky', 'Medinsky')).toBeCloseTo(2 / 3, 10);
    expect(tokenF1('14', 'fourteen')).toBe(0);
  });
});
