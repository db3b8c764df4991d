/**
 * The HTTP side of the REST API (`/api/v10/...`): reads and records each request, then checks it as Discord does,
 * in Discord's order: route, bot token, injected faults, the route's rate-limit bucket, and only then the handler.
 */
import type { EventEmitter } from 'node:events';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { RESTError } from 'discord-api-types/v10';
import { RestError } from './errors.js';
import { faultReply, FaultInjector } from './faults.js';
import { RateLimiter } from './rate-limits.js';
import type { Reply } from './reply.js';
import { matchRoute, type Route } from './routes.js';
import type { RateLimitRule, RecordedRequest, SentBody, StandInEvents } from './types.js';

const API_PREFIX = '/api/v10';

/** Answers a request that passed every check; throws a `RestError` for Discord's error answers. */
export type RouteHandler = (route: Route, params: Record<string, string>, query: Record<string, string>, body: unknown) => Reply;

export interface RestServerOptions {
  /** The token `Authorization: Bot <token>` must carry; any non-empty one when undefined. */
  token?: string;
  rateLimit: RateLimitRule;
}

type Answer = Reply & { fault?: RecordedRequest['fault'] };

const errorBody = (message: string): RESTError => ({ message, code: 0 });

export class RestServer {
  readonly requests: RecordedRequest[] = [];
  readonly faults = new FaultInjector();
  private readonly limiter: RateLimiter;

  constructor(
    private readonly options: RestServerOptions,
    private readonly handler: RouteHandler,
    private readonly events: EventEmitter<StandInEvents>,
  ) {
    this.limiter = new RateLimiter(options.rateLimit);
  }

  /** Never rejects: a request that breaks the stand-in (an aborted upload, a path `URL` refuses) is answered, not thrown. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await this.serve(req, res);
    } catch (error) {
      if (res.headersSent) res.destroy();
      else write(res, { status: error instanceof TypeError ? 400 : 500, body: errorBody(error instanceof TypeError ? '400: Bad Request' : `stand-in bug: ${(error as Error).message}`) });
    }
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readAll(req);
    if (!url.pathname.startsWith(`${API_PREFIX}/`)) {
      write(res, { status: 404, body: errorBody('404: Not Found') });
      return;
    }
    const path = url.pathname.slice(API_PREFIX.length);
    const { route, params, pathMatched, malformed } = matchRoute(method, path);
    const { body: payload, files } = await parseBody(req.headers['content-type'] ?? '', raw);
    const record: RecordedRequest = {
      index: this.requests.length,
      method,
      path,
      route: route?.template ?? 'unknown',
      params,
      query: Object.fromEntries(url.searchParams.entries()),
      headers: req.headers,
      payload,
      body: isJsonObject(payload) ? (payload as SentBody) : undefined,
      files,
      status: 0,
      at: Date.now(),
    };
    this.requests.push(record);
    const answer: Answer = malformed ? { status: 400, body: errorBody('400: Bad Request') } : route ? this.answer(route, record) : unrouted(pathMatched);
    record.status = answer.status;
    if (answer.fault) record.fault = answer.fault;
    write(res, answer);
    this.events.emit('request', record);
  }

  private answer(route: Route, record: RecordedRequest): Answer {
    if (route.auth && !this.authorised(record.headers)) return { status: 401, body: errorBody('401: Unauthorized') };
    const bucket = this.limiter.bucket(record.method, route.template, record.params);
    const fault = this.faults.take(record.method, route.template, record.path);
    if (fault) return faultReply(fault, bucket, `${record.method} ${API_PREFIX}${record.path}`);
    if (bucket.exhausted) return bucket.limited();
    const headers = bucket.take();
    try {
      const reply = this.handler(route, record.params, record.query, record.payload);
      return { ...reply, headers: { ...headers, ...reply.headers } };
    } catch (error) {
      if (error instanceof RestError) return { status: error.status, body: error.body, headers };
      return { status: 500, body: errorBody(`stand-in bug: ${(error as Error).message}`), headers };
    }
  }

  private authorised(headers: IncomingHttpHeaders): boolean {
    const auth = headers.authorization ?? '';
    const token = auth.startsWith('Bot ') ? auth.slice(4) : '';
    return token !== '' && (this.options.token === undefined || token === this.options.token);
  }
}

/** No route for this method and path: 405 when another method has the path, else 404. */
function unrouted(pathMatched: boolean): Reply {
  if (pathMatched) return { status: 405, body: errorBody('405: Method Not Allowed') };
  return { status: 404, body: errorBody('404: Not Found') };
}

async function readAll(req: IncomingMessage): Promise<Buffer<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** JSON, or multipart with the JSON in `payload_json` and files beside it; the raw text when neither parses. */
async function parseBody(contentType: string, raw: Buffer<ArrayBuffer>): Promise<{ body: unknown; files: string[] }> {
  let body: unknown = undefined;
  const files: string[] = [];
  try {
    if (contentType.startsWith('multipart/form-data')) {
      const request = new Request('http://x', { method: 'POST', headers: { 'content-type': contentType }, body: raw });
      const form = await request.formData();
      for (const [key, value] of form.entries()) {
        if (key === 'payload_json') body = JSON.parse(String(value));
        else files.push(typeof value === 'string' ? key : value.name || key);
      }
    } else if (raw.length) {
      body = JSON.parse(raw.toString('utf8'));
    }
  } catch {
    body = raw.toString('utf8');
  }
  return { body, files };
}

function write(res: ServerResponse, reply: Reply): void {
  const hasBody = reply.body !== undefined;
  res.writeHead(reply.status, {
    ...(hasBody ? { 'content-type': 'application/json' } : {}),
    via: '1.1 discord-stand-in',
    ...reply.headers,
  });
  res.end(hasBody ? JSON.stringify(reply.body) : '');
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
