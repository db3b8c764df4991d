/** The playground's HTTP chores: security headers, the static page files, JSON in and out, and the request guards. */
import type http from 'node:http';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MAX_BODY = 16 * 1024;

// The page files in src/, whether this runs from src/ or from the build in dist/ (no copy to keep in step).
const PUBLIC_DIR = fileURLToPath(new URL('../../src/playground/public', import.meta.url));
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};
/** Every page file in public/ (the page's ES modules among them), listed once so a request path never reaches the disk. */
const STATIC: Record<string, { file: string; type: string }> = Object.fromEntries(
  readdirSync(PUBLIC_DIR)
    .filter((file) => CONTENT_TYPES[path.extname(file)])
    .map((file) => [`/${file}`, { file, type: CONTENT_TYPES[path.extname(file)]! }]),
);
STATIC['/'] = STATIC['/index.html']!;

/** Strict: only this origin's scripts, styles and connections; no inline code, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

/** A request the page got wrong: answered with `status` and the message, never thrown further. */
export class BadRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** DNS-rebinding guard: on a loopback bind, only loopback names (with our port) may be used to reach us. */
export function hostAllowed(bindHost: string, port: number, hostHeader: string | undefined): boolean {
  if (!isLoopback(bindHost)) return true;
  if (!hostHeader) return false;
  const name = hostHeader.replace(/:\d+$/, '');
  return isLoopback(name) && hostHeader.endsWith(`:${port}`);
}

export function sendJson(res: http.ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS });
  res.end(JSON.stringify(payload));
}

/** Serves one of the page's files; false when `pathname` is none of them. */
export async function serveStatic(pathname: string, method: string, res: http.ServerResponse): Promise<boolean> {
  const file = STATIC[pathname];
  if (!file) return false;
  const body = await readFile(path.join(PUBLIC_DIR, file.file));
  res.writeHead(200, { 'content-type': file.type, 'content-length': body.length, ...SECURITY_HEADERS });
  res.end(method === 'HEAD' ? undefined : body);
  return true;
}

/** The JSON object a page request carries, after the cross-site guards and a size cap. */
export async function readJsonBody(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  // Cross-site guard: a JSON content type forces a CORS preflight (never granted), and a
  // browser-sent Origin must be this very origin.
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host}`) throw new BadRequest(403, 'cross-origin request refused');
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new BadRequest(403, 'cross-site request refused');
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) throw new BadRequest(415, 'expected application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new BadRequest(413, 'request too large');
    chunks.push(chunk as Buffer);
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch {
    throw new BadRequest(400, 'invalid JSON');
  }
}
