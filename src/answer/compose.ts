import type { Answer, Citation, Passage, ScoredPassage } from '../types.js';
import { answerThreshold, type Calibration } from './abstain.js';
import type { ArticleContext } from './article-context.js';
import { citationOf } from './citation.js';
import { decideAnswer, MAX_CITATIONS } from './decide.js';
import { answerPhrase } from './phrase.js';
import { needsSpeaker, speakerBefore } from './speaker.js';
import { articleSurnames } from './article-names.js';
import { askedType } from './answer-types.js';

export { MAX_CITATIONS } from './decide.js';

/**
 * Extractive answer: the best passages whose answer probability clears the calibrated threshold, quoted verbatim and
 * numbered. When none does, `answered` is false and the closest passages are returned as such. `articles`: how many
 * the question was asked of.
 */
export function composeAnswer(question: string, ranked: ScoredPassage[], calibration: Calibration, context?: ArticleContext, articles = 1): Answer {
  const { answered, shown, lacks } = decideAnswer(ranked, calibration, articles, question);
  const threshold = answerThreshold(calibration, articles);
  const asksForPerson = answered && askedType(question) === 'person';
  const citations: Citation[] = shown.map(({ scored, probability }, i) => {
    const surnames = context && asksForPerson ? () => articleSurnames(context, scored.passage.article) : undefined;
    // Only a sentence that itself clears the answer threshold has its answer marked: one cited as merely related
    // (between the citation and the answer threshold) would otherwise underline a name it does not give as the answer.
    const phrase = answered && probability >= threshold ? answerPhrase(question, scored.passage.text, surnames) : undefined;
    return { ...citationOf(i + 1, scored, probability), ...(phrase ? { phrase } : {}) };
  });
  if (!answered) return { question, answered, citations, ...(articles > 1 ? { articles } : {}), ...(lacks ? { lacks } : {}) };
  return { question, answered, citations: context ? withSpeaker(question, citations, shown[0]!.scored.passage, context) : citations };
}

/**
 * A "who" question answered by a quote that names no one ('"…," he said.') gets, as its second citation, the sentence
 * before it that names the speaker, with the name marked; the later citations move down, the last one dropping out.
 */
function withSpeaker(question: string, citations: Citation[], first: Passage, context: ArticleContext): Citation[] {
  const [top, ...rest] = citations;
  if (!top || top.phrase || !needsSpeaker(question, top.quote)) return citations;
  const speaker = speakerBefore(question, first, context);
  if (!speaker) return citations;
  const { passage, span } = speaker;
  const others = rest.filter((c) => !(c.article === passage.article && c.id === passage.id)).slice(0, MAX_CITATIONS - 2);
  const named: Citation = { n: 2, article: passage.article, id: passage.id, quote: passage.text, score: top.score, highlights: [], phrase: span, speakerOf: top.n };
  return [top, named, ...others.map((c, i) => ({ ...c, n: i + 3 }))];
}
