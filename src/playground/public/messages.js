// The channel: messages as Discord shows them (author, embeds, buttons), kept in snowflake order, and the typing
// indicator. The bot's markdown is rendered safely; whatever a person typed is shown as text.
import { citationMap, linkCitations, noteAnswer } from './article.js';
import { renderMarkdown } from './markdown.js';
import { $, compareIds, el, ephemeralNote, isBot, nameOf, post, state, systemMessage, time } from './page.js';

const FLAG = { EPHEMERAL: 1 << 6, LOADING: 1 << 7 };
const BUTTON_STYLE = { 1: 'primary', 2: 'secondary', 3: 'success', 4: 'danger', 5: 'link' };

let typingTimer;
export function showTyping() {
  $('typing').hidden = false;
  $('hint').hidden = true;
  clearTimeout(typingTimer);
  typingTimer = setTimeout(hideTyping, 10_000);
}
function hideTyping() {
  clearTimeout(typingTimer);
  $('typing').hidden = true;
  $('hint').hidden = false;
}

export function upsert(message) {
  if (state.dismissed.has(message.id)) return;
  state.users.set(message.author.id, message.author.username);
  state.messages.set(message.id, message);
  const list = $('messages');
  const pinned = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  const node = renderMessage(message);
  const existing = $(`m-${message.id}`);
  if (existing) existing.replaceWith(node);
  else {
    // Keep channel order (ids are snowflakes).
    const after = [...list.querySelectorAll('.msg[data-id]')].find((n) => compareIds(n.dataset.id, message.id) > 0);
    list.insertBefore(node, after ?? null);
  }
  if (isBot(message) && !(message.flags & FLAG.LOADING)) {
    hideTyping();
    noteAnswer(message);
  }
  if (pinned || !existing) list.scrollTop = list.scrollHeight;
}

/** Messages rendered before the article arrived get their citation links now. */
export function rerenderMessages() {
  for (const m of state.messages.values()) {
    const node = $(`m-${m.id}`);
    if (node) node.replaceWith(renderMessage(m));
    if (isBot(m)) noteAnswer(m);
  }
}

