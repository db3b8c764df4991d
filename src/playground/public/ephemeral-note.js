// "Only you can see this · Dismiss message" under a private reply. A dismissed reply stays gone, also after a
// reload (the stand-in still holds it and replays the channel in `hello`), as Discord's client remembers it.
import { el } from './dom.js';

const STORAGE_KEY = 'footnote.dismissed';
/** Ids are unique per stand-in run, so old ones only take room: keep the latest few hundred. */
const MAX_REMEMBERED = 500;

function remembered() {
  try {
    const ids = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(ids) ? ids.filter((id) => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

const dismissed = new Set(remembered());

function remember(id) {
  dismissed.add(id);
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify([...dismissed].slice(-MAX_REMEMBERED)));
  } catch {
    // Storage full or disabled: the reply stays dismissed until the page is reloaded.
  }
}

export const isDismissed = (id) => dismissed.has(id);

/** The note for `node`; dismissing removes it, and a message `id` stays dismissed when the stand-in sends it again. */
export function ephemeralNote(node, id) {
  const note = el('div', 'ephemeral-note');
  note.append(el('span', '', '👁 Only you can see this ·'));
  const dismiss = el('button', '', 'Dismiss message');
  dismiss.type = 'button';
  dismiss.addEventListener('click', () => {
    if (id) remember(id);
    node.remove();
  });
  note.append(dismiss);
  return note;
}
