/**
 * Files members attach to a slash command's attachment option: kept here and served over HTTP the way Discord's CDN
 * serves them, so a bot downloads them from `attachment.url` as it would from discord.com.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIAttachment } from 'discord-api-types/v10';
import { snowflake } from './snowflake.js';

/** A file a member attaches; `contentType` is what Discord's client reports (it guesses from the name). */
export interface StandInAttachment {
  name: string;
  content: string | Buffer;
  contentType?: string;
}

export function isStandInAttachment(value: unknown): value is StandInAttachment {
  return typeof value === 'object' && value !== null && typeof (value as StandInAttachment).name === 'string' && 'content' in value;
}

const PREFIX = '/attachments/';

export class AttachmentStore {
  private readonly files = new Map<string, { attachment: APIAttachment; bytes: Buffer }>();

  constructor(private readonly baseUrl: () => string) {}

  add(file: StandInAttachment): APIAttachment {
    const id = snowflake();
    const bytes = Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, 'utf8');
    const url = `${this.baseUrl()}${PREFIX}${id}/${encodeURIComponent(file.name)}`;
    const attachment: APIAttachment = {
      id,
      filename: file.name,
      size: bytes.length,
      url,
      proxy_url: url,
      ...(file.contentType ? { content_type: file.contentType } : {}),
    };
    this.files.set(id, { attachment, bytes });
    return attachment;
  }

  /** Answers `GET /attachments/<id>/<name>`; false when the request is not for an attachment. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!path.startsWith(PREFIX)) return false;
    const found = this.files.get(path.slice(PREFIX.length).split('/')[0] ?? '');
    if (!found || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404: Not Found');
      return true;
    }
    res.writeHead(200, { 'content-type': found.attachment.content_type ?? 'application/octet-stream', 'content-length': found.bytes.length });
    res.end(found.bytes);
    return true;
  }
}
