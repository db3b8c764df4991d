// Slash commands as typed in the composer: `/name rest` read into option values the way Discord's client would
// send them. Pure functions of the text and the registered commands.

const CHAT_INPUT = 1;
const OPTION = { STRING: 3, INTEGER: 4, BOOLEAN: 5, NUMBER: 10 };

export const chatCommands = (commands) => commands.filter((c) => c.type === CHAT_INPUT || c.type === undefined);

/** `name: value` markers in `rest`, for the command's own option names only. */
function optionMarkers(options, rest) {
  const markers = [];
  if (!options.length) return markers;
  const re = new RegExp(`(^|\\s)(${options.map((o) => o.name).join('|')}):\\s*`, 'gi');
  for (let hit; (hit = re.exec(rest)); ) markers.push({ name: hit[2].toLowerCase(), at: hit.index + hit[1].length, valueAt: hit.index + hit[0].length });
  return markers;
}

/** Where each option's value sits in the whole text: text before the first `name:` goes to the first required option. */
function optionSpans(options, rest, restStart) {
  const markers = optionMarkers(options, rest);
  const spans = [];
  const lead = rest.slice(0, markers[0]?.at ?? rest.length);
  const implicit = options.find((o) => o.required) ?? options[0];
  if (implicit && (lead.trim() || !markers.length)) spans.push({ name: implicit.name, start: restStart, end: restStart + lead.replace(/\s+$/, '').length });
  markers.forEach((marker, i) => {
    const end = markers[i + 1]?.at ?? rest.length;
    const value = rest.slice(marker.valueAt, end).replace(/\s+$/, '');
    spans.push({ name: marker.name, start: restStart + marker.valueAt, end: restStart + marker.valueAt + value.length });
  });
  return spans;
}

/**
 * Parse `/name rest` the way you would type it: `name: value` pairs for options, and text before
 * the first `name:` goes to the first required option. Returns values and where each sits.
 */
export function parseCommand(text, commands) {
  const m = /^\/(\S*)(\s?)([\s\S]*)$/.exec(text);
  if (!m) return null;
  const command = chatCommands(commands).find((c) => c.name === m[1].toLowerCase());
  if (!command || !m[2]) return { name: m[1], command, complete: false };
  const spans = optionSpans(command.options ?? [], m[3], 1 + m[1].length + m[2].length);
  const values = {};
  for (const span of spans) values[span.name] = text.slice(span.start, span.end);
  return { name: command.name, command, complete: true, values, spans, focused: spans.at(-1) };
}

function typedValue(def, value) {
  if (def.type === OPTION.BOOLEAN) {
    if (/^(true|yes|on|1)$/i.test(value)) return true;
    if (/^(false|no|off|0)$/i.test(value)) return false;
    throw new Error(`${def.name} must be true or false`);
  }
  if (def.type === OPTION.INTEGER || def.type === OPTION.NUMBER) {
    const n = Number(value);
    if (!Number.isFinite(n)) throw new Error(`${def.name} must be a number`);
    return n;
  }
  if (def.min_length && value.length < def.min_length) throw new Error(`${def.name} must be at least ${def.min_length} characters`);
  return value;
}

/** Option values typed as the command declares them; throws a message for the user when one is wrong or missing. */
export function typedOptions(command, values) {
  const out = {};
  for (const def of command.options ?? []) {
    const raw = values[def.name];
    if (raw === undefined || raw.trim() === '') continue;
    out[def.name] = typedValue(def, raw.trim());
  }
  for (const def of command.options ?? []) if (def.required && out[def.name] === undefined) throw new Error(`/${command.name} needs ${def.name}: ${usage(command)}`);
  return out;
}

function usage(command) {
  return `/${command.name} ${(command.options ?? []).map((o) => (o.required ? `${o.name}: …` : `[${o.name}: ${o.type === OPTION.BOOLEAN ? 'true' : '…'}]`)).join(' ')}`.trim();
}
