// What every view needs from the DOM: lookup by id, element creation, a message time, an outside link.

export const $ = (id) => document.getElementById(id);

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A message's time as Discord shows it beside the author (hours and minutes). */
export function time(iso) {
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** An anchor that opens outside the page and tells the target nothing about it. */
export function externalLink(className, text) {
  const a = el('a', className, text);
  a.target = '_blank';
  a.rel = 'noopener noreferrer nofollow';
  return a;
}
