// The page's only calls to its server: actions as JSON POSTs, and the article panel's data.

/** POST a page action; a refusal (4xx/5xx) becomes an Error with the server's message. */
export async function post(path, body) {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error || `${res.status} ${res.statusText}`);
  return data;
}

/** The article view, retried while the server is still starting (503). */
export async function fetchArticleView() {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch('/api/article');
    if (res.ok) return res.json();
    await new Promise((r) => setTimeout(r, Math.min(2000, 200 * (attempt + 1))));
  }
}
