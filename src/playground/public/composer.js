// The composer: plain messages, `/commands` typed with `name: value` options, the command and option popup, and
// autocomplete suggestions asked of the bot through the stand-in.
import { $, el, post, state, systemMessage } from './page.js';

const CHAT_INPUT = 1;
const OPTION = { STRING: 3, INTEGER: 4, BOOLEAN: 5, NUMBER: 10 };

const input = $('input');
const popup = $('popup');
let popupItems = [];
let selected = -1;
let autocompleteSeq = 0;
let autocompleteTimer;

const chatCommands = () => state.commands.filter((c) => c.type === CHAT_INPUT || c.type === undefined);

/**
 * Parse `/name rest` the way you would type it: `name: value` pairs for options, and text before
 * the first `name:` goes to the first required option. Returns values and where each sits.
 */
function parseCommand(text) {
  const m = /^\/(\S*)(\s?)([\s\S]*)$/.exec(text);
  if (!m) return null;
  const command = chatCommands().find((c) => c.name === m[1].toLowerCase());
  const restStart = 1 + m[1].length + m[2].length;
  if (!command || !m[2]) return { name: m[1], command, complete: false };
  const options = command.options ?? [];
  const rest = m[3];
  const markers = [];
  if (options.length) {
    const re = new RegExp(`(^|\\s)(${options.map((o) => o.name).join('|')}):\\s*`, 'gi');
    for (let hit; (hit = re.exec(rest)); ) markers.push({ name: hit[2].toLowerCase(), at: hit.index + hit[1].length, valueAt: hit.index + hit[0].length });
  }
  const spans = [];
  const lead = rest.slice(0, markers[0]?.at ?? rest.length);
  const implicit = options.find((o) => o.required) ?? options[0];
  if (implicit && (lead.trim() || !markers.length)) spans.push({ name: implicit.name, start: restStart, end: restStart + lead.replace(/\s+$/, '').length });
  markers.forEach((marker, i) => {
    const end = markers[i + 1]?.at ?? rest.length;
    const value = rest.slice(marker.valueAt, end).replace(/\s+$/, '');
    spans.push({ name: marker.name, start: restStart + marker.valueAt, end: restStart + marker.valueAt + value.length });
  });
  const values = {};
  for (const span of spans) values[span.name] = text.slice(span.start, span.end);
  return { name: command.name, command, complete: true, values, spans, focused: spans.at(-1) };
}

function typedOptions(command, values) {
  const out = {};
  for (const def of command.options ?? []) {
    const raw = values[def.name];
    if (raw === undefined || raw.trim() === '') continue;
    const value = raw.trim();
    if (def.type === OPTION.BOOLEAN) {
      if (/^(true|yes|on|1)$/i.test(value)) out[def.name] = true;
      else if (/^(false|no|off|0)$/i.test(value)) out[def.name] = false;
      else throw new Error(`${def.name} must be true or false`);
    } else if (def.type === OPTION.INTEGER || def.type === OPTION.NUMBER) {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new Error(`${def.name} must be a number`);
      out[def.name] = n;
    } else {
      if (def.min_length && value.length < def.min_length) throw new Error(`${def.name} must be at least ${def.min_length} characters`);
      out[def.name] = value;
    }
  }
  for (const def of command.options ?? []) if (def.required && out[def.name] === undefined) throw new Error(`/${command.name} needs ${def.name}: ${usage(command)}`);
  return out;
}

function usage(command) {
  return `/${command.name} ${(command.options ?? []).map((o) => (o.required ? `${o.name}: …` : `[${o.name}: ${o.type === OPTION.BOOLEAN ? 'true' : '…'}]`)).join(' ')}`.trim();
}

function closePopup() {
  popup.hidden = true;
  popup.replaceChildren();
  popupItems = [];
  selected = -1;
}

function showPopup(title, items) {
  popup.replaceChildren();
  popupItems = items;
  selected = items.length ? 0 : -1;
  popup.append(el('div', 'popup-title', title));
  if (!items.length) popup.append(el('div', 'popup-empty', 'No matches'));
  items.forEach((item, i) => {
    const row = el('div', `popup-item ${item.kind}${i === selected ? ' selected' : ''}`);
    row.setAttribute('role', 'option');
    row.dataset.value = item.value;
    row.append(el('span', 'name', item.name));
    if (item.desc) row.append(el('span', 'desc', item.desc));
    row.addEventListener('mousedown', (e) => {
      e.preventDefault();
      accept(i);
    });
    popup.append(row);
  });
  popup.hidden = false;
}

