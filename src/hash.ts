import { createHash } from 'node:crypto';

/** Hex sha256 (or another digest encoding) of bytes or a UTF-8 string: article hashes, index checksums, user hashes. */
export function sha256(data: Buffer | string, encoding: 'hex' | 'base64url' = 'hex'): string {
  return createHash('sha256').update(data).digest(encoding);
}
