// What the popup offers for the text being typed: matching commands, the command's options, or, for an option
// with autocomplete, the choices the bot returns to a real autocomplete interaction.
import { post } from './api.js';
import { chatCommands, parseCommand } from './command-parse.js';
import { input, setInput } from './composer-input.js';
import { closePopup, showPopup } from './popup.js';
import { state } from './state.js';

/** Wait this long after the last keystroke before asking the bot, as Discord's client debounces. */
const AUTOCOMPLETE_DELAY_MS = 120;
let autocompleteSeq = 0;
let autocompleteTimer;

function showCommands(parsed) {
  const matches = chatCommands(state.commands).filter((c) => c.name.startsWith(parsed.name.toLowerCase()));
  showPopup(
    'Commands',
    matches.map((c) => ({ kind: 'command', name: `/${c.name}`, desc: c.description, value: c.name, command: c, apply: () => setInput(`/${c.name} `) })),
  );
}

function showOptions(text, command) {
  const options = command.options ?? [];
  // Nothing to offer: an empty "No matches" list would read as if the command were unknown.
  if (!options.length) return closePopup();
  showPopup(
    `/${command.name}`,
    options.map((o) => ({
      kind: 'option',
      name: `${o.name}${o.required ? '' : ' (optional)'}`,
      desc: o.description,
      value: o.name,
      apply: () => setInput(`${text.replace(/\s*$/, ' ')}${o.name}: `),
    })),
    { selectFirst: false },
  );
}

async function fetchChoices(seq, text, parsed, def) {
  try {
    const others = {};
    for (const [k, v] of Object.entries(parsed.values)) if (k !== def.name && v.trim()) others[k] = v.trim();
    const { choices } = await post('/api/autocomplete', { name: parsed.name, focused: def.name, value: parsed.values[def.name] ?? '', options: others });
    if (seq !== autocompleteSeq || input.value !== text) return;
    const span = parsed.focused;
    const replace = (value) => setInput(text.slice(0, span.start) + value + text.slice(span.end), span.start + value.length);
    showPopup(
      `${def.name} — suggestions from ${state.bot.username}`,
      choices.map((c) => ({ kind: 'choice', name: c.name, value: String(c.value), apply: () => replace(String(c.value)) })),
    );
  } catch {
    if (seq === autocompleteSeq) showPopup(`${def.name} — suggestions`, []);
  }
}

/** Refresh the popup for what the composer holds now. */
export function updateSuggestions() {
  const text = input.value;
  const parsed = text.startsWith('/') ? parseCommand(text, state.commands) : null;
  if (!parsed) return closePopup();
  if (!parsed.complete) {
    if (parsed.command && /\s/.test(text)) return closePopup();
    return showCommands(parsed);
  }
  const def = parsed.command.options?.find((o) => o.name === parsed.focused?.name);
  if (def?.autocomplete) {
    const seq = ++autocompleteSeq;
    clearTimeout(autocompleteTimer);
    autocompleteTimer = setTimeout(() => void fetchChoices(seq, text, parsed, def), AUTOCOMPLETE_DELAY_MS);
    return;
  }
  showOptions(text, parsed.command);
}
