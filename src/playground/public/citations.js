// Citations ↔ article: `[n]` markers and sentence ids in the bot's messages link to sentences in the article pane,
// and the latest answer's sources are marked there.
import { el } from './dom.js';
import { compareIds, state } from './state.js';

/** `article:id` for a cited id, read from its label (an article id in code, or a title) when the id has no article. */
function articleKey(id, label) {
  if (id.includes(':')) return id;
  const code = /^`([^`]+)`$/.exec(label?.trim() ?? '');
  if (code && state.articles.some((a) => a.id === code[1])) return `${code[1]}:${id}`;
  const title = label?.replace(/^\[(.*)\]\(.*\)$/, '$1').replace(/\\(.)/g, '$1').trim();
  const byTitle = state.articles.find((a) => a.title && title && a.title.startsWith(title.replace(/…$/, '')));
  return `${(byTitle ?? state.articles[0])?.id}:${id}`;
}

/** `n` → `article:id`, read from the embed the bot sent: Sources lines and Context blocks. */
export function citationMap(embed) {
  const map = new Map();
  const texts = [...(embed.fields ?? []).map((f) => f.value), embed.description ?? ''];
  for (const text of texts) {
    for (const line of text.split('\n')) {
      const source = /^\*\*\[(\d+)\]\*\* (.*?) · `([^`]+)` · score/.exec(line);
      const context = /^\*\*\[(\d+)\]\*\* `([^`]+)`/.exec(line);
      if (source && !map.has(source[1])) map.set(source[1], articleKey(source[3], source[2]));
      else if (context && !map.has(context[1])) map.set(context[1], articleKey(context[2]));
    }
  }
  return map;
}

/** Text nodes under `root` with a `[n]` marker, outside code, links and buttons. */
function markerTextNodes(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const hits = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest('code, a, button')) continue;
    if (/\[\d+\]/.test(node.nodeValue)) hits.push(node);
  }
  return hits;
}

function linkMarkers(node, citations) {
  const frag = document.createDocumentFragment();
  for (const part of node.nodeValue.split(/(\[\d+\])/)) {
    const n = /^\[(\d+)\]$/.exec(part)?.[1];
    const key = n && citations.get(n);
    if (key && state.sentences.has(key)) {
      const a = el('a', 'cite', part);
      a.href = '#';
      a.dataset.key = key;
      a.title = `Show ${key.split(':')[1]} in the article`;
      frag.append(a);
    } else if (part) frag.append(document.createTextNode(part));
  }
  node.replaceWith(frag);
}

/** Make `[n]` markers and inline-code sentence ids clickable. */
export function linkCitations(root, citations) {
  for (const node of markerTextNodes(root)) linkMarkers(node, citations);
  for (const code of root.querySelectorAll('code')) {
    const text = code.textContent.trim();
    const key = text.includes(':') ? text : `${state.articles[0]?.id}:${text}`;
    if (/^(?:[\w-]+:)?\d+\.\d+$/.test(text) && state.sentences.has(key)) {
      code.classList.add('ref');
      code.dataset.key = key;
      code.title = `Show ${text} in the article`;
    }
  }
}

function highlightSentence(key) {
  const node = state.sentences.get(key);
  if (!node) return;
  for (const other of document.querySelectorAll('.sent.highlight')) other.classList.remove('highlight');
  node.classList.add('highlight');
  node.scrollIntoView({ behavior: 'smooth', block: 'center' });
}

/** One listener for every citation link, present and future. */
export function followCitationClicks() {
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('.cite, code.ref') : null;
    if (!target) return;
    event.preventDefault();
    highlightSentence(target.dataset.key);
  });
}

/** The latest answer's sources are marked in the article; an abstention clears the marks. */
export function noteAnswer(m) {
  const embed = (m.embeds ?? []).find((e) => (e.fields ?? []).some((f) => /^(Sources|Closest passages)/.test(f.name)));
  if (!embed) return;
  if (state.latestAnswerId && compareIds(m.id, state.latestAnswerId) < 0) return;
  state.latestAnswerId = m.id;
  const answered = (embed.fields ?? []).some((f) => f.name.startsWith('Sources'));
  const keys = answered ? new Set(citationMap(embed).values()) : new Set();
  for (const [key, node] of state.sentences) node.classList.toggle('cited', keys.has(key));
}
