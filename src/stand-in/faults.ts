/** Fault injection: the next N answers on a route become a 429 (per-route or global) or a 5xx, as Discord's can. */
import type { RESTError, RESTRateLimit } from 'discord-api-types/v10';
import type { Bucket } from './rate-limits.js';
import type { Reply } from './reply.js';
import type { FaultSpec } from './types.js';

type PendingFault = FaultSpec & { count: number };

export class FaultInjector {
  private readonly pending: PendingFault[] = [];

  add(spec: FaultSpec): void {
    this.pending.push({ count: 1, ...spec });
  }

  clear(): void {
    this.pending.length = 0;
  }

  /** The first pending fault for this request, counted down (and forgotten once spent). */
  take(method: string, template: string, path: string): FaultSpec | undefined {
    const index = this.pending.findIndex(
      (f) =>
        f.count > 0 &&
        (!f.method || f.method.toUpperCase() === method) &&
        (typeof f.route === 'string' ? f.route === template : f.route(path)),
    );
    if (index < 0) return undefined;
    const fault = this.pending[index]!;
    fault.count -= 1;
    if (fault.count <= 0) this.pending.splice(index, 1);
    return fault;
  }
}

/** The answer Discord gives for such a fault; a per-route 429 keeps the bucket's headers. */
export function faultReply(fault: FaultSpec, bucket: Bucket, request = ''): Reply & { fault: 'rate-limit' | 'server-error' } {
  if (fault.status !== 429) {
    const body: RESTError = { message: fault.echoRequest ? `${fault.status}: ${request}` : '500: Internal Server Error', code: 0 };
    return { fault: 'server-error', status: fault.status, body };
  }
  const retryAfter = fault.retryAfter ?? 1;
  const body: RESTRateLimit = {
    message: 'You are being rate limited.',
    retry_after: retryAfter,
    global: !!fault.global,
    code: fault.global ? 0 : undefined,
  };
  const headers: Record<string, string> = fault.global
    ? { 'retry-after': String(retryAfter), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' }
    : {
        ...bucket.headers(0),
        // Discord's reset for a limited bucket matches retry-after.
        'x-ratelimit-reset': ((bucket.now + retryAfter * 1000) / 1000).toFixed(3),
        'x-ratelimit-reset-after': retryAfter.toFixed(3),
        'retry-after': String(retryAfter),
        'x-ratelimit-scope': 'user',
      };
  return { fault: 'rate-limit', status: 429, body, headers };
}
