// What every module of the page shares: what it knows (`state`), DOM helpers, the one way to call the server,
// and the playground's own notes in the channel.

export const state = {
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

export const $ = (id) => document.getElementById(id);
export const el = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

export async function post(path, body) {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error || `${res.status} ${res.statusText}`);
  return data;
}

export const isBot = (m) => m.author?.id === state.bot?.id;
export const nameOf = (id) => state.users.get(id);
export const compareIds = (a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

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

export function time(iso) {
  const d = new Date(iso);
  return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

export function ephemeralNote(node, id) {
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
