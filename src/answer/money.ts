/** How a question asks for a sum of money, and whether a figure of a sentence is one. */

/** A question that names money outright: "How much did it *cost*?", "How much *money*…", "…*worth*?". */
export const MONEY_WORDS = /\bhow much\b.*\b(?:cost|costs|costing|pay|paid|pays|spend|spent|charge|charged|price|priced|worth|fee|fees|earn|earned|raise|raised|sell|sold|owe|owed|budget|money|funding|fined|salary|wages?|prize|compensation)\b/;
/** "How much did it cost?", "How much money…", "How much will it bring in?": a sum, so a figure in a currency rather than a count ("three ponds"). */
export const MONEY_QUESTION = new RegExp(`\\bhow much (?:is|are|was|were|will|would|did|does|do|has|have|had|can|could|should|must)\\b|${MONEY_WORDS.source}`);
/** A question about how much something changed: "By how much…", "…grow / rise / fall / cut…". */
export const ASKS_CHANGE = /\bby how much\b|\b(?:grow|grew|grown|rise|rose|risen|fall|fell|fallen|increase|increased|decrease|decreased|drop|dropped|change|changed|cut|climb|climbed|shrink|shrank|go up|went up|go down|went down)\b/i;

/** A currency word after a figure: "12 million dollars", "49 pence". */
export const CURRENCY_AFTER = /^\s*(?:(?:million|billion|thousand)\s+)?(?:dollars?|pounds?|euros?|pence|cents?|yen|francs?|rupees?|yuan|roubles?)\b/i;

/** Whether the figure at [start, end) of `text` is a sum: a currency sign in it, or a currency word after it. */
export function isMoney(text: string, span: { start: number; end: number }): boolean {
  return /[$£€¥]/.test(text.slice(span.start, span.end)) || CURRENCY_AFTER.test(text.slice(span.end));
}

/**
 * A question only a sum answers: one that names money ("How much will the phone cost?", "What is the mayor's
 * salary?", "What is the total price tag?") and does not ask how much it changed ("How much did wages grow?" → "6%").
 */
export function asksForSum(question: string): boolean {
  const q = question.toLowerCase();
  return (MONEY_WORDS.test(q) || SUM_NOUN.test(q)) && !ASKS_CHANGE.test(q);
}
const SUM_NOUN = /\b(?:what|which)\b(?: [\p{L}'’-]+){0,4}? (?:price|prices|price tag|cost|costs|fee|fees|fare|fares|salary|salaries|budget|ransom|wage|wages)\b(?! (?:of|in) (?:living|life|lives|time|years?))/u;
