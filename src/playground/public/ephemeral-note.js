// "Only you can see this · Dismiss message" under a private reply.
import { el } from './dom.js';

const dismissed = new Set();

export const isDismissed = (id) => dismissed.has(id);

/** The note for `node`; dismissing removes it, and a message `id` stays dismissed when the stand-in sends it again. */
export function ephemeralNote(node, id) {
  const note = el('div', 'ephemeral-note');
  note.append(el('span', '', '👁 Only you can see this ·'));
  const dismiss = el('button', '', 'Dismiss message');
  dismiss.type = 'button';
  dismiss.addEventListener('click', () => {
    if (id) dismissed.add(id);
    node.remove();
  });
  note.append(dismiss);
  return note;
}
