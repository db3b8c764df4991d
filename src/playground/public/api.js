// The page's only calls to its server: actions as JSON POSTs, the article panel's data, and the saved settings.

/** POST a page action; a refusal (4xx/5xx) becomes an Error with the server's message. */
export async function post(path, body) {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error || `${res.status} ${res.statusText}`);
  return data;
}

/** A GET, retried while the server is still starting (503). */
async function getWhenReady(path) {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(path);
    if (res.ok) return res.json();
    await new Promise((r) => setTimeout(r, Math.min(2000, 200 * (attempt + 1))));
  }
}

/** The article view. */
export const fetchArticleView = () => getWhenReady('/api/article');

/** The settings the bot saved for the page's server: `{ threads, answerChannel }`. */
export const fetchSettings = () => getWhenReady('/api/settings');
