/**
 * Fetching an article URL for someone else (a Discord member) without becoming their proxy into our network: http(s)
 * only, every address the name resolves to checked at connect time (so a DNS answer cannot switch to 127.0.0.1 after
 * the check), redirects followed by hand and each one checked again, a size cap, a deadline, and only page or text
 * content types. Every refusal is a URL_REFUSED with the reason in words.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { FootnoteError } from '../errors.js';
import { isPrivateAddress } from './private-address.js';

export interface FetchLimits {
  /** Largest body read, in bytes. */
  maxBytes: number;
  /** The whole fetch, redirects included, in ms. */
  timeoutMs: number;
  maxRedirects: number;
  /** Operator setting: allow loopback and private addresses (a newsroom's intranet, or tests). */
  allowPrivate: boolean;
  /** Take any content type: a file whose type its name says (a Discord attachment), not a page's header. */
  anyType?: boolean;
}

/** A long news page is well under 2 MB of HTML; 5 MB leaves room without letting a stray download fill memory. */
export const DEFAULT_FETCH_LIMITS: FetchLimits = { maxBytes: 5 * 1024 * 1024, timeoutMs: 15_000, maxRedirects: 5, allowPrivate: false };

export const ACCEPTED_TYPES = ['text/html', 'application/xhtml+xml', 'text/plain', 'text/markdown'];

export interface FetchedPage {
  /** The address the body came from, after redirects. */
  url: string;
  /** Media type without parameters, e.g. `text/html`. */
  type: string;
  text: string;
  /** The body as received, for checks that need the bytes (valid UTF-8, no NUL bytes). */
  bytes: Buffer;
}

export async function fetchPage(address: string, limits: FetchLimits = DEFAULT_FETCH_LIMITS): Promise<FetchedPage> {
  const deadline = Date.now() + limits.timeoutMs;
  let url = checkedUrl(address, address, limits);
  for (let redirects = 0; ; redirects++) {
    const response = await request(url, address, limits, deadline);
    if ('location' in response) {
      if (redirects >= limits.maxRedirects) throw refused(address, `more than ${limits.maxRedirects} redirects`);
      url = checkedUrl(new URL(response.location, url).toString(), address, limits);
      continue;
    }
    return response;
  }
}

function refused(url: string, reason: string): FootnoteError {
  return new FootnoteError('URL_REFUSED', { url: url.length > 200 ? `${url.slice(0, 200)}…` : url, reason });
}

function checkedUrl(candidate: string, original: string, limits: FetchLimits): URL {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    throw refused(original, 'that is not a web address (it should start with https://)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refused(original, `only http and https addresses are fetched, not ${url.protocol.replace(/:$/, '')}`);
  if (url.username || url.password) throw refused(original, 'addresses with a user name or password are not fetched');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) && isPrivateAddress(host) && !limits.allowPrivate) throw refused(original, `${host} is a private or loopback address`);
  if (/^localhost$|\.localhost$/i.test(host) && !limits.allowPrivate) throw refused(original, `${host} is this machine`);
  return url;
}

/** The lookup each connection uses: every address of the name must be public (unless allowed). */
function guardedLookup(original: string, limits: FetchLimits): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(refused(original, `the name ${hostname} does not resolve (${error.code ?? error.message})`), '', 4);
      const bad = addresses.find((a) => isPrivateAddress(a.address));
      if (bad && !limits.allowPrivate) return callback(refused(original, `${hostname} resolves to ${bad.address}, a private or loopback address`), '', 4);
      if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

type Response = FetchedPage | { location: string };

function request(url: URL, original: string, limits: FetchLimits, deadline: number): Promise<Response> {
  return new Promise((resolve, reject) => {
    const left = deadline - Date.now();
    if (left <= 0) return reject(refused(original, `no answer within ${limits.timeoutMs / 1000} s`));
    const client = url.protocol === 'https:' ? https : http;
    const req = client.get(url, { lookup: guardedLookup(original, limits), headers: { accept: 'text/html, text/plain;q=0.9, */*;q=0.1', 'user-agent': 'Footnote article fetcher' } });
    const timer = setTimeout(() => req.destroy(refused(original, `no answer within ${limits.timeoutMs / 1000} s`)), left);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error instanceof FootnoteError ? error : refused(original, `the request failed (${(error as NodeJS.ErrnoException).code ?? error.message})`));
    };
    req.on('error', fail);
    req.on('response', (res) => {
      const done = (value: Response) => {
        clearTimeout(timer);
        resolve(value);
      };
      readResponse(res, url, original, limits).then(done, (error: Error) => {
        req.destroy();
        fail(error);
      });
    });
  });
}

async function readResponse(res: http.IncomingMessage, url: URL, original: string, limits: FetchLimits): Promise<Response> {
  const status = res.statusCode ?? 0;
  if ([301, 302, 303, 307, 308].includes(status)) {
    res.resume();
    if (!res.headers.location) throw refused(original, `a ${status} redirect without a Location`);
    return { location: res.headers.location };
  }
  if (status < 200 || status >= 300) throw refused(original, `the server answered ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`);
  const [type = '', ...params] = (res.headers['content-type'] ?? '').split(';').map((part) => part.trim().toLowerCase());
  if (!limits.anyType && !ACCEPTED_TYPES.includes(type)) throw refused(original, `it is ${type || 'of no stated type'}, not a web page or text (${ACCEPTED_TYPES.join(', ')})`);
  const declared = Number(res.headers['content-length'] ?? 0);
  const tooBig = () => refused(original, `the page is larger than ${limits.maxBytes / 1024 / 1024} MB`);
  if (declared > limits.maxBytes) throw tooBig();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limits.maxBytes) throw tooBig();
    chunks.push(chunk);
  }
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '') ?? 'utf-8';
  const bytes = Buffer.concat(chunks);
  let text: string;
  try {
    text = new TextDecoder(charset).decode(bytes);
  } catch {
    throw refused(original, `its character set ${charset} is unknown`);
  }
  return { url: url.toString(), type, text, bytes };
}
