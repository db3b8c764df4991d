// A tiny, safe renderer for the Discord markdown the bot sends.
//
// Safety first: every character of the input is HTML-escaped before any tag is produced, and the
// only tags produced are the fixed ones below. Links are made only for http(s) URLs. Code spans,
// backslash escapes and links are swapped for private-use placeholders while the rest is
// formatted, so their contents are never re-interpreted.
//
// Supported: **bold**, *italics* / _italics_, __underline__, ~~strike~~, ||spoiler||, `code`,
// ```code blocks```, > block quotes (and >>> rest-of-message), # headings, - lists,
// [masked](https://links), <https://autolinks>, bare https:// URLs, <@user> and <#channel> mentions, <t:unix:f>.

const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(text) {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function formatTimestamp(seconds, style) {
  const date = new Date(Number(seconds) * 1000);
  if (Number.isNaN(date.getTime())) return String(seconds);
  switch (style) {
    case 't':
      return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    case 'T':
      return date.toLocaleTimeString();
    case 'd':
      return date.toLocaleDateString();
    case 'D':
      return date.toLocaleDateString(undefined, { dateStyle: 'long' });
    case 'F':
      return date.toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'short' });
    case 'R': {
      const diff = Math.round((date.getTime() - Date.now()) / 1000);
      const abs = Math.abs(diff);
      const [value, unit] =
        abs < 60 ? [diff, 'second'] : abs < 3600 ? [Math.round(diff / 60), 'minute'] : abs < 86400 ? [Math.round(diff / 3600), 'hour'] : [Math.round(diff / 86400), 'day'];
      return new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(value, unit);
    }
    default:
      return date.toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' });
  }
}

/** A store of finished HTML pieces, each stood in for by a placeholder until the end. */
function createTokens() {
  const tokens = [];
  const token = (html) => `${OPEN}${tokens.push(html) - 1}${CLOSE}`;
  const link = (url, labelHtml) => token(`<a href="${url}" target="_blank" rel="noopener noreferrer nofollow">${labelHtml}</a>`);
  /** Put tokens back (a token can contain others, e.g. code inside a link label). */
  const restore = (html) => {
    for (let depth = 0; depth < 4 && html.includes(OPEN); depth++) html = html.replace(PLACEHOLDER, (_, n) => tokens[Number(n)] ?? '');
    return html.replace(/[\uE000\uE001]/g, '');
  };
  return { token, link, restore };
}