function moveSelection(delta) {
  if (!popupItems.length) return;
  selected = (selected + delta + popupItems.length) % popupItems.length;
  [...popup.querySelectorAll('.popup-item')].forEach((row, i) => row.classList.toggle('selected', i === selected));
  popup.querySelectorAll('.popup-item')[selected]?.scrollIntoView({ block: 'nearest' });
}

function accept(i) {
  const item = popupItems[i];
  if (!item) return;
  item.apply();
  closePopup();
  input.focus();
  // A picked suggestion is final (Enter then sends); a picked command shows its options.
  if (item.kind !== 'choice') updatePopup();
}

function setInput(value, caret = value.length) {
  input.value = value;
  input.setSelectionRange(caret, caret);
  autosize();
}

function updatePopup() {
  const text = input.value;
  if (!text.startsWith('/')) return closePopup();
  const parsed = parseCommand(text);
  if (!parsed) return closePopup();
  if (!parsed.complete) {
    const matches = chatCommands().filter((c) => c.name.startsWith(parsed.name.toLowerCase()));
    if (parsed.command && /\s/.test(text)) return closePopup();
    return showPopup(
      'Commands',
      matches.map((c) => ({
        kind: 'command',
        name: `/${c.name}`,
        desc: c.description,
        value: c.name,
        apply: () => setInput(`/${c.name} `),
      })),
    );
  }
  const def = parsed.command.options?.find((o) => o.name === parsed.focused?.name);
  if (def?.autocomplete) {
    const seq = ++autocompleteSeq;
    clearTimeout(autocompleteTimer);
    autocompleteTimer = setTimeout(async () => {
      try {
        const others = {};
        for (const [k, v] of Object.entries(parsed.values)) if (k !== def.name && v.trim()) others[k] = v.trim();
        const { choices } = await post('/api/autocomplete', { name: parsed.name, focused: def.name, value: parsed.values[def.name] ?? '', options: others });
        if (seq !== autocompleteSeq || input.value !== text) return;
        const span = parsed.focused;
        showPopup(
          `${def.name} — suggestions from ${state.bot.username}`,
          choices.map((c) => ({
            kind: 'choice',
            name: c.name,
            value: String(c.value),
            apply: () => {
              const value = String(c.value);
              setInput(text.slice(0, span.start) + value + text.slice(span.end), span.start + value.length);
            },
          })),
        );
      } catch (error) {
        if (seq === autocompleteSeq) showPopup(`${def.name} — suggestions`, []);
      }
    }, 120);
    return;
  }
  // Show which options the command takes.
  showPopup(
    `/${parsed.command.name}`,
    (parsed.command.options ?? []).map((o) => ({
      kind: 'option',
      name: `${o.name}${o.required ? '' : ' (optional)'}`,
      desc: o.description,
      value: o.name,
      apply: () => setInput(`${text.replace(/\s*$/, ' ')}${o.name}: `),
    })),
  );
  selected = -1;
  [...popup.querySelectorAll('.popup-item')].forEach((row) => row.classList.remove('selected'));
}

function autosize() {
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight, window.innerHeight * 0.4)}px`;
}

async function send() {
  const text = input.value.trim();
  if (!text) return;
  try {
    if (text.startsWith('/')) {
      const parsed = parseCommand(text);
      if (!parsed?.command) throw new Error(`Unknown command ${text.split(/\s/)[0]}. Try /ask, /search, /source or /about.`);
      const options = typedOptions(parsed.command, parsed.values ?? {});
      await post('/api/command', { name: parsed.command.name, options });
    } else {
      await post('/api/message', { content: text });
    }
    setInput('');
    closePopup();
  } catch (error) {
    systemMessage(error.message);
  }
}

input.addEventListener('keydown', (event) => {
  if (event.isComposing) return;
  if (!popup.hidden && popupItems.length) {
    if (event.key === 'ArrowDown') return event.preventDefault(), moveSelection(1);
    if (event.key === 'ArrowUp') return event.preventDefault(), moveSelection(-1);
    if ((event.key === 'Tab' || event.key === 'Enter') && selected >= 0 && !event.shiftKey) {
      event.preventDefault();
      return accept(selected);
    }
  }
  if (event.key === 'Escape') return closePopup();
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    void send();
  }
});
input.addEventListener('input', () => {
  autosize();
  updatePopup();
});
input.addEventListener('blur', () => setTimeout(closePopup, 150));
$('composer').addEventListener('submit', (e) => {
  e.preventDefault();
  void send();
});

input.focus();
