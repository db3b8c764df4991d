// What the page knows: the `hello` snapshot, the messages shown, and the article's sentence elements.

export const FLAG = { EPHEMERAL: 1 << 6, LOADING: 1 << 7 };

export const state = {
  bot: null,
  you: null,
  moderator: null,
  commands: [],
  /** user id → username, for mention pills */
  users: new Map(),
  /** channel id → name, for channel mentions */
  channels: new Map(),
  /** message id → the message as the stand-in sent it */
  messages: new Map(),
  /** `article:id` → sentence element */
  sentences: new Map(),
  articles: [],
  /** The article the pane shows (one at a time when several are loaded). */
  shownArticle: null,
  latestAnswerId: null,
};

export const isBot = (m) => m.author?.id === state.bot?.id;
export const nameOf = (id) => state.users.get(id);
export const channelNameOf = (id) => state.channels.get(id);
/** Ids are snowflakes: numeric order is channel order. */
export const compareIds = (a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);
