// The article pane: every paragraph with its sentences as addressable spans (`article:id`), so citations can
// point at them. With several articles it shows one at a time, with a tab per article; following a citation
// switches to the cited article.
import { fetchArticleView } from './api.js';
import { rerenderMessages } from './chat-view.js';
import { $, el, externalLink } from './dom.js';
import { state } from './state.js';

function renderParagraph(article, p) {
  // A section heading is shown as one; it has no sentences, since it is never cited.
  if (p.heading) return el('h3', 'para-heading', p.text);
  const para = el('p', 'para');
  para.append(el('span', 'para-n', String(p.n)));
  let pos = 0;
  for (const s of p.sentences) {
    if (s.start > pos) para.append(document.createTextNode(p.text.slice(pos, s.start)));
    const span = el('span', 'sent');
    span.id = `s-${s.key.replace(':', '-')}`;
    span.dataset.key = s.key;
    span.title = `${s.id} — /source ${state.articles.length > 1 ? s.key : s.id}`;
    span.append(el('span', 'sent-id', s.id), document.createTextNode(p.text.slice(s.start, s.end)));
    para.append(span);
    state.sentences.set(s.key, span);
    pos = s.end;
  }
  if (pos < p.text.length) para.append(document.createTextNode(p.text.slice(pos)));
  return para;
}

function renderTabs(articles) {
  const tabs = $('article-tabs');
  tabs.replaceChildren();
  tabs.hidden = articles.length < 2;
  for (const article of articles) {
    const tab = el('button', 'article-tab', article.title ?? article.id);
    tab.type = 'button';
    tab.setAttribute('role', 'tab');
    tab.dataset.article = article.id;
    tab.title = article.title ?? article.id;
    tab.addEventListener('click', () => showArticle(article.id));
    tabs.append(tab);
  }
}

/** Show one article in the pane: its title and link in the header, its section in the body. */
export function showArticle(id) {
  const article = state.articles.find((a) => a.id === id) ?? state.articles[0];
  if (!article) return;
  state.shownArticle = article.id;
  $('article-title').textContent = article.title ?? article.id;
  const link = $('article-link');
  link.hidden = !article.url;
  if (article.url) link.href = article.url;
  for (const section of document.querySelectorAll('.article-section')) section.hidden = section.dataset.article !== article.id;
  for (const tab of document.querySelectorAll('.article-tab')) tab.setAttribute('aria-selected', String(tab.dataset.article === article.id));
}

function renderArticle(view) {
  state.articles = view.articles;
  state.sentences.clear();
  const body = $('article-body');
  body.replaceChildren();
  renderTabs(view.articles);
  for (const article of view.articles) {
    const section = el('section', 'article-section');
    section.dataset.article = article.id;
    for (const p of article.paragraphs) section.append(renderParagraph(article, p));
    body.append(section);
  }
  showArticle(view.articles.some((a) => a.id === state.shownArticle) ? state.shownArticle : view.articles[0]?.id);
  // Messages rendered before the article arrived get their citation links now.
  rerenderMessages();
}

export async function loadArticle() {
  renderArticle(await fetchArticleView());
}
