// The list above the composer (commands, a command's options, or the bot's suggestions), driven by the keyboard
// or the mouse. Each item carries its own `apply`; whoever opens the list learns what was picked through onPick.
import { $, el } from './dom.js';

const popup = $('popup');
let items = [];
let selected = -1;
let pickListener = () => {};

/** `listener(item)` runs after an item was applied and the list closed. */
export function onPick(listener) {
  pickListener = listener;
}

export const isOpen = () => !popup.hidden && items.length > 0;
export const selectedIndex = () => selected;

export function closePopup() {
  popup.hidden = true;
  popup.replaceChildren();
  items = [];
  selected = -1;
}

function markSelected() {
  [...popup.querySelectorAll('.popup-item')].forEach((row, i) => row.classList.toggle('selected', i === selected));
}

/** Show `list` under `title`; the first item is selected unless `selectFirst` is false. */
export function showPopup(title, list, { selectFirst = true } = {}) {
  popup.replaceChildren();
  items = list;
  selected = list.length && selectFirst ? 0 : -1;
  popup.append(el('div', 'popup-title', title));
  if (!list.length) popup.append(el('div', 'popup-empty', 'No matches'));
  list.forEach((item, i) => {
    const row = el('div', `popup-item ${item.kind}${i === selected ? ' selected' : ''}`);
    row.setAttribute('role', 'option');
    row.dataset.value = item.value;
    row.append(el('span', 'name', item.name));
    if (item.desc) row.append(el('span', 'desc', item.desc));
    row.addEventListener('mousedown', (e) => {
      e.preventDefault();
      pick(i);
    });
    popup.append(row);
  });
  popup.hidden = false;
}

export function moveSelection(delta) {
  if (!items.length) return;
  selected = (selected + delta + items.length) % items.length;
  markSelected();
  popup.querySelectorAll('.popup-item')[selected]?.scrollIntoView({ block: 'nearest' });
}

export function selectedItem() {
  return items[selected];
}

export function pick(i) {
  const item = items[i];
  if (!item) return;
  item.apply();
  closePopup();
  pickListener(item);
}
