// The #news channel: messages as the stand-in sent them, in channel order, rendered the way Discord shows them.
import { post } from './api.js';
import { renderComponents } from './buttons.js';
import { citationMap, linkCitations, noteAnswer } from './citations.js';
import { $, el, time } from './dom.js';
import { renderEmbed } from './embed.js';
import { ephemeralNote, isDismissed } from './ephemeral-note.js';
import { renderMarkdown } from './markdown.js';
import { compareIds, FLAG, isBot, nameOf, channelNameOf, state } from './state.js';
import { threadList } from './threads.js';
import { hideTyping } from './typing-indicator.js';

/** Within this many pixels of the bottom, the channel follows new messages. */
const PINNED_PX = 80;

function welcome() {
  const box = el('div', 'welcome');
  box.append(el('h2', '', 'Welcome to #news!'));
  box.append(
    el(
      'p',
      '',
      'Ask a question and press Enter: it is sent as a message mentioning the bot. Type / for /ask (add private: true to keep the answer to yourself), /search, /source (with suggestions as you type) and /about. Hover a message for “Check against article”.',
    ),
  );
  return box;
}

/** Empty the channel and show `messages` (the `hello` snapshot). */
export function showChannel(messages) {
  state.messages.clear();
  $('messages').replaceChildren(welcome());
  for (const m of messages) upsert(m);
}

/** Show a new message, or replace the one with the same id (an edit). */
export function upsert(message) {
  if (isDismissed(message.id)) return;
  state.users.set(message.author.id, message.author.username);
  state.messages.set(message.id, message);
  const channel = $('messages');
  const pinned = channel.scrollHeight - channel.scrollTop - channel.clientHeight < PINNED_PX;
  const list = threadList(message) ?? channel;
  const node = renderMessage(message);
  const existing = $(`m-${message.id}`);
  if (existing) existing.replaceWith(node);
  else {
    const after = [...list.querySelectorAll(':scope > .msg[data-id]')].find((n) => compareIds(n.dataset.id, message.id) > 0);
    list.insertBefore(node, after ?? null);
  }
  if (isBot(message) && !(message.flags & FLAG.LOADING)) {
    hideTyping();
    noteAnswer(message);
  }
  if (pinned || !existing) channel.scrollTop = channel.scrollHeight;
}

export function removeMessage(id) {
  state.messages.delete(id);
  $(`m-${id}`)?.remove();
}

/** Render every message again (citation links appear once the article is known). */
export function rerenderMessages() {
  for (const m of state.messages.values()) {
    const node = $(`m-${m.id}`);
    if (node) node.replaceWith(renderMessage(m));
    if (isBot(m)) noteAnswer(m);
  }
}

/** A note from the page itself (a refused command, a failed request), visible only here. */
export function systemMessage(text) {
  const node = el('div', 'msg system');
  node.dataset.system = 'true';
  const avatar = el('div', 'avatar mod', '!');
  const body = el('div', 'msg-body');
  const head = el('div', 'msg-head');
  head.append(el('span', 'author', 'Playground'), el('span', 'msg-time', time(new Date().toISOString())));
  body.append(head, el('div', 'content', text), ephemeralNote(node));
  node.append(avatar, body);
  $('messages').append(node);
  $('messages').scrollTop = $('messages').scrollHeight;
}

/** Text exactly as typed, with `<@id>` shown as a mention pill. No HTML is ever interpreted. */
function appendUserText(parent, text) {
  const parts = String(text).split(/<@!?(\d{1,20})>/);
  parts.forEach((part, i) => {
    if (i % 2 === 0) {
      if (part) parent.append(document.createTextNode(part));
    } else parent.append(el('span', 'mention', `@${nameOf(part) ?? 'unknown-user'}`));
  });
}

