// The composer's text box: its value, caret and height.
import { $ } from './dom.js';

export const input = $('input');

/** The box grows with its text up to 40% of the window, as Discord's does. */
export function autosize() {
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight, window.innerHeight * 0.4)}px`;
}

export function setInput(value, caret = value.length) {
  input.value = value;
  input.setSelectionRange(caret, caret);
  autosize();
}
