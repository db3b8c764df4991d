// The article pane: every paragraph with its sentences as addressable spans (`article:id`), so citations can
// point at them.
import { fetchArticleView } from './api.js';
import { rerenderMessages } from './chat-view.js';
import { $, el, externalLink } from './dom.js';
import { state } from './state.js';

function renderParagraph(p) {
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
  return para;
}

function renderHeader(articles) {
  const first = articles[0];
  $('article-title').textContent = articles.length === 1 ? (first?.title ?? first?.id ?? 'Article') : `${articles.length} articles`;
  const link = $('article-link');
  if (articles.length === 1 && first?.url) {
    link.href = first.url;
    link.hidden = false;
  }
}

function renderArticle(view) {
  state.articles = view.articles;
  const body = $('article-body');
  body.replaceChildren();
  renderHeader(view.articles);
  for (const article of view.articles) {
    // With several articles each gets its own heading and link; one article uses the pane's header.
    if (view.articles.length > 1) {
      body.append(el('h2', '', article.title ?? article.id));
      if (article.url) {
        const a = externalLink('article-link', 'Open the original ↗');
        a.href = article.url;
        body.append(a);
      }
    }
    for (const p of article.paragraphs) body.append(renderParagraph(p));
  }
  // Messages rendered before the article arrived get their citation links now.
  rerenderMessages();
}

export async function loadArticle() {
  renderArticle(await fetchArticleView());
}