/** "alice used /ask" or the replied-to message, as Discord shows above a message. */
function messageContext(m) {
  const ctx = el('div', 'msg-context');
  if (m.playground || m.interaction_metadata) {
    const who = m.playground?.invokedBy ?? m.interaction_metadata?.user?.username ?? 'someone';
    const action = m.playground?.action ?? 'a command';
    const verb = action.startsWith('/') || action === 'Check against article' ? ' used ' : ' clicked ';
    ctx.append(el('span', 'who', who), document.createTextNode(verb), el('span', 'cmd', action));
    return ctx;
  }
  if (!m.referenced_message) return null;
  ctx.append(el('span', 'who', `@${m.referenced_message.author.username}`));
  const quoted = el('span', 'quoted');
  // An answer has no text of its own: its title (the question) stands for it.
  appendUserText(quoted, m.referenced_message.content || m.referenced_message.embeds?.[0]?.title || '');
  ctx.append(quoted);
  return ctx;
}

function messageHead(m) {
  const bot = isBot(m);
  const head = el('div', 'msg-head');
  head.append(el('span', `author${bot ? ' bot' : ''}`, m.author.global_name || m.author.username));
  if (m.author.bot) head.append(el('span', 'app-tag', 'APP'));
  head.append(el('span', 'msg-time', time(m.timestamp)));
  return head;
}

function messageContent(m) {
  const bot = isBot(m);
  const content = el('div', bot ? 'content md' : 'content');
  // The bot's markdown is rendered (safely); whatever a person typed is shown as text.
  if (bot) content.innerHTML = renderMarkdown(m.content, { mention: nameOf, channel: channelNameOf });
  else appendUserText(content, m.content);
  if (m.edited_timestamp && !m.interaction_metadata) content.append(el('span', 'edited', '(edited)'));
  return content;
}

function messageBody(m, node) {
  const body = el('div', 'msg-body');
  body.append(messageHead(m));
  if (m.flags & FLAG.LOADING) body.append(el('div', 'content loading', `${m.author.username} is thinking…`));
  else if (m.content) body.append(messageContent(m));
  const citations = new Map();
  for (const embed of m.embeds ?? []) for (const [n, key] of citationMap(embed)) citations.set(n, key);
  for (const embed of m.embeds ?? []) body.append(renderEmbed(embed));
  if (m.components?.length) body.append(renderComponents(m));
  if (m.flags & FLAG.EPHEMERAL) body.append(ephemeralNote(node, m.id));
  linkCitations(body, citations);
  return body;
}

/**
 * The hover toolbar: "Check against article" runs the message context-menu command as the moderator; "Reply" on one
 * of the bot's answers makes the next message a reply to it, which the bot reads as a follow-up.
 */
function messageTools(m) {
  const tools = el('div', 'msg-tools');
  if (isBot(m) && m.embeds?.length) {
    const reply = el('button', 'reply', 'Reply');
    reply.type = 'button';
    reply.title = 'Reply to this answer with a follow-up question';
    reply.addEventListener('click', () => document.dispatchEvent(new CustomEvent('reply-to', { detail: { id: m.id } })));
    tools.append(reply);
  }
  const check = el('button', 'check', 'Check against article');
  check.type = 'button';
  check.title = 'Apps → Check against article (as a moderator)';
  check.addEventListener('click', () => post('/api/check', { messageId: m.id }).catch((e) => systemMessage(e.message)));
  tools.append(check);
  return tools;
}

function avatarOf(m) {
  const kind = isBot(m) ? ' bot' : m.author.id === state.moderator?.id ? ' mod' : '';
  return el('div', `avatar${kind}`, (m.author.username || '?').slice(0, 1).toUpperCase());
}

function renderMessage(m) {
  const node = el('div', 'msg');
  node.id = `m-${m.id}`;
  node.dataset.id = m.id;
  node.dataset.author = isBot(m) ? 'bot' : 'user';
  const loading = (m.flags & FLAG.LOADING) !== 0;
  if (m.flags & FLAG.EPHEMERAL) node.classList.add('ephemeral');
  if (loading) node.classList.add('is-loading');
  if (m.message_reference?.message_id) node.dataset.replyTo = m.message_reference.message_id;
  if (m.interaction_metadata?.id) node.dataset.interaction = m.interaction_metadata.id;
  const context = messageContext(m);
  if (context) node.append(context);
  node.append(avatarOf(m), messageBody(m, node));
  if (!loading) node.append(messageTools(m));
  return node;
}
