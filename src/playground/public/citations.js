// Citations ↔ article: `[n]` markers and sentence ids in the bot's messages link to sentences in the article pane,
// and the latest answer's sources are marked there.
import { el } from './dom.js';
import { showArticle } from './article-pane.js';
import { compareIds, state } from './state.js';

/** The article a label names: an article id in code, or its title (linked or not, maybe shortened with …). */
function articleOfLabel(label) {
  const text = label?.trim() ?? '';
  const code = /^`([^`]+)`$/.exec(text);
  if (code) return state.articles.find((a) => a.id === code[1])?.id;
  const title = text.replace(/^\[(.*)\]\(.*\)$/, '$1').replace(/\\(.)/g, '$1').trim();
  if (!title) return undefined;
  const exact = state.articles.filter((a) => a.title === title);
  const prefix = title.endsWith('…') ? state.articles.filter((a) => a.title?.startsWith(title.slice(0, -1).trimEnd())) : [];
  const found = exact.length ? exact : prefix;
  // Two articles that fit the label: no link rather than the wrong sentence.
  return found.length === 1 ? found[0].id : undefined;
}

/** `article:id` for a cited id; the id alone names a sentence only when one article is loaded. */
function articleKey(id, label) {
  if (id.includes(':')) return id;
  const article = label === undefined ? undefined : articleOfLabel(label);
  if (article) return `${article}:${id}`;
  return state.articles.length === 1 ? `${state.articles[0].id}:${id}` : undefined;
}

/** `n` → `article:id`, read from the embed the bot sent: Sources lines and Context blocks. */
export function citationMap(embed) {
  const map = new Map();
  const texts = [...(embed.fields ?? []).map((f) => f.value), embed.description ?? ''];
  for (const text of texts) {
    for (const line of text.split('\n')) {
      const source = /^\*\*\[(\d+)\]\*\* (.*?) · `([^`]+)` · score/.exec(line);
      const context = /^\*\*\[(\d+)\]\*\* `([^`]+)`(?: · (.*))?$/.exec(line);
      const key = source ? articleKey(source[3], source[2]) : context ? articleKey(context[2], context[3] ?? '') : undefined;
      const n = source?.[1] ?? context?.[1];
      if (n && key && !map.has(n)) map.set(n, key);
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

/** The key of the `[n]` link earlier on the same line as `code` (a Sources line), if any. */
function citeOnLine(code) {
  let node = code;
  while (!node.previousSibling && node.parentElement && !node.parentElement.classList.contains('md')) node = node.parentElement;
  for (let n = node.previousSibling; n; n = n.previousSibling) {
    if (n.nodeName === 'BR') return undefined;
    const cite = n.matches?.('a.cite') ? n : n.querySelector?.('a.cite');
    if (cite) return cite.dataset.key;
  }
  return undefined;
}

/** The article an embed says it is about (the `/source` embed's Article field). */
function embedArticle(code) {
  const field = [...(code.closest('.embed')?.querySelectorAll('.embed-field') ?? [])].find(
    (f) => f.querySelector('.embed-field-name')?.textContent.trim() === 'Article',
  );
  const id = field?.querySelector('.embed-field-value code')?.textContent.trim();
  return state.articles.some((a) => a.id === id) ? id : undefined;
}

/** `article:id` for a sentence-id pill: from its own text, its line's citation, its embed, or the only article. */
function pillKey(code, text) {
  if (text.includes(':')) return text;
  const cited = citeOnLine(code);
  if (cited?.endsWith(`:${text}`)) return cited;
  const article = embedArticle(code) ?? (state.articles.length === 1 ? state.articles[0].id : undefined);
  return article && `${article}:${text}`;
}

/** Make `[n]` markers and inline-code sentence ids clickable. */
export function linkCitations(root, citations) {
  for (const node of markerTextNodes(root)) linkMarkers(node, citations);
  for (const code of root.querySelectorAll('code')) {
    const text = code.textContent.trim();
    if (!/^(?:[\w-]+:)?\d+\.\d+$/.test(text)) continue;
    const key = pillKey(code, text);
    if (key && state.sentences.has(key)) {
      code.classList.add('ref');
      code.dataset.key = key;
      code.title = `Show ${text} in the article`;
    }
  }
}

function highlightSentence(key) {
  const node = state.sentences.get(key);
  if (!node) return;
  showArticle(key.slice(0, key.lastIndexOf(':')));
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
  const cited = answered ? [...citationMap(embed).values()] : [];
  const keys = new Set(cited);
  for (const [key, node] of state.sentences) node.classList.toggle('cited', keys.has(key));
  // The pane turns to the article the answer's first citation is from.
  if (cited[0] && state.sentences.has(cited[0])) showArticle(cited[0].slice(0, cited[0].lastIndexOf(':')));
}
