// Footnote playground page. It plays a Discord client: what you type becomes a channel message or
// an interaction on the local Discord stand-in (POST /api/*), and everything shown in the channel
// arrives from the stand-in over Server-Sent Events (/api/events) after the real bot sent it over
// REST. The page never calls the answer engine; /api/article only feeds the article panel.
import { renderMarkdown } from './markdown.js';

const CHAT_INPUT = 1;
const MESSAGE_COMMAND = 3;
const OPTION = { STRING: 3, INTEGER: 4, BOOLEAN: 5, NUMBER: 10 };
const FLAG = { EPHEMERAL: 1 << 6, LOADING: 1 << 7 };
const BUTTON_STYLE = { 1: 'primary', 2: 'secondary', 3: 'success', 4: 'danger', 5: 'link' };

const state = {
  bot: null,
  you: null,
  moderator: null,
  commands: [],
  users: new Map(),
  messages: new Map(),
  /** `article:id` → sentence element */
  sentences: new Map(),
  articles: [],
  latestAnswerId: null,
  dismissed: new Set(),
};

const $ = (id) => document.getElementById(id);
const el = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

// ───────────────────────────── server calls ─────────────────────────────

async function post(path, body) {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error || `${res.status} ${res.statusText}`);
  return data;
}

function connect() {
  const events = new EventSource('/api/events');
  const status = $('connection');
  events.addEventListener('open', () => {
    status.dataset.state = 'open';
    status.textContent = 'connected';
  });
  events.addEventListener('error', () => {
    status.dataset.state = 'closed';
    status.textContent = 'reconnecting…';
  });
  events.addEventListener('hello', (e) => {
    const hello = JSON.parse(e.data);
    Object.assign(state, { bot: hello.bot, you: hello.you, moderator: hello.moderator, commands: hello.commands });
    for (const u of [hello.bot, hello.you, hello.moderator]) state.users.set(u.id, u.username);
    $('you-name').textContent = hello.you.username;
    $('you-avatar').textContent = hello.you.username.slice(0, 1);
    $('guild-name').textContent = hello.guild.name;
    state.messages.clear();
    $('messages').replaceChildren(welcome());
    for (const m of hello.messages) upsert(m);
    document.body.dataset.ready = 'true';
  });
  events.addEventListener('message', (e) => upsert(JSON.parse(e.data)));
  events.addEventListener('delete', (e) => {
    const { id } = JSON.parse(e.data);
    state.messages.delete(id);
    $(`m-${id}`)?.remove();
  });
  events.addEventListener('typing', () => showTyping());
  events.addEventListener('interactionFailed', (e) => {
    const { action } = JSON.parse(e.data);
    systemMessage(`${state.bot?.username ?? 'The bot'} did not respond to ${action} in time (“The application did not respond”).`);
  });
}

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

// ───────────────────────────── typing indicator ─────────────────────────────

