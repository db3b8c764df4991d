/**
 * Text to retrieve with: Discord mentions, zero-width and bidi control characters and runs of whitespace removed.
 * The question shown back to users is their own text; this is only what the retrievers see.
 */
export function cleanQuestion(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/<(?:@[!&]?|#)\d+>/g, ' ')
    .replace(/@(?:everyone|here)\b/g, ' ')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, '')
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .trim();
}

/** Politeness and chat framing around a question: not part of what is asked, yet it pulls retrieval off course. */
const PADDING: RegExp[] = [
  // A name typed as plain text rather than a Discord mention ("@Footnote where…").
  /^@[\w.-]+[\s,:;-]+/,
  /^(?:(?:hi|hello|hey|hiya|yo|greetings|good (?:morning|afternoon|evening))(?: there| all| everyone| bot| footnote)?[\s,!.:;-]+)+/i,
  /^(?:(?:a |one )?quick (?:question|q)|question|q|random question|sorry(?: to bother you)?|excuse me|(?:(?:ok(?:ay)?|so|um+|hmm+|well|like|right|alright|anyway)\s+)*(?:ok(?:ay)?|so|um+|hmm+|well|like|right|alright|anyway))(?: for (?:the |you,? )?(?:bot|footnote|you))?(?:\s*[,:;!?]+|\s+-+|\s*\.+|\s*…)\s*/i,
  /^(?:(?:can|could|would|will) (?:you|u) (?:please |pls |kindly )?(?:tell|show|let) me(?: know)?|(?:do|does) (?:you|u|anyone|the article) know|i(?:'d| would) like to know|i (?:was |am |'m )?wonder(?:ing)?|i want to know|tell me|please tell me)(?: please)?[\s,:]+(?:(?:if|whether) )?/i,
  /[\s,]+(?:please|pls|plz|kindly|thanks|thank you|thx|cheers|ty)(?: so much| very much| a lot| in advance)?(?=\s*[?.!]*\s*$)/i,
  /^(?:please|pls|plz|kindly)[\s,]+/i,
  /[\s,]*(?:thanks|thank you|thx|cheers|ty)(?: so much| very much| a lot| in advance)?[\s!.]*$/i,
  // Laughter, emoticons and emoji at the end ("… lol", "… :)", "… 🙏").
  /(?:\s*(?:\b(?:lol|lmao|haha+|hehe+)\b|[:;]-?[)(DPp](?![\p{L}\p{N}])|\p{Extended_Pictographic}|\uFE0F))+[\s!.]*$/iu,
];

/**
 * Contractions chat types without the apostrophe: "whos his lawyer?" asks who, as "who's his lawyer?" does; "whats",
 * "wheres", "isnt", "doesnt", "dont", "didnt", "wasnt", "cant", "wont" likewise (a claim's "isnt" negates it). Not
 * "its" or "shell", which are words of their own.
 */
const UNAPOSTROPHED: ReadonlyArray<[RegExp, string]> = [
  [/\b(who|what|where|when|how|there|that)s\b/gi, "$1's"],
  [/\b(is|are|was|were|does|do|did|has|have|had|would|could|should|must|need)nt\b/gi, "$1n't"],
  [/\b(ca|wo|ai)nt\b/gi, "$1n't"],
];

export function withApostrophes(text: string): string {
  return UNAPOSTROPHED.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** Three words or more, and no lower-case letter: typed in capitals. */
const SHOUTED = /^(?=(?:[^\p{L}]*\p{L}{2,}){3})[^\p{Ll}]*$/u;

/** A question's first word: it asks, so it ends with a question mark even when typed without one. */
const ASKING = /^(?:who|whom|whose|what|when|where|which|why|how|is|are|was|were|do|does|did|can|could|will|would|should|has|have|had)\b/i;

/**
 * The question as retrieval should see it: cleaned, markdown emphasis and quote markers dropped, greetings, "quick
 * question", "can you tell me", "please", thanks, fillers ("ok so…"), laughter and emoji at the end removed. Falls
 * back to the cleaned text if nothing would be left.
 */
export function normalizeQuestion(text: string): string {
  let question = cleanQuestion(text)
    .replace(/^>\s*/, '')
    .replace(/(\*\*|__|~~|`+)/g, '')
    // Single-mark emphasis around words (*Russian*, _Russian_), but not a snake_case name.
    .replace(/(?<![\p{L}\p{N}*_])[*_]([^*_\n]+?)[*_](?![\p{L}\p{N}*_])/gu, '$1')
    .trim();
  // A question typed in capitals reads as shouting to the encoder and the tagger ("WHO LEADS THE RUSSIAN
  // DELEGATION?" scored 0.19 against 0.42): taken down to lower case, which they read as plainly as the question
  // written properly. A single acronym ("Who runs NATO?") is not shouting.
  if (SHOUTED.test(question)) question = question.toLowerCase();
  const original = question;
  for (let pass = 0; pass < 2; pass++) for (const pattern of PADDING) question = question.replace(pattern, '').trim();
  question = withApostrophes(question).replace(/([?!.])[?!.]+$/, '$1');
  if (ASKING.test(question) && !/[?!.]$/.test(question)) question = `${question}?`;
  return /[\p{L}\p{N}]/u.test(question) ? question : original;
}