function renderMessage(m) {
  const node = el('div', 'msg');
  node.id = `m-${m.id}`;
  node.dataset.id = m.id;
  node.dataset.author = isBot(m) ? 'bot' : 'user';
  const ephemeral = (m.flags & FLAG.EPHEMERAL) !== 0;
  const loading = (m.flags & FLAG.LOADING) !== 0;
  if (ephemeral) node.classList.add('ephemeral');
  if (loading) node.classList.add('is-loading');
  if (m.message_reference?.message_id) node.dataset.replyTo = m.message_reference.message_id;
  if (m.interaction_metadata?.id) node.dataset.interaction = m.interaction_metadata.id;

  // "alice used /ask" or the replied-to message, as Discord shows above a message.
  if (m.playground || m.interaction_metadata) {
    const ctx = el('div', 'msg-context');
    const who = m.playground?.invokedBy ?? m.interaction_metadata?.user?.username ?? 'someone';
    const action = m.playground?.action ?? 'a command';
    ctx.append(el('span', 'who', who), document.createTextNode(action.startsWith('/') || action === 'Check against article' ? ' used ' : ' clicked '), el('span', 'cmd', action));
    node.append(ctx);
  } else if (m.referenced_message) {
    const ctx = el('div', 'msg-context');
    ctx.append(el('span', 'who', `@${m.referenced_message.author.username}`));
    const quoted = el('span', 'quoted');
    appendUserText(quoted, m.referenced_message.content);
    ctx.append(quoted);
    node.append(ctx);
  }

  const bot = isBot(m);
  const avatar = el('div', `avatar${bot ? ' bot' : m.author.id === state.moderator?.id ? ' mod' : ''}`, (m.author.username || '?').slice(0, 1).toUpperCase());
  const body = el('div', 'msg-body');
  const head = el('div', 'msg-head');
  head.append(el('span', `author${bot ? ' bot' : ''}`, m.author.global_name || m.author.username));
  if (m.author.bot) head.append(el('span', 'app-tag', 'APP'));
  head.append(el('span', 'msg-time', time(m.timestamp)));
  body.append(head);

  if (loading) {
    body.append(el('div', 'content loading', `${m.author.username} is thinking…`));
  } else if (m.content) {
    const content = el('div', bot ? 'content md' : 'content');
    // The bot's markdown is rendered (safely); whatever a person typed is shown as text.
    if (bot) content.innerHTML = renderMarkdown(m.content, { mention: nameOf });
    else appendUserText(content, m.content);
    if (m.edited_timestamp && !m.interaction_metadata) content.append(el('span', 'edited', '(edited)'));
    body.append(content);
  }

  const citations = new Map();
  for (const embed of m.embeds ?? []) for (const [n, key] of citationMap(embed)) citations.set(n, key);
  for (const embed of m.embeds ?? []) body.append(renderEmbed(embed));
  if (m.components?.length) body.append(renderComponents(m));
  if (ephemeral) body.append(ephemeralNote(node, m.id));
  linkCitations(body, citations);

  node.append(avatar, body);
  if (!loading) {
    const tools = el('div', 'msg-tools');
    const check = el('button', 'check', 'Check against article');
    check.type = 'button';
    check.title = 'Apps → Check against article (as a moderator)';
    check.addEventListener('click', () => post('/api/check', { messageId: m.id }).catch((e) => systemMessage(e.message)));
    tools.append(check);
    node.append(tools);
  }
  return node;
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

function colorHex(color) {
  return typeof color === 'number' ? `#${color.toString(16).padStart(6, '0')}` : '#1e1f22';
}

function renderEmbed(e) {
  const box = el('div', 'embed');
  box.style.borderLeftColor = colorHex(e.color);
  const md = (text) => renderMarkdown(text, { mention: nameOf });
  if (e.author?.name) box.append(el('div', 'embed-author', e.author.name));
  if (e.title) {
    const title = el('div', 'embed-title');
    if (e.url && /^https?:\/\//i.test(e.url)) {
      const a = el('a');
      a.href = e.url;
      a.target = '_blank';
      a.rel = 'noopener noreferrer nofollow';
      a.innerHTML = md(e.title);
      title.append(a);
    } else title.innerHTML = md(e.title);
    box.append(title);
  }
  if (e.description) {
    const d = el('div', 'embed-description md');
    d.innerHTML = md(e.description);
    box.append(d);
  }
  if (e.fields?.length) {
    const fields = el('div', 'embed-fields');
    for (const f of e.fields) {
      const field = el('div', `embed-field${f.inline ? ' inline' : ''}`);
      const name = el('div', 'embed-field-name');
      name.innerHTML = md(f.name);
      const value = el('div', 'embed-field-value md');
      value.innerHTML = md(f.value);
      field.append(name, value);
      fields.append(field);
    }
    box.append(fields);
  }
  if (e.footer?.text) box.append(el('div', 'embed-footer', e.footer.text));
  return box;
}

function renderComponents(m) {
  const wrap = el('div', 'components');
  for (const row of m.components) {
    const rowNode = el('div', 'action-row');
    for (const c of row.components ?? []) {
      if (c.type !== 2) continue;
      const style = BUTTON_STYLE[c.style] ?? 'secondary';
      let button;
      if (style === 'link') {
        button = el('a', 'btn btn-link');
        if (/^https?:\/\//i.test(c.url ?? '')) button.href = c.url;
        button.target = '_blank';
        button.rel = 'noopener noreferrer nofollow';
      } else {
        button = el('button', `btn btn-${style}`);
        button.type = 'button';
        button.disabled = !!c.disabled;
        button.dataset.customId = c.custom_id;
        button.addEventListener('click', async () => {
          button.classList.add('pending');
          button.disabled = true;
          wrap.querySelector('.component-error')?.remove();
          try {
            await post('/api/button', { messageId: m.id, customId: c.custom_id });
          } catch (error) {
            wrap.append(el('div', 'component-error', `This interaction failed: ${error.message}`));
          } finally {
            setTimeout(() => {
              button.classList.remove('pending');
              button.disabled = !!c.disabled;
            }, 400);
          }
        });
      }
      if (c.emoji?.name) button.append(el('span', 'emoji', c.emoji.name));
      if (c.label) button.append(el('span', 'label', c.label));
      button.setAttribute('aria-label', c.label || c.emoji?.name || 'button');
      rowNode.append(button);
    }
    wrap.append(rowNode);
  }
  return wrap;
}