let typingTimer;
function showTyping() {
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

// ───────────────────────────── messages ─────────────────────────────

const isBot = (m) => m.author?.id === state.bot?.id;
const nameOf = (id) => state.users.get(id);
const compareIds = (a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

function upsert(message) {
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

function systemMessage(text) {
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

function time(iso) {
  const d = new Date(iso);
  return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

function ephemeralNote(node, id) {
  const note = el('div', 'ephemeral-note');
  note.append(el('span', '', '👁 Only you can see this ·'));
  const dismiss = el('button', '', 'Dismiss message');
  dismiss.type = 'button';
  dismiss.addEventListener('click', () => {
    if (id) state.dismissed.add(id);
    node.remove();
  });
  note.append(dismiss);
  return note;
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

// ───────────────────────────── citations ↔ article ─────────────────────────────

function articleKey(id, label) {
  if (id.includes(':')) return id;
  const code = /^`([^`]+)`$/.exec(label?.trim() ?? '');
  if (code && state.articles.some((a) => a.id === code[1])) return `${code[1]}:${id}`;
  const title = label?.replace(/^\[(.*)\]\(.*\)$/, '$1').replace(/\\(.)/g, '$1').trim();
  const byTitle = state.articles.find((a) => a.title && title && a.title.startsWith(title.replace(/…$/, '')));
  return `${(byTitle ?? state.articles[0])?.id}:${id}`;
}

/** `n` → `article:id`, read from the embed the bot sent: Sources lines and Context blocks. */
function citationMap(embed) {
  const map = new Map();
  const texts = [...(embed.fields ?? []).map((f) => f.value), embed.description ?? ''];
  for (const text of texts) {
    for (const line of text.split('\n')) {
      const source = /^\*\*\[(\d+)\]\*\* (.*?) · `([^`]+)` · score/.exec(line);
      const context = /^\*\*\[(\d+)\]\*\* `([^`]+)`/.exec(line);
      if (source && !map.has(source[1])) map.set(source[1], articleKey(source[3], source[2]));
      else if (context && !map.has(context[1])) map.set(context[1], articleKey(context[2]));
    }
  }
  return map;
}

/** Make `[n]` markers and inline-code sentence ids clickable. */
function linkCitations(root, citations) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const hits = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest('code, a, button')) continue;
    if (/\[\d+\]/.test(node.nodeValue)) hits.push(node);
  }
  for (const node of hits) {
    const frag = document.createDocumentFragment();
    const parts = node.nodeValue.split(/(\[\d+\])/);
    for (const part of parts) {
      const n = /^\[(\d+)\]$/.exec(part)?.[1];
      const key = n && citations.get(n);
      if (key && state.sentences.has(key)) {
        const a = el('a', 'cite', part);
        a.href = '#';
        a.dataset.key = key;
        a.title = `Show ${key.split(':')[1]} in the article`;
        frag.append(a);
      } else if (part) frag.append(document.createTextNode(part));
    }
    node.replaceWith(frag);
  }
  for (const code of root.querySelectorAll('code')) {
    const text = code.textContent.trim();
    const key = text.includes(':') ? text : `${state.articles[0]?.id}:${text}`;
    if (/^(?:[\w-]+:)?\d+\.\d+$/.test(text) && state.sentences.has(key)) {
      code.classList.add('ref');
      code.dataset.key = key;
      code.title = `Show ${text} in the article`;
    }
  }
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('.cite, code.ref') : null;
  if (!target) return;
  event.preventDefault();
  highlightSentence(target.dataset.key);
});

function highlightSentence(key) {
  const node = state.sentences.get(key);
  if (!node) return;
  for (const other of document.querySelectorAll('.sent.highlight')) other.classList.remove('highlight');
  node.classList.add('highlight');
  node.scrollIntoView({ behavior: 'smooth', block: 'center' });
}

/** The latest answer's sources are marked in the article; an abstention clears the marks. */
function noteAnswer(m) {
  const embed = (m.embeds ?? []).find((e) => (e.fields ?? []).some((f) => /^(Sources|Closest passages)/.test(f.name)));
  if (!embed) return;
  if (state.latestAnswerId && compareIds(m.id, state.latestAnswerId) < 0) return;
  state.latestAnswerId = m.id;
  const answered = (embed.fields ?? []).some((f) => f.name.startsWith('Sources'));
  const keys = answered ? new Set(citationMap(embed).values()) : new Set();
  for (const [key, node] of state.sentences) node.classList.toggle('cited', keys.has(key));
}

async function loadArticle() {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch('/api/article');
    if (res.ok) {
      renderArticle(await res.json());
      return;
    }
    await new Promise((r) => setTimeout(r, Math.min(2000, 200 * (attempt + 1))));
  }
}

function renderArticle(view) {
  state.articles = view.articles;
  const body = $('article-body');
  body.replaceChildren();
  const first = view.articles[0];
  $('article-title').textContent = view.articles.length === 1 ? (first?.title ?? first?.id ?? 'Article') : `${view.articles.length} articles`;
  const link = $('article-link');
  if (view.articles.length === 1 && first?.url) {
    link.href = first.url;
    link.hidden = false;
  }
  for (const article of view.articles) {
    if (view.articles.length > 1) {
      const h = el('h2', '', article.title ?? article.id);
      body.append(h);
      if (article.url) {
        const a = el('a', 'article-link', 'Open the original ↗');
        a.href = article.url;
        a.target = '_blank';
        a.rel = 'noopener noreferrer nofollow';
        body.append(a);
      }
    }
    for (const p of article.paragraphs) {
      const para = el('p', 'para');
      para.append(el('span', 'para-n', String(p.n)));
      let pos = 0;
      for (const s of p.sentences) {
        if (s.start > pos) para.append(document.createTextNode(p.text.slice(pos, s.start)));
        const span = el('span', 'sent');
        span.id = `s-${s.key.replace(':', '-')}`;
        span.dataset.key = s.key;
        span.title = `${s.id} — /source ${s.id}`;
        span.append(el('span', 'sent-id', s.id), document.createTextNode(p.text.slice(s.start, s.end)));
        para.append(span);
        state.sentences.set(s.key, span);
        pos = s.end;
      }
      if (pos < p.text.length) para.append(document.createTextNode(p.text.slice(pos)));
      body.append(para);
    }
  }
  // Messages rendered before the article arrived get their citation links now.
  for (const m of state.messages.values()) {
    const node = $(`m-${m.id}`);
    if (node) node.replaceWith(renderMessage(m));
    if (isBot(m)) noteAnswer(m);
  }
}

// ───────────────────────────── composer ─────────────────────────────

const input = $('input');
const popup = $('popup');
let popupItems = [];
let selected = -1;
let autocompleteSeq = 0;
let autocompleteTimer;

const chatCommands = () => state.commands.filter((c) => c.type === CHAT_INPUT || c.type === undefined);

/**
 * Parse `/name rest` the way you would type it: `name: value` pairs for options, and text before
 * the first `name:` goes to the first required option. Returns values and where each sits.
 */
function parseCommand(text) {
  const m = /^\/(\S*)(\s?)([\s\S]*)$/.exec(text);
  if (!m) return null;
  const command = chatCommands().find((c) => c.name === m[1].toLowerCase());
  const restStart = 1 + m[1].length + m[2].length;
  if (!command || !m[2]) return { name: m[1], command, complete: false };
  const options = command.options ?? [];
  const rest = m[3];
  const markers = [];
  if (options.length) {
    const re = new RegExp(`(^|\\s)(${options.map((o) => o.name).join('|')}):\\s*`, 'gi');
    for (let hit; (hit = re.exec(rest)); ) markers.push({ name: hit[2].toLowerCase(), at: hit.index + hit[1].length, valueAt: hit.index + hit[0].length });
  }
  const spans = [];
  const lead = rest.slice(0, markers[0]?.at ?? rest.length);
  const implicit = options.find((o) => o.required) ?? options[0];
  if (implicit && (lead.trim() || !markers.length)) spans.push({ name: implicit.name, start: restStart, end: restStart + lead.replace(/\s+$/, '').length });
  markers.forEach((marker, i) => {
    const end = markers[i + 1]?.at ?? rest.length;
    const value = rest.slice(marker.valueAt, end).replace(/\s+$/, '');
    spans.push({ name: marker.name, start: restStart + marker.valueAt, end: restStart + marker.valueAt + value.length });
  });
  const values = {};
  for (const span of spans) values[span.name] = text.slice(span.start, span.end);
  return { name: command.name, command, complete: true, values, spans, focused: spans.at(-1) };
}

function typedOptions(command, values) {
  const out = {};
  for (const def of command.options ?? []) {
    const raw = values[def.name];
    if (raw === undefined || raw.trim() === '') continue;
    const value = raw.trim();
    if (def.type === OPTION.BOOLEAN) {
      if (/^(true|yes|on|1)$/i.test(value)) out[def.name] = true;
      else if (/^(false|no|off|0)$/i.test(value)) out[def.name] = false;
      else throw new Error(`${def.name} must be true or false`);
    } else if (def.type === OPTION.INTEGER || def.type === OPTION.NUMBER) {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new Error(`${def.name} must be a number`);
      out[def.name] = n;
    } else {
      if (def.min_length && value.length < def.min_length) throw new Error(`${def.name} must be at least ${def.min_length} characters`);
      out[def.name] = value;
    }
  }
  for (const def of command.options ?? []) if (def.required && out[def.name] === undefined) throw new Error(`/${command.name} needs ${def.name}: ${usage(command)}`);
  return out;
}

function usage(command) {
  return `/${command.name} ${(command.options ?? []).map((o) => (o.required ? `${o.name}: …` : `[${o.name}: ${o.type === OPTION.BOOLEAN ? 'true' : '…'}]`)).join(' ')}`.trim();
}

function closePopup() {
  popup.hidden = true;
  popup.replaceChildren();
  popupItems = [];
  selected = -1;
}

function showPopup(title, items) {
  popup.replaceChildren();
  popupItems = items;
  selected = items.length ? 0 : -1;
  popup.append(el('div', 'popup-title', title));
  if (!items.length) popup.append(el('div', 'popup-empty', 'No matches'));
  items.forEach((item, i) => {
    const row = el('div', `popup-item ${item.kind}${i === selected ? ' selected' : ''}`);
    row.setAttribute('role', 'option');
    row.dataset.value = item.value;
    row.append(el('span', 'name', item.name));
    if (item.desc) row.append(el('span', 'desc', item.desc));
    row.addEventListener('mousedown', (e) => {
      e.preventDefault();
      accept(i);
    });
    popup.append(row);
  });
  popup.hidden = false;
}

function moveSelection(delta) {
  if (!popupItems.length) return;
  selected = (selected + delta + popupItems.length) % popupItems.length;
  [...popup.querySelectorAll('.popup-item')].forEach((row, i) => row.classList.toggle('selected', i === selected));
  popup.querySelectorAll('.popup-item')[selected]?.scrollIntoView({ block: 'nearest' });
}

function accept(i) {
  const item = popupItems[i];
  if (!item) return;
  item.apply();
  closePopup();
  input.focus();
  // A picked suggestion is final (Enter then sends); a picked command shows its options.
  if (item.kind !== 'choice') updatePopup();
}

function setInput(value, caret = value.length) {
  input.value = value;
  input.setSelectionRange(caret, caret);
  autosize();
}

function updatePopup() {
  const text = input.value;
  if (!text.startsWith('/')) return closePopup();
  const parsed = parseCommand(text);
  if (!parsed) return closePopup();
  if (!parsed.complete) {
    const matches = chatCommands().filter((c) => c.name.startsWith(parsed.name.toLowerCase()));
    if (parsed.command && /\s/.test(text)) return closePopup();
    return showPopup(
      'Commands',
      matches.map((c) => ({
        kind: 'command',
        name: `/${c.name}`,
        desc: c.description,
        value: c.name,
        apply: () => setInput(`/${c.name} `),
      })),
    );
  }
  const def = parsed.command.options?.find((o) => o.name === parsed.focused?.name);
  if (def?.autocomplete) {
    const seq = ++autocompleteSeq;
    clearTimeout(autocompleteTimer);
    autocompleteTimer = setTimeout(async () => {
      try {
        const others = {};
        for (const [k, v] of Object.entries(parsed.values)) if (k !== def.name && v.trim()) others[k] = v.trim();
        const { choices } = await post('/api/autocomplete', { name: parsed.name, focused: def.name, value: parsed.values[def.name] ?? '', options: others });
        if (seq !== autocompleteSeq || input.value !== text) return;
        const span = parsed.focused;
        showPopup(
          `${def.name} — suggestions from ${state.bot.username}`,
          choices.map((c) => ({
            kind: 'choice',
            name: c.name,
            value: String(c.value),
            apply: () => {
              const value = String(c.value);
              setInput(text.slice(0, span.start) + value + text.slice(span.end), span.start + value.length);
            },
          })),
        );
      } catch (error) {
        if (seq === autocompleteSeq) showPopup(`${def.name} — suggestions`, []);
      }
    }, 120);
    return;
  }
  // Show which options the command takes.
  showPopup(
    `/${parsed.command.name}`,
    (parsed.command.options ?? []).map((o) => ({
      kind: 'option',
      name: `${o.name}${o.required ? '' : ' (optional)'}`,
      desc: o.description,
      value: o.name,
      apply: () => setInput(`${text.replace(/\s*$/, ' ')}${o.name}: `),
    })),
  );
  selected = -1;
  [...popup.querySelectorAll('.popup-item')].forEach((row) => row.classList.remove('selected'));
}

function autosize() {
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight, window.innerHeight * 0.4)}px`;
}

async function send() {
  const text = input.value.trim();
  if (!text) return;
  try {
    if (text.startsWith('/')) {
      const parsed = parseCommand(text);
      if (!parsed?.command) throw new Error(`Unknown command ${text.split(/\s/)[0]}. Try /ask, /search, /source or /about.`);
      const options = typedOptions(parsed.command, parsed.values ?? {});
      await post('/api/command', { name: parsed.command.name, options });
    } else {
      await post('/api/message', { content: text });
    }
    setInput('');
    closePopup();
  } catch (error) {
    systemMessage(error.message);
  }
}

input.addEventListener('keydown', (event) => {
  if (event.isComposing) return;
  if (!popup.hidden && popupItems.length) {
    if (event.key === 'ArrowDown') return event.preventDefault(), moveSelection(1);
    if (event.key === 'ArrowUp') return event.preventDefault(), moveSelection(-1);
    if ((event.key === 'Tab' || event.key === 'Enter') && selected >= 0 && !event.shiftKey) {
      event.preventDefault();
      return accept(selected);
    }
  }
  if (event.key === 'Escape') return closePopup();
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    void send();
  }
});
input.addEventListener('input', () => {
  autosize();
  updatePopup();
});
input.addEventListener('blur', () => setTimeout(closePopup, 150));
$('composer').addEventListener('submit', (e) => {
  e.preventDefault();
  void send();
});

connect();
void loadArticle();
input.focus();
