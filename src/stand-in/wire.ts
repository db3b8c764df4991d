/**
 * Readers for JSON as a bot sent it. The stand-in checks a body before it trusts its shape, the way Discord answers
 * a malformed field with 400 rather than crashing, so these take `unknown` and never throw.
 */

/** A JSON object (arrays included, as `typeof` sees them). */
export type WireObject = Record<string, unknown>;

export function isObject(value: unknown): value is WireObject {
  return typeof value === 'object' && value !== null;
}

/** `value[key]` when `value` is an object, else undefined. */
export function field(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}

/** The array, or no items when `value` is not one. */
export function items(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Length of a string, 0 for anything else. */
export function textLength(value: unknown): number {
  return typeof value === 'string' ? value.length : 0;
}
