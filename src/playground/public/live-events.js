// The channel's live feed: Server-Sent Events from the stand-in, relayed by the playground server. The page
// shows only what arrives here.
import { removeMessage, showChannel, systemMessage, upsert } from './chat-view.js';
import { loadArticle } from './article-pane.js';
import { $ } from './dom.js';
import { state } from './state.js';
import { showTyping } from './typing-indicator.js';

function greet(hello) {
  Object.assign(state, { bot: hello.bot, you: hello.you, moderator: hello.moderator, commands: hello.commands });
  for (const u of [hello.bot, hello.you, hello.moderator]) state.users.set(u.id, u.username);
  state.channels.set(hello.channel.id, hello.channel.name);
  $('you-name').textContent = hello.you.username;
  $('you-avatar').textContent = hello.you.username.slice(0, 1);
  $('guild-name').textContent = hello.guild.name;
  showChannel(hello.messages);
  document.body.dataset.ready = 'true';
}

function showConnection(events) {
  const status = $('connection');
  events.addEventListener('open', () => {
    status.dataset.state = 'open';
    status.textContent = 'connected';
  });
  events.addEventListener('error', () => {
    status.dataset.state = 'closed';
    status.textContent = 'reconnecting…';
  });
}

export function connect() {
  const events = new EventSource('/api/events');
  showConnection(events);
  const data = (e) => JSON.parse(e.data);
  events.addEventListener('hello', (e) => greet(data(e)));
  events.addEventListener('message', (e) => upsert(data(e)));
  events.addEventListener('delete', (e) => removeMessage(data(e).id));
  events.addEventListener('typing', () => showTyping());
  // The bot now answers from a new set of articles: show that set.
  events.addEventListener('articles', () => void loadArticle());
  events.addEventListener('interactionFailed', (e) => {
    systemMessage(`${state.bot?.username ?? 'The bot'} did not respond to ${data(e).action} in time (“The application did not respond”).`);
  });
}
