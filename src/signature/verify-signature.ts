import { timingSafeEqual } from 'node:crypto';
import { signPayload, type PayloadBytes } from './sign-payload.js';

const HEX_SIGNATURE = /^[0-9a-f]{64}$/i;

/**
 * Checks an `x-webhook-signature` against the exact body bytes: the length first, then a constant-time
 * comparison. Verify the raw bytes as received, never a re-serialized body. An empty secret never
 * verifies (false): anyone can compute an HMAC with an empty key.
 * @example verifySignature(rawBody, request.headers['x-webhook-signature'], secret) // true
 */
export function verifySignature(
  body: PayloadBytes,
  signature: string | null | undefined,
  secret: string | Buffer | Uint8Array,
): boolean {
  if (typeof signature !== 'string' || !HEX_SIGNATURE.test(signature)) return false;
  // An empty secret never verifies: its HMAC is public knowledge, so a match proves nothing.
  if (secret.length === 0) return false;
  const expected = Buffer.from(signPayload(body, secret), 'hex');
  const received = Buffer.from(signature, 'hex');
  return expected.length === received.length && timingSafeEqual(expected, received);
}
