// The article panel and its ties to the channel: citation markers [n] and sentence ids in answers link to the
// sentences of the article, and the latest answer's sources are marked there.
import { $, compareIds, el, state } from './page.js';

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

/** Make `[n]` markers and inline-code sentence ids clickable. */
export function linkCitations(root, citations) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const hits = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest('code, a, button')) continue;
    if (/\[\d+\]/.test(node.nodeValue)) hits.push(node);
  }
  for (const node of hits) {
    const frag = document.createDocumentFragment();
    const parts = node.nodeValue.split(/(\[\d+\])/);
    for (const part of parts) {
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

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('.cite, code.ref') : null;
  if (!target) return;
  event.preventDefault();
  highlightSentence(target.dataset.key);
});

function highlightSentence(key) {
  const node = state.sentences.get(key);
  if (!node) return;
  for (const other of document.querySelectorAll('.sent.highlight')) other.classList.remove('highlight');
  node.classList.add('highlight');
  node.scrollIntoView({ behavior: 'smooth', block: 'center' });
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

/** Fetches the article panel (retrying while the playground starts); `onRendered` runs once it is shown. */
export async function loadArticle(onRendered) {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch('/api/article');
    if (res.ok) {
      renderArticle(await res.json(), onRendered);
      return;
    }
    await new Promise((r) => setTimeout(r, Math.min(2000, 200 * (attempt + 1))));
  }
}

function renderArticle(view, onRendered) {
  state.articles = view.articles;
  const body = $('article-body');
  body.replaceChildren();
  const first = view.articles[0];
  $('article-title').textContent = view.articles.length === 1 ? (first?.title ?? first?.id ?? 'Article') : `${view.articles.length} articles`;
  const link = $('article-link');
  if (view.articles.length === 1 && first?.url) {
    link.href = first.url;
    link.hidden = false;
  }
  for (const article of view.articles) {
    if (view.articles.length > 1) {
      const h = el('h2', '', article.title ?? article.id);
      body.append(h);
      if (article.url) {
        const a = el('a', 'article-link', 'Open the original ↗');
        a.href = article.url;
        a.target = '_blank';
        a.rel = 'noopener noreferrer nofollow';
        body.append(a);
      }
    }
    for (const p of article.paragraphs) {
      const para = el('p', 'para');
      para.append(el('span', 'para-n', String(p.n)));
      let pos = 0;
      for (const s of p.sentences) {
        if (s.start > pos) para.append(document.createTextNode(p.text.slice(pos, s.start)));
        const span = el('span', 'sent');
        span.id = `s-${s.key.replace(':', '-')}`;
        span.dataset.key = s.key;
        span.title = `${s.id} — /source ${s.id}`;
        span.append(el('span', 'sent-id', s.id), document.createTextNode(p.text.slice(s.start, s.end)));
        para.append(span);
        state.sentences.set(s.key, span);
        pos = s.end;
      }
      if (pos < p.text.length) para.append(document.createTextNode(p.text.slice(pos)));
      body.append(para);
    }
  }
  onRendered();
}
