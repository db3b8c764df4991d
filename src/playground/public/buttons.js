// The button rows under a bot message (Show context, More sources, 👍, 👎): a click is a real component
// interaction on the stand-in; link buttons open outside the page.
import { post } from './api.js';
import { el, externalLink } from './dom.js';

const BUTTON = 2;
const BUTTON_STYLE = { 1: 'primary', 2: 'secondary', 3: 'success', 4: 'danger', 5: 'link' };
/** How long a clicked button stays greyed out, so a double click sends one interaction. */
const PENDING_MS = 400;

function linkButton(c) {
  const button = externalLink('btn btn-link');
  if (/^https?:\/\//i.test(c.url ?? '')) button.href = c.url;
  return button;
}

function interactionButton(m, c, style, wrap) {
  const button = el('button', `btn btn-${style}`);
  button.type = 'button';
  button.disabled = !!c.disabled;
  button.dataset.customId = c.custom_id;
  button.addEventListener('click', async () => {
    button.classList.add('pending');
    button.disabled = true;
    wrap.querySelector('.component-error')?.remove();
    try {
      await post('/api/button', { messageId: m.id, customId: c.custom_id });
    } catch (error) {
      wrap.append(el('div', 'component-error', `This interaction failed: ${error.message}`));
    } finally {
      setTimeout(() => {
        button.classList.remove('pending');
        button.disabled = !!c.disabled;
      }, PENDING_MS);
    }
  });
  return button;
}

export function renderComponents(m) {
  const wrap = el('div', 'components');
  for (const row of m.components) {
    const rowNode = el('div', 'action-row');
    for (const c of row.components ?? []) {
      if (c.type !== BUTTON) continue;
      const style = BUTTON_STYLE[c.style] ?? 'secondary';
      const button = style === 'link' ? linkButton(c) : interactionButton(m, c, style, wrap);
      if (c.emoji?.name) button.append(el('span', 'emoji', c.emoji.name));
      if (c.label) button.append(el('span', 'label', c.label));
      button.setAttribute('aria-label', c.label || c.emoji?.name || 'button');
      rowNode.append(button);
    }
    wrap.append(rowNode);
  }
  return wrap;
}
