// Threads the bot opened for answers: shown under the #news message they started from, as Discord's client shows a
// thread's preview, with a button that makes the next message go into the thread.
import { $, el } from './dom.js';

/** The list a thread message goes into (made on first use, right after its starter); null for a #news message. */
export function threadList(m) {
  if (!m.inThread) return null;
  const { id, name } = m.inThread;
  let box = $(`t-${id}`);
  if (!box) {
    box = el('div', 'thread');
    box.id = `t-${id}`;
    box.dataset.thread = id;
    const head = el('div', 'thread-head');
    head.append(el('span', 'thread-name', `🧵 ${name}`));
    const reply = el('button', 'thread-reply', 'Reply in thread');
    reply.type = 'button';
    reply.addEventListener('click', () => document.dispatchEvent(new CustomEvent('post-in-thread', { detail: { id, name } })));
    head.append(reply);
    box.append(head, el('div', 'thread-messages'));
    const starter = $(`m-${id}`);
    $('messages').insertBefore(box, starter ? starter.nextSibling : null);
  }
  return box.querySelector('.thread-messages');
}
