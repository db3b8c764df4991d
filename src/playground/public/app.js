// Footnote playground page. It plays a Discord client: what you type becomes a channel message or
// an interaction on the local Discord stand-in (POST /api/*), and everything shown in the channel
// arrives from the stand-in over Server-Sent Events (/api/events) after the real bot sent it over
// REST. The page never calls the answer engine; /api/article only feeds the article panel.
import { loadArticle } from './article.js';
import './composer.js';
import { rerenderMessages, showTyping, upsert } from './messages.js';
import { $, el, state, systemMessage } from './page.js';

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

connect();
void loadArticle(rerenderMessages);
