/** Discord's per-route rate-limit buckets: a bucket per route and major parameter, with its `x-ratelimit-*` headers. */
import { createHash } from 'node:crypto';
import type { RESTRateLimit } from 'discord-api-types/v10';
import type { RateLimitRule } from './types.js';
import type { Reply } from './reply.js';

/** Discord-style bucket id for a route (major parameters kept). */
export function bucketFor(method: string, template: string, params: Record<string, string>): { bucket: string; key: string } {
  const major = params.channel ?? params.guild ?? (params.token ? `${params.app ?? params.id}` : '');
  const bucket = createHash('sha1').update(`${method} ${template}`).digest('hex').slice(0, 16);
  return { bucket, key: `${bucket}:${major}` };
}

interface BucketState {
  remaining: number;
  resetAt: number;
}

/** One request's view of its bucket, taken when the request arrives. */
export class Bucket {
  constructor(
    readonly id: string,
    private readonly limit: number,
    private readonly state: BucketState,
    readonly now: number,
  ) {}

  get exhausted(): boolean {
    return this.state.remaining <= 0;
  }

  headers(remaining = this.state.remaining): Record<string, string> {
    return {
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(Math.max(0, remaining)),
      'x-ratelimit-reset': (this.state.resetAt / 1000).toFixed(3),
      'x-ratelimit-reset-after': (Math.max(0, this.state.resetAt - this.now) / 1000).toFixed(3),
      'x-ratelimit-bucket': this.id,
    };
  }

  /** Counts this request against the bucket; returns the headers of the answer. */
  take(): Record<string, string> {
    this.state.remaining -= 1;
    return this.headers();
  }

  /** The 429 Discord sends once the bucket is empty, retry-after rounded up to whole seconds. */
  limited(): Reply {
    const retryAfter = Math.max(0.001, (this.state.resetAt - this.now) / 1000);
    const body: RESTRateLimit = { message: 'You are being rate limited.', retry_after: retryAfter, global: false };
    const headers = { ...this.headers(0), 'retry-after': String(Math.ceil(retryAfter)), 'x-ratelimit-scope': 'user' };
    return { status: 429, body, headers };
  }
}

export class RateLimiter {
  private readonly buckets = new Map<string, BucketState>();

  constructor(private readonly rule: RateLimitRule) {}

  /** The bucket of a request, refilled when its window has passed. */
  bucket(method: string, template: string, params: Record<string, string>, now = Date.now()): Bucket {
    const { bucket, key } = bucketFor(method, template, params);
    let state = this.buckets.get(key);
    if (!state || state.resetAt <= now) {
      state = { remaining: this.rule.limit, resetAt: now + this.rule.windowMs };
      this.buckets.set(key, state);
    }
    return new Bucket(bucket, this.rule.limit, state, now);
  }
}
