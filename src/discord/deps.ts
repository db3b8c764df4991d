/** What every handler is given: the engine, the bot's small on-disk state, and the log. */
import type { QaService } from '../types.js';
import type { BotLogger } from './log.js';
import type { ArticleInfo } from './render/embed.js';
import type { SettingsStore } from './settings.js';
import type { AnswerStore, Cooldown, FeedbackLog } from './state.js';

export interface BotDeps {
  service: QaService;
  /** Button state: what each answer's buttons refer to. */
  answers: AnswerStore;
  feedback: FeedbackLog;
  /** Per-user cooldown for /ask and mentions. */
  cooldown: Cooldown;
  logger: BotLogger;
  /** Per-server settings (`/footnote settings`). */
  settings: SettingsStore;
  /** What the gateway lets the bot see, found at start-up. */
  access: GatewayAccess;
  /** Titles and links of the loaded articles, for labels; empty when the engine cannot say. */
  articles(): ArticleInfo;
}

export interface GatewayAccess {
  /** The Message Content intent was granted, so answer channels work; otherwise only mentions carry text. */
  messageContent: boolean;
}
