// "Footnote is typing…" below the composer, as Discord shows it after a typing event; it gives way to the hint.
import { $ } from './dom.js';

/** Discord clears a typing indicator after about ten seconds without a new event. */
const TYPING_MS = 10_000;
let typingTimer;

export function showTyping() {
  $('typing').hidden = false;
  $('hint').hidden = true;
  clearTimeout(typingTimer);
  typingTimer = setTimeout(hideTyping, TYPING_MS);
}

export function hideTyping() {
  clearTimeout(typingTimer);
  $('typing').hidden = true;
  $('hint').hidden = false;
}
