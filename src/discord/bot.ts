/**
 * The Discord adapter: a thin layer over `QaService`. It owns the discord.js client, routes
 * interactions and mentions to the service, and sends what `render.ts` builds.
 */
import path from 'node:path';
import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type Message,
  type MessageReplyOptions,
  type MessageContextMenuCommandInteraction,
  type RepliableInteraction,
} from 'discord.js';
import { isFootnoteError } from '../errors.js';
import type { Answer, QaService } from '../types.js';
import { aboutCommand, askCommand, checkClaimCommand, MAX_QUESTION_LENGTH, searchCommand, sourceCommand } from './commands/index.js';
import { parseCustomId } from './answer-buttons.js';
import { renderAbout } from './render/about.js';
import { renderAnswer } from './render/answer.js';
import { renderClaimCheck } from './render/claim-check.js';
import type { AnswerMessage, ArticleInfo } from './render/embed.js';
import { LIMITS } from './render/limits.js';
import { renderSearch } from './render/search.js';
import { renderContext, renderSource } from './render/source.js';
import { escapeUserText, neutraliseMentions, truncateAtWord } from './render/text.js';
import { AnswerStore, Cooldown, FeedbackLog, answerKey, sha256 } from './state.js';

type LogFn = (obj: object, msg?: string) => void;
export interface BotLogger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

export interface BotOptions {
  service: QaService;
  token: string;
  /** REST base for discord.js (`rest.api`), e.g. a local stand-in; discord.com when omitted. */
  restApi?: string;
  /** JSONL file for 👍/👎 feedback. Button state lives next to it in `answers.jsonl`. */
  feedbackFile: string;
  /** Per-user cooldown for /ask and mentions. 0 disables it. */
  cooldownMs: number;
  logger: BotLogger;
  /** Where button state is kept; defaults to `answers.jsonl` beside `feedbackFile`. */
  answersFile?: string;
}

