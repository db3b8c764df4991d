/** What every handler is given: the engine, the bot's small on-disk state, and the log. */
import type { QaService } from '../types.js';
import type { BotLogger } from './log.js';
import type { ArticleInfo } from './render/embed.js';
import type { ArticleScopes } from './article-scopes.js';
import type { SettingsStore } from './settings.js';
import type { AnswerStore, Cooldown, FeedbackLog, ThreadQuestions } from './state.js';

export interface BotDeps {
  service: QaService;
  /** Button state: what each answer's buttons refer to. */
  answers: AnswerStore;
  feedback: FeedbackLog;
  /** The latest question answered in each thread Footnote opened, kept across restarts. */
  threadQuestions: ThreadQuestions;
  /** Per-user cooldown for /ask and mentions. */
  cooldown: Cooldown;
  logger: BotLogger;
  /** Per-server settings (`/footnote settings`). */
  settings: SettingsStore;
  /** What the gateway lets the bot see, found at start-up. */
  access: GatewayAccess;
  /** Titles and links of the loaded articles, for labels; empty when the engine cannot say. */
  articles(): ArticleInfo;
  /** Which articles each channel answers from (`/article use`). */
  scopes: ArticleScopes;
  /** Where `/article add` stores a server's articles (`servers/<id>/` inside it); unset, the bot cannot add any. */
  articlesDir?: string;
  /** Operator setting: article URLs may reach private addresses. */
  fetchAllowPrivate: boolean;
}

export interface GatewayAccess {
  /** The Message Content intent was granted, so answer channels work; otherwise only mentions carry text. */
  messageContent: boolean;
}
