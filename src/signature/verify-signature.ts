import { timingSafeEqual } from 'node:crypto';
import { signPayload, type PayloadBytes } from './sign-payload.js';

const HEX_SIGNATURE = /^[0-9a-f]{64}$/i;

/**
 * An `x-webhook-signature` value as the frameworks hand it over: a string (Node's `req.headers`,
 * Express's `req.get`), `string[]` (Node's type for any header), `null` (fetch's `headers.get`), or
 * `undefined` (absent).
 */
export type SignatureHeader = string | readonly string[] | null | undefined;

/**
 * Checks an `x-webhook-signature` against the exact body bytes: the length first, then a constant-time
 * comparison. Verify the raw bytes as received, never a re-serialized body. A header given as an array
 * counts only with exactly one value: systeme.io sends one, and two signatures are not its delivery.
 * @example verifySignature(rawBody, request.headers['x-webhook-signature'], secret) // true (Node, Express)
 * @example verifySignature(await request.text(), request.headers.get('x-webhook-signature'), secret) // fetch
 */
export function verifySignature(body: PayloadBytes, header: SignatureHeader, secret: string | Uint8Array): boolean {
  const signature = typeof header === 'string' ? header : Array.isArray(header) && header.length === 1 ? header[0] : undefined;
  if (typeof signature !== 'string' || !HEX_SIGNATURE.test(signature)) return false;
  // An empty secret never verifies: its HMAC is public knowledge, so a match proves nothing.
  if (secret.length === 0) return false;
  const expected = Buffer.from(signPayload(body, secret), 'hex');
  const received = Buffer.from(signature, 'hex');
  return expected.length === received.length && timingSafeEqual(expected, received);
}
