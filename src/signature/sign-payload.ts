import { createHmac } from 'node:crypto';

/** A request body as bytes or as the string that holds them. */
export type PayloadBytes = string | Buffer | Uint8Array;

/**
 * The `x-webhook-signature` systeme.io sends: lowercase hex HMAC-SHA256 of the exact body bytes, keyed
 * with the webhook's secret. No prefix, no timestamp.
 * @example signPayload('{"contact":{}}', 'my-secret') // '5f1d...'
 */
export function signPayload(body: PayloadBytes, secret: string | Buffer | Uint8Array): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}
