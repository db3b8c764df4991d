// A Discord embed as the bot sent it: author, title (linked only to http(s)), description, fields, footer.
import { el, externalLink } from './dom.js';
import { renderMarkdown } from './markdown.js';
import { nameOf, channelNameOf } from './state.js';

const md = (text) => renderMarkdown(text, { mention: nameOf, channel: channelNameOf });

function colorHex(color) {
  return typeof color === 'number' ? `#${color.toString(16).padStart(6, '0')}` : '#1e1f22';
}

function renderTitle(e) {
  const title = el('div', 'embed-title');
  if (e.url && /^https?:\/\//i.test(e.url)) {
    const a = externalLink();
    a.href = e.url;
    a.innerHTML = md(e.title);
    title.append(a);
  } else title.innerHTML = md(e.title);
  return title;
}

function renderFields(fields) {
  const box = el('div', 'embed-fields');
  for (const f of fields) {
    const field = el('div', `embed-field${f.inline ? ' inline' : ''}`);
    const name = el('div', 'embed-field-name');
    name.innerHTML = md(f.name);
    const value = el('div', 'embed-field-value md');
    value.innerHTML = md(f.value);
    field.append(name, value);
    box.append(field);
  }
  return box;
}

export function renderEmbed(e) {
  const box = el('div', 'embed');
  box.style.borderLeftColor = colorHex(e.color);
  if (e.author?.name) box.append(el('div', 'embed-author', e.author.name));
  if (e.title) box.append(renderTitle(e));
  if (e.description) {
    const d = el('div', 'embed-description md');
    d.innerHTML = md(e.description);
    box.append(d);
  }
  if (e.fields?.length) box.append(renderFields(e.fields));
  if (e.footer?.text) box.append(el('div', 'embed-footer', e.footer.text));
  return box;
}