/** Code blocks, then (left to right, so an escaped backtick never opens code) backslash escapes and inline code. */
function protectCode(text, { token }) {
  text = text.replace(/```(?:[\w+-]*\n)?([\s\S]*?)```/g, (_, body) => token(`<pre><code>${escapeHtml(body.replace(/\n$/, ''))}</code></pre>`));
  return text.replace(/\\([^\sA-Za-z0-9])|``([^`]+?)``|`([^`\n]+?)`/g, (_, escaped, code2, code1) =>
    escaped !== undefined ? token(escapeHtml(escaped)) : token(`<code>${escapeHtml(code2 ?? code1)}</code>`),
  );
}

/** Things Discord renders inside angle brackets (now &lt;…&gt;): timestamps, mentions, autolinks. */
function renderAngleForms(text, { token, link }, options) {
  text = text.replace(/&lt;t:(-?\d{1,13})(?::([tTdDfFR]))?&gt;/g, (_, s, style) => token(`<time class="ts">${escapeHtml(formatTimestamp(s, style))}</time>`));
  text = text.replace(/&lt;@!?(\d{1,20})&gt;/g, (_, id) => {
    const name = options.mention?.(id);
    return token(`<span class="mention">@${escapeHtml(name ?? 'unknown-user')}</span>`);
  });
  // Channel mentions (<#id>), as Discord shows them: the channel's name.
  text = text.replace(/&lt;#(\d{1,20})&gt;/g, (_, id) => token(`<span class="mention">#${escapeHtml(options.channel?.(id) ?? 'unknown')}</span>`));
  return text.replace(/&lt;(https?:\/\/[^\s]+?)&gt;/gi, (_, url) => link(url, url));
}

/** Masked links [label](https://…) — the label gets inline formatting, the URL none — then bare URLs. */
function renderLinks(text, { link }) {
  text = text.replace(/\[([^\]\n]{1,512})\]\((https?:\/\/[^\s)]+)\)/gi, (_, label, url) => link(url, inline(label)));
  // Trailing punctuation and entities other than &amp; stay outside a bare URL.
  return text.replace(/https?:\/\/[^\s\uE000]+/gi, (match) => {
    let url = match;
    let rest = '';
    for (;;) {
      const m = /(?:[.,:;!?)\]'"]|&(?:lt|gt|quot|#39);)$/.exec(url);
      if (!m) break;
      rest = m[0] + rest;
      url = url.slice(0, -m[0].length);
    }
    return url.length > 'https://'.length ? link(url, url) + rest : match;
  });
}

/** Paragraphs, block quotes (`> ` and `>>> ` to the end), headings and lists, line by line. */
function renderBlocks(text) {
  const lines = text.split('\n');
  const out = [];
  let paragraph = [];
  let quote = null;
  let list = null;
  const flush = () => {
    if (paragraph.length) out.push(paragraph.map(inline).join('<br>'));
    if (quote) out.push(`<blockquote>${quote.map(inline).join('<br>')}</blockquote>`);
    if (list) out.push(`<ul>${list.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`);
    paragraph = [];
    quote = null;
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    let m;
    if ((m = /^&gt;&gt;&gt; ([\s\S]*)$/.exec(line))) {
      flush();
      quote = [m[1], ...lines.slice(i + 1)];
      break;
    }
    if ((m = /^&gt; ?(.*)$/.exec(line))) {
      if (!quote) {
        flush();
        quote = [];
      }
      quote.push(m[1]);
      continue;
    }
    if ((m = /^(#{1,3}) (.+)$/.exec(line))) {
      flush();
      const level = m[1].length;
      out.push(`<h${level + 2} class="md-h${level}">${inline(m[2])}</h${level + 2}>`);
      continue;
    }
    if ((m = /^\s*[-*] (.+)$/.exec(line))) {
      if (!list) {
        flush();
        list = [];
      }
      list.push(m[1]);
      continue;
    }
    if (quote || list) flush();
    paragraph.push(line);
  }
  flush();
  return out.join('');
}

/**
 * Render Discord markdown to an HTML string that is safe to assign to innerHTML.
 * @param {string} source
 * @param {{ mention?: (id: string) => string | undefined, channel?: (id: string) => string | undefined }} [options]
 * @returns {string}
 */
export function renderMarkdown(source, options = {}) {
  const tokens = createTokens();
  // Placeholder characters in the input could forge tokens: drop them.
  let text = String(source ?? '').replace(/[\uE000\uE001]/g, '');
  text = protectCode(text, tokens);
  // Everything else is escaped now; from here on only fixed tags are added.
  text = escapeHtml(text);
  text = renderAngleForms(text, tokens, options);
  text = renderLinks(text, tokens);
  return tokens.restore(renderBlocks(text));
}

/** Inline emphasis on already-escaped text. */
function inline(text) {
  return text
    .replace(/\*\*\*(?=\S)([\s\S]+?)\*\*\*/g, '<strong><em>$1</em></strong>')
    .replace(/\*\*(?=\S)([\s\S]+?)\*\*/g, '<strong>$1</strong>')
    .replace(/__(?=\S)([\s\S]+?)__/g, '<u>$1</u>')
    .replace(/\*(?=[^\s*])([^*]+?)\*/g, '<em>$1</em>')
    .replace(/(^|[^\w])_(?=[^\s_])([^_]+?)_(?!\w)/g, '$1<em>$2</em>')
    .replace(/~~(?=\S)([\s\S]+?)~~/g, '<s>$1</s>')
    .replace(/\|\|(?=\S)([\s\S]+?)\|\|/g, '<span class="spoiler">$1</span>');
}
