/** The playground's web layer without a browser: the markdown renderer's safety, request guards, headers, settings. */
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, renderMarkdown } from '../../src/playground/public/markdown.js';
import { CONTENT_SECURITY_POLICY, isLoopback, Playground, PortInUseError } from '../../src/playground/server.js';
import { loadPlaygroundEnv, PlaygroundEnvError } from '../../src/playground/env.js';

describe('renderMarkdown', () => {
  const md = (s: string) => renderMarkdown(s, { mention: (id) => (id === '42' ? 'Footnote' : undefined) });

  it('escapes HTML before anything else', () => {
    expect(md('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(md('<script>alert(1)</script>')).not.toContain('<script');
    expect(md('"quoted" & \'single\'')).toBe('&quot;quoted&quot; &amp; &#39;single&#39;');
    expect(escapeHtml('<a href="x">')).toBe('&lt;a href=&quot;x&quot;&gt;');
  });

  it('renders the Discord markdown the bot sends', () => {
    expect(md('**bold** *it* _it_ __under__ ~~gone~~')).toBe('<strong>bold</strong> <em>it</em> <em>it</em> <u>under</u> <s>gone</s>');
    expect(md('> quoted **[1]**\n> more')).toBe('<blockquote>quoted <strong>[1]</strong><br>more</blockquote>');
    expect(md('a `14.1` b')).toBe('a <code>14.1</code> b');
    expect(md('[Title](https://example.com/a?b=1&c=2)')).toBe(
      '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer nofollow">Title</a>',
    );
    expect(md('see https://example.com/x_y.')).toContain('<a href="https://example.com/x_y"');
    expect(md('hi <@42>')).toBe('hi <span class="mention">@Footnote</span>');
    expect(md('line one\nline two')).toBe('line one<br>line two');
  });

  it('honours backslash escapes (article quotes are escaped by the bot)', () => {
    expect(md('2 \\* 3 \\_x\\_ \\`code\\`')).toBe('2 * 3 _x_ `code`');
    expect(md('\\> not a quote')).toBe('&gt; not a quote');
  });

  it('never makes a link from a non-http URL, and code stays code', () => {
    for (const evil of ['[x](javascript:alert(1))', '<javascript:alert(1)>', '[x](data:text/html,hi)', 'javascript:alert(1)']) {
      expect(md(evil)).not.toContain('<a ');
    }
    expect(md('[x](https://a.b/"onmouseover="alert(1))')).not.toMatch(/href="[^"]*"onmouseover/);
    expect(md('`<b>**x**</b>`')).toBe('<code>&lt;b&gt;**x**&lt;/b&gt;</code>');
    expect(md('```\n<img src=x>\n```')).toBe('<pre><code>&lt;img src=x&gt;</code></pre>');
  });

  it('cannot be tricked by forged placeholders', () => {
    expect(md('\uE0000\uE001<b>')).toBe('0&lt;b&gt;');
  });
});

describe('playground settings', () => {
  it('defaults to 127.0.0.1:3000 with no cooldown, and names a bad variable', () => {
    expect(loadPlaygroundEnv({})).toEqual({ host: '127.0.0.1', port: 3000, cooldownMs: 0 });
    expect(loadPlaygroundEnv({ PLAYGROUND_PORT: '8080', PLAYGROUND_HOST: '0.0.0.0', ASK_COOLDOWN_SECONDS: '5' })).toEqual({
      host: '0.0.0.0',
      port: 8080,
      cooldownMs: 5000,
    });
    expect(() => loadPlaygroundEnv({ PLAYGROUND_PORT: '70000' })).toThrow(PlaygroundEnvError);
    expect(() => loadPlaygroundEnv({ PLAYGROUND_PORT: 'x' })).toThrow(/PLAYGROUND_PORT/);
  });

  it('knows which hosts are loopback', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopback(h)).toBe(true);
    for (const h of ['0.0.0.0', '192.168.1.10', '::', 'example.com']) expect(isLoopback(h)).toBe(false);
  });
});

describe('playground web server', () => {
  let pg: Playground;
  beforeAll(async () => {
    pg = await Playground.listen({ port: 0 });
  });
  afterAll(async () => {
    await pg?.close();
  });

  function request(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
    return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: pg.listeningPort, path, method: init.method ?? 'GET', headers: init.headers }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end(init.body);
    });
  }

  it('serves the page and scripts with a strict CSP and no inline script', async () => {
    const page = await request('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body).not.toMatch(/<script>(?!<)/);
    expect(page.body).not.toMatch(/https?:\/\/(?!127)/); // no CDN assets
    for (const asset of ['/app.js', '/markdown.js', '/style.css']) expect((await request(asset)).status).toBe(200);
    expect((await request('/../server.ts')).status).toBe(404);
  });

  it('serves every ES module the page imports, as JavaScript, and no type declarations', async () => {
    const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/playground/public');
    const modules = readdirSync(dir).filter((f) => f.endsWith('.js'));
    const imported = new Set(modules.flatMap((f) => [...readFileSync(path.join(dir, f), 'utf8').matchAll(/from '\.\/([\w-]+\.js)'/g)].map((m) => m[1])));
    expect(imported.size).toBeGreaterThan(10);
    for (const name of imported) expect(modules).toContain(name);
    for (const name of modules) {
      const served = await request(`/${name}`);
      expect([name, served.status, served.headers['content-type']]).toEqual([name, 200, 'text/javascript; charset=utf-8']);
    }
    expect((await request('/markdown.d.ts')).status).toBe(404);
  });

  it('refuses other Host names (DNS rebinding), cross-origin posts and non-JSON posts', async () => {
    expect((await request('/', { headers: { host: 'evil.example:80' } })).status).toBe(403);
    const json = { 'content-type': 'application/json' };
    const cross = await request('/api/message', { method: 'POST', headers: { ...json, origin: 'http://evil.example' }, body: '{"content":"x"}' });
    expect(cross.status).toBe(403);
    const site = await request('/api/message', { method: 'POST', headers: { ...json, 'sec-fetch-site': 'cross-site' }, body: '{"content":"x"}' });
    expect(site.status).toBe(403);
    const form = await request('/api/message', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"content":"x"}' });
    expect(form.status).toBe(415);
    const big = await request('/api/message', { method: 'POST', headers: json, body: JSON.stringify({ content: 'x'.repeat(20_000) }) });
    expect(big.status).toBe(413);
    // Same-origin JSON is accepted (503 only because this server was never started).
    const ok = await request('/api/message', { method: 'POST', headers: { ...json, origin: `http://127.0.0.1:${pg.listeningPort}` }, body: '{"content":"x"}' });
    expect(ok.status).toBe(503);
  });

  it('reports a taken port as PortInUseError', async () => {
    await expect(Playground.listen({ port: pg.listeningPort })).rejects.toBeInstanceOf(PortInUseError);
    await expect(Playground.listen({ port: pg.listeningPort })).rejects.toThrow(/already in use/);
  });
});