export interface Bot {
  client: Client;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Never ping anyone: applied to every message the bot sends. */
const NO_MENTIONS = { parse: [] as [] };
const NO_MENTIONS_REPLY = { parse: [] as [], repliedUser: false };

const USER_ERRORS = new Set(['EMPTY_QUESTION', 'QUESTION_TOO_LONG']);

/**
 * An error as logged. discord.js REST errors carry the request URL, which holds the interaction token (a credential
 * for 15 minutes): mask it. Everything else is kept.
 */
export function loggableError(error: unknown): unknown {
  const url = (error as { url?: unknown } | null)?.url;
  if (!(error instanceof Error) || typeof url !== 'string') return error;
  return {
    type: error.name,
    message: error.message,
    stack: error.stack,
    ...Object.fromEntries(Object.entries(error).filter(([key]) => key !== 'requestBody')),
    url: url.replace(/\/(webhooks|interactions)\/(\d+)\/[^/?]+/, '/$1/$2/[token]'),
  };
}

export function createBot(options: BotOptions): Bot {
  const { service, logger } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    allowedMentions: NO_MENTIONS,
    ...(options.restApi ? { rest: { api: options.restApi } } : {}),
  });
  const store = new AnswerStore(options.answersFile ?? path.join(path.dirname(options.feedbackFile), 'answers.jsonl'));
  const feedback = new FeedbackLog(options.feedbackFile);
  const cooldown = new Cooldown(options.cooldownMs);
  const inFlight = new Set<Promise<unknown>>();

  const articles = (): ArticleInfo => {
    try {
      return new Map(service.about().articles.map((a) => [a.id, { title: a.title, url: a.url }]));
    } catch {
      return new Map();
    }
  };

  const cooldownText = (ms: number) => `You're asking quickly — try again in ${Math.max(1, Math.ceil(ms / 1000))} s.`;

  /** Ask the service and build the message (embed + buttons), storing button state. */
  async function answerMessage(question: string): Promise<AnswerMessage & { answer: Answer }> {
    const answer = await service.ask(question);
    const refs = answer.citations.map((c) => `${c.article}:${c.id}`);
    const key = answerKey(answer.question, refs);
    const rendered = renderAnswer(answer, { key, articles: articles() });
    await store.put({
      key,
      question: answer.question,
      answered: answer.answered,
      citations: rendered.shown.map((c) => ({ n: c.n, article: c.article, id: c.id, score: c.score })),
      at: new Date().toISOString(),
    });
    return { embeds: rendered.embeds, components: rendered.components, answer };
  }

  function errorText(error: unknown): string {
    if (isFootnoteError(error) && USER_ERRORS.has(error.code)) return error.detail;
    return 'Something went wrong while answering; please try again in a moment.';
  }

  async function fail(interaction: RepliableInteraction, error: unknown, what: string): Promise<void> {
    const interactionId = interaction.id;
    if (!(isFootnoteError(error) && USER_ERRORS.has(error.code))) logger.error({ err: loggableError(error), what, interactionId }, 'handler failed');
    const body = { content: errorText(error), embeds: [], components: [], allowedMentions: NO_MENTIONS };
    try {
      if (interaction.deferred || interaction.replied) await interaction.editReply(body);
      else await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
    } catch (replyError) {
      logger.error({ err: loggableError(replyError), what, interactionId }, 'could not report the failure to the user');
    }
  }

  // ───────────── slash commands ─────────────

  async function onAsk(i: ChatInputCommandInteraction) {
    const question = i.options.getString('question', true);
    const isPrivate = i.options.getBoolean('private') ?? false;
    const wait = cooldown.take(i.user.id);
    if (wait > 0) {
      await i.reply({ content: cooldownText(wait), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      return;
    }
    await i.deferReply(isPrivate ? { flags: MessageFlags.Ephemeral } : {});
    const { embeds, components, answer } = await answerMessage(question);
    await i.editReply({ embeds, components, allowedMentions: NO_MENTIONS });
    logger.info({ cmd: 'ask', answered: answer.answered, citations: answer.citations.length, private: isPrivate }, 'answered');
  }

  async function onSearch(i: ChatInputCommandInteraction) {
    const query = i.options.getString('query', true);
    await i.deferReply();
    const results = await service.search(query, 5);
    await i.editReply({ ...renderSearch(query, results, articles()), allowedMentions: NO_MENTIONS });
  }

  async function onSource(i: ChatInputCommandInteraction) {
    const ref = i.options.getString('id', true).trim();
    const view = service.source(ref);
    if (!view) {
      const shown = neutraliseMentions(truncateAtWord(ref.replace(/[`\n]/g, "'"), 60));
      await i.reply({
        content: `There is no sentence \`${shown}\` in the article. Citation ids look like \`11.1\` (paragraph.sentence); start typing in the id box to pick one.`,
        flags: MessageFlags.Ephemeral,
        allowedMentions: NO_MENTIONS,
      });
      return;
    }
    await i.reply({ ...renderSource(ref, view), allowedMentions: NO_MENTIONS });
  }

  async function onAbout(i: ChatInputCommandInteraction) {
    await i.reply({ ...renderAbout(service.about()), allowedMentions: NO_MENTIONS });
  }

  async function onAutocomplete(i: AutocompleteInteraction) {
    if (i.commandName !== sourceCommand.name) {
      await i.respond([]);
      return;
    }
    const focused = String(i.options.getFocused());
    const choices = service
      .suggest(focused, LIMITS.choices)
      .slice(0, LIMITS.choices)
      .filter((s) => s.ref.length <= 100)
      .map((s) => ({ name: truncateAtWord(s.label.replace(/\s+/g, ' ').trim(), LIMITS.choiceName) || s.ref, value: s.ref }));
    await i.respond(choices);
  }

  async function onCheckClaim(i: MessageContextMenuCommandInteraction) {
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    const claim = i.targetMessage.content.trim();
    if (!claim) {
      await i.editReply({ content: 'That message has no text I can check against the article.', allowedMentions: NO_MENTIONS });
      return;
    }
    const answer = await service.ask(truncateAtWord(claim, MAX_QUESTION_LENGTH).replace(/…$/, ''));
    await i.editReply({ ...renderClaimCheck(claim, answer, articles()), allowedMentions: NO_MENTIONS });
  }

  // ───────────── buttons ─────────────

  async function onButton(i: ButtonInteraction) {
    const parsed = parseCustomId(i.customId);
    if (!parsed) {
      await i.reply({ content: 'This button is not mine or is out of date.', flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      return;
    }
    const record = store.get(parsed.key);
    if (!record) {
      await i.reply({
        content: 'I no longer have that answer on file; ask again with /ask.',
        flags: MessageFlags.Ephemeral,
        allowedMentions: NO_MENTIONS,
      });
      return;
    }
    switch (parsed.action) {
      case 'ctx': {
        const items = record.citations.flatMap((c) => {
          const ref = `${c.article}:${c.id}`;
          const view = service.source(ref);
          return view ? [{ n: c.n, ref, view }] : [];
        });
        await i.reply({ ...renderContext(record.question, items), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
        return;
      }
      case 'more': {
        await i.deferReply({ flags: MessageFlags.Ephemeral });
        const cited = new Set(record.citations.map((c) => `${c.article}:${c.id}`));
        const results = (await service.search(record.question, cited.size + 8))
          .filter((r) => !cited.has(`${r.passage.article}:${r.passage.id}`))
          .slice(0, 5);
        await i.editReply({ ...renderSearch(record.question, results, articles(), 'More sources'), allowedMentions: NO_MENTIONS });
        return;
      }
      case 'up':
      case 'down': {
        await feedback.record({
          at: new Date().toISOString(),
          key: record.key,
          question: record.question,
          answered: record.answered,
          citations: record.citations.map(({ n, article, id }) => ({ n, article, id })),
          vote: parsed.action,
          user: sha256(i.user.id),
        });
        await i.reply({
          content: `Thanks — your ${parsed.action === 'up' ? '👍' : '👎'} is recorded.`,
          flags: MessageFlags.Ephemeral,
          allowedMentions: NO_MENTIONS,
        });
        return;
      }
    }
  }

  // ───────────── mentions ─────────────

  async function onMessage(message: Message) {
    const me = client.user;
    if (!me || message.author.bot || message.author.id === me.id) return;
    // Only a direct user mention counts (not @everyone/@here or a role).
    if (!message.mentions.users.has(me.id)) return;
    const question = message.content.replace(new RegExp(`<@!?${me.id}>`, 'g'), ' ').replace(/\s+/g, ' ').trim();
    const reply = (body: MessageReplyOptions) =>
      message.reply({ ...body, allowedMentions: NO_MENTIONS_REPLY, failIfNotExists: false });
    if (!question) {
      await reply({ content: `Mention me with a question about the article, e.g. “@${escapeUserText(me.username)} Who leads the Russian delegation?”` });
      return;
    }
    if (question.length > MAX_QUESTION_LENGTH) {
      await reply({ content: `That question is too long; keep it under ${MAX_QUESTION_LENGTH} characters.` });
      return;
    }
    const wait = cooldown.take(message.author.id);
    if (wait > 0) {
      await reply({ content: cooldownText(wait) });
      return;
    }
    if ('sendTyping' in message.channel) await message.channel.sendTyping().catch(() => undefined);
    try {
      const { embeds, components, answer } = await answerMessage(question);
      await reply({ embeds, components });
      logger.info({ via: 'mention', answered: answer.answered, citations: answer.citations.length }, 'answered');
    } catch (error) {
      if (!(isFootnoteError(error) && USER_ERRORS.has(error.code))) logger.error({ err: loggableError(error), messageId: message.id }, 'mention failed');
      await reply({ content: errorText(error) }).catch((replyError) =>
        logger.error({ err: loggableError(replyError), messageId: message.id }, 'could not report the failure to the user'),
      );
    }
  }

  // ───────────── routing ─────────────

  async function onInteraction(interaction: Interaction) {
    try {
      if (interaction.isAutocomplete()) return await onAutocomplete(interaction);
      if (interaction.isChatInputCommand()) {
        switch (interaction.commandName) {
          case askCommand.name:
            return await onAsk(interaction);
          case searchCommand.name:
            return await onSearch(interaction);
          case sourceCommand.name:
            return await onSource(interaction);
          case aboutCommand.name:
            return await onAbout(interaction);
        }
        return await interaction.reply({ content: 'Unknown command.', flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      }
      if (interaction.isMessageContextMenuCommand() && interaction.commandName === checkClaimCommand.name) return await onCheckClaim(interaction);
      if (interaction.isButton()) return await onButton(interaction);
    } catch (error) {
      if (interaction.isRepliable()) await fail(interaction, error, interaction.isCommand() ? interaction.commandName : 'component');
      else logger.error({ err: loggableError(error), interactionId: interaction.id }, 'interaction failed');
    }
  }

  const track = (p: Promise<unknown>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  client.on(Events.InteractionCreate, (i) => track(onInteraction(i)));
  client.on(Events.MessageCreate, (m) =>
    track(onMessage(m).catch((error) => logger.error({ err: loggableError(error), messageId: m.id }, 'message handler failed'))),
  );
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ shard, code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'gateway resumed'));
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'gateway reconnecting'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord.js warning'));
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord.js error'));

  return {
    client,
    async start() {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(options.token);
      await ready;
      logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'connected to Discord');
    },
    async stop() {
      // Let in-flight answers finish (bounded), then disconnect.
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, 5_000).unref())]);
      await client.destroy();
      await Promise.allSettled([feedback.flush(), store.flush()]);
      logger.info({}, 'bot stopped');
    },
  };
}
