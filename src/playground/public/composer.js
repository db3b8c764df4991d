// The message box: Enter sends a question (a message mentioning the bot) or a slash command (an interaction);
// the popup above it completes commands and options.
import { fetchSettings, post } from './api.js';
import { parseCommand, typedOptions } from './command-parse.js';
import { systemMessage } from './chat-view.js';
import { updateSuggestions } from './command-suggestions.js';
import { autosize, input, setInput } from './composer-input.js';
import { $ } from './dom.js';
import { closePopup, isOpen, moveSelection, onPick, pick, selectedIndex, selectedItem } from './popup.js';
import { state } from './state.js';

const PLACEHOLDER = input.placeholder;

/** Where the next plain message goes: a reply to an answer `{ replyTo }`, into a thread `{ channelId }`, or #news (null). */
let target = null;

function setTarget(next, label) {
  target = next;
  $('reply-bar').hidden = next === null;
  if (next !== null) {
    $('reply-text').textContent = label;
    input.focus();
  }
}

async function send() {
  const text = input.value.trim();
  if (!text) return;
  try {
    if (text.startsWith('/')) {
      const parsed = parseCommand(text, state.commands);
      if (!parsed?.command) throw new Error(`Unknown command ${text.split(/\s/)[0]}. Try /ask, /search, /source or /about.`);
      const options = typedOptions(parsed.command, parsed.values ?? {});
      await post('/api/command', { name: parsed.command.name, options });
    } else {
      // In an answer channel a question needs no mention: the message goes as typed.
      const plain = $('answer-channel-toggle').checked && !target;
      await post('/api/message', { content: text, ...target, ...(plain ? { plain: true } : {}) });
    }
    setInput('');
    // A reply is one message; a thread stays the place to post until cancelled.
    if (target?.replyTo) setTarget(null);
    closePopup();
  } catch (error) {
    systemMessage(error.message);
  }
}

/** Enter on a command typed in full that needs nothing more runs it, as Discord does; Tab still only completes. */
function runsAsTyped(event, item) {
  if (event.key !== 'Enter' || item?.kind !== 'command') return false;
  const needsMore = (item.command.options ?? []).some((o) => o.required);
  return !needsMore && input.value.trim().toLowerCase() === `/${item.command.name}`;
}

/** Arrows move through the popup; Tab or Enter picks the selected item. True when the key was used. */
function popupKey(event) {
  if (!isOpen()) return false;
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    moveSelection(event.key === 'ArrowDown' ? 1 : -1);
    return true;
  }
  if ((event.key === 'Tab' || event.key === 'Enter') && selectedIndex() >= 0 && !event.shiftKey) {
    if (runsAsTyped(event, selectedItem())) return false;
    event.preventDefault();
    pick(selectedIndex());
    return true;
  }
  return false;
}

function onKeydown(event) {
  if (event.isComposing || popupKey(event)) return;
  if (event.key === 'Escape') {
    if (!isOpen() && target !== null) setTarget(null);
    return closePopup();
  }
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    void send();
  }
}

function showAnswerChannel(on) {
  input.placeholder = on ? 'Message #news — every message is a question here, no mention needed' : PLACEHOLDER;
}

export function startComposer() {
  // A picked suggestion is final (Enter then sends); a picked command shows its options.
  onPick((item) => {
    input.focus();
    if (item.kind !== 'choice') updateSuggestions();
  });
  input.addEventListener('keydown', onKeydown);
  document.addEventListener('reply-to', (event) => setTarget({ replyTo: event.detail.id }, 'Replying to Footnote: a follow-up to its answer'));
  document.addEventListener('post-in-thread', (event) => setTarget({ channelId: event.detail.id }, `Posting in the thread “${event.detail.name}”: mentions there are follow-ups`));
  $('reply-cancel').addEventListener('click', () => setTarget(null));
  $('threads-toggle').addEventListener('change', (event) =>
    post('/api/settings', { threads: event.target.checked }).catch((error) => systemMessage(error.message)),
  );
  $('answer-channel-toggle').addEventListener('change', (event) => {
    showAnswerChannel(event.target.checked);
    post('/api/settings', { answerChannel: event.target.checked }).catch((error) => systemMessage(error.message));
  });
  // After a reload the switches show what the bot saved, not their unchecked default.
  fetchSettings()
    .then(({ threads, answerChannel }) => {
      $('threads-toggle').checked = threads;
      $('answer-channel-toggle').checked = answerChannel;
      showAnswerChannel(answerChannel);
    })
    .catch((error) => systemMessage(error.message));
  input.addEventListener('input', () => {
    autosize();
    updateSuggestions();
  });
  input.addEventListener('blur', () => setTimeout(closePopup, 150));
  $('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    void send();
  });
  input.focus();
}
