/**
 * A follow-up question ("and when?", "who said so?") means little alone: it leans on the question before it. Before
 * retrieval it is resolved against the conversation's previous questions, in one of three ways, measured on
 * tests/fixtures/follow-ups (see the README's "Follow-up questions"):
 * - `alone`: as typed;
 * - `concatenate`: the previous question, then the follow-up;
 * - `entities`: the follow-up, then the names, figures and nouns of the previous question.
 * Each context-adding way applies only to a follow-up that leans on context, so a self-contained one is not dragged
 * back to the previous topic.
 */
import { nlp } from '../nlp.js';

export type FollowUpStrategy = 'alone' | 'concatenate' | 'entities';
export const FOLLOW_UP_STRATEGIES: readonly FollowUpStrategy[] = ['alone', 'concatenate', 'entities'];

/** How follow-ups are resolved unless told otherwise: the best of the measured ways. */
export const DEFAULT_FOLLOW_UP_STRATEGY: FollowUpStrategy = 'concatenate';

/** Words that point back to something said before, or open a question that continues the last one. */
const BACK_REFERENCE =
  /\b(?:he|she|it|they|them|him|her|his|hers|its|their|theirs|this|that|these|those|there|then|so|else|also|too|one|ones|same|former|latter)\b|^(?:and|but|or|what about|how about|so|also)\b/i;
const QUESTION_WORDS = new Set(['who', 'whom', 'whose', 'what', 'which', 'when', 'where', 'why', 'how', 'many', 'much', 'long', 'old', 'often']);

/**
 * True when the follow-up leans on what was asked before: it points back ("he", "that", "else", "and …?") or names
 * nothing of its own (no proper noun or figure, at most two content words besides question words).
 */
export function leansOnContext(followUp: string): boolean {
  const text = followUp.trim();
  if (BACK_REFERENCE.test(text)) return true;
  const doc = nlp(text);
  if (doc.match('(#ProperNoun|#Value)').found) return false;
  const content = doc
    .terms()
    .not('(#Pronoun|#Determiner|#Preposition|#Conjunction|#Auxiliary|#Copula|#QuestionWord)')
    .out('array')
    .map((word: string) => word.toLowerCase().replace(/[^\p{L}\p{N}'-]/gu, ''))
    .filter((word: string) => word && !QUESTION_WORDS.has(word));
  return content.length <= 2;
}

/** "Will Putin", "the palace", "many journalists": the question's own words around an entity, not the entity. */
const LEADING_FILLER = /^(?:(?:the|a|an|will|did|does|do|is|was|were|are|has|have|had|can|could|would|should|many|much)\s+)+/i;

/** Names, figures and nouns of a question: what a follow-up is about when it does not say. */
export function questionEntities(question: string): string[] {
  const doc = nlp(question);
  const phrases: string[] = [
    ...doc.match('#ProperNoun+').out('array'),
    ...doc.match('#Value+').out('array'),
    ...doc.nouns().not('(#Pronoun|#QuestionWord)').out('array'),
  ];
  const seen = new Set<string>();
  const entities: string[] = [];
  for (const phrase of phrases) {
    const cleaned = phrase.replace(LEADING_FILLER, '').replace(/[?!.,;:]+$/, '').trim();
    const key = cleaned.toLowerCase();
    if (cleaned.length < 2 || seen.has(key)) continue;
    seen.add(key);
    entities.push(cleaned);
  }
  return entities;
}

/** The text to retrieve with for `followUp`, given the conversation's earlier questions (oldest first). `gated: false` adds context to every follow-up: for measuring what the gate saves. */
export function resolveFollowUp(
  previous: readonly string[],
  followUp: string,
  strategy: FollowUpStrategy = DEFAULT_FOLLOW_UP_STRATEGY,
  { gated = true }: { gated?: boolean } = {},
): string {
  const last = previous.at(-1);
  if (strategy === 'alone' || !last || (gated && !leansOnContext(followUp))) return followUp;
  if (strategy === 'concatenate') return `${last} ${followUp}`;
  const entities = questionEntities(last).filter((entity) => !followUp.toLowerCase().includes(entity.toLowerCase()));
  return entities.length ? `${followUp} ${entities.join(' ')}` : followUp;
}

/**
 * What a new forum post asks. People title a post with the question and write around it ("Who leads the Russian
 * delegation?" / "Couldn't find it."), or title it with a topic and ask in the body ("Delegation" / "Who leads it?"):
 * a question-mark title over a body that asks nothing is the question; otherwise the body is, read as a follow-up to
 * the title, so a body that names its own subject is asked as written.
 */
export function forumPostQuestion(title: string, body: string): string {
  const topic = title.trim();
  const text = body.trim();
  if (!topic || text.toLowerCase().includes(topic.toLowerCase())) return text;
  if (topic.endsWith('?') && !text.includes('?')) return topic;
  return resolveFollowUp([topic], text);
}
