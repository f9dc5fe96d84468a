import { formatAtomDate } from '../encode/atom-date.js';
import { signPayload } from '../signature/sign-payload.js';

/** Header name/value pairs in the order systeme.io sends them (reference §1). */
export type HeaderList = Array<[name: string, value: string]>;

/** The automation dialect's Symfony client headers, as captured (CAP): no signature. */
export function buildAutomationHeaders(): HeaderList {
  return [
    ['content-type', 'application/json'],
    ['accept-charset', 'ISO-8859-1,utf-8;q=0.7,*;q=0.7'],
    ['accept-language', 'en-us,en;q=0.5'],
    ['accept', 'application/json'],
    ['user-agent', 'Symfony'],
  ];
}

export interface WebhooksHeaderInput {
  event: string;
  schemaVersion: number;
  body: string | Buffer;
  /** The webhook's secret; omit to send no `x-webhook-signature` at all. */
  secret?: string | undefined;
  /** Overrides the computed signature (used by fault modes). */
  signature?: string | undefined;
  messageId: string;
  subscriptionId: string;
  attemptId: string;
  eventTime: Date | number;
  attemptTime: Date | number;
}

/**
 * The webhooks service's headers in the captured order, signed over the exact body bytes, as a flat
 * [name, value, name, value, ...] list: the load engine's form, one array per request.
 */
export function buildWebhooksHeaderList(input: WebhooksHeaderInput): string[] {
  const signature = input.signature ?? (input.secret === undefined ? undefined : signPayload(input.body, input.secret));
  const flat = ['accept-encoding', 'gzip', 'x-webhook-schema-version', String(input.schemaVersion)];
  if (signature !== undefined) flat.push('x-webhook-signature', signature);
  flat.push(
    'x-webhook-delivery-attempt-timestamp',
    formatAtomDate(input.attemptTime),
    'x-webhook-delivery-attempt-id',
    input.attemptId,
    'x-webhook-event-timestamp',
    formatAtomDate(input.eventTime),
    'x-webhook-event',
    input.event,
    'x-webhook-subscription-id',
    input.subscriptionId,
    'x-webhook-message-id',
    input.messageId,
    'user-agent',
    'SystemeIO-Webhook',
    'accept',
    'application/json',
    'content-type',
    'application/json',
  );
  return flat;
}

/** The webhooks service's headers in the captured order, signed over the exact body bytes. */
export function buildWebhooksHeaders(input: WebhooksHeaderInput): HeaderList {
  const flat = buildWebhooksHeaderList(input);
  const headers: HeaderList = [];
  for (let k = 0; k < flat.length; k += 2) headers.push([flat[k]!, flat[k + 1]!]);
  return headers;
}

/** The addresses systeme.io sends from (SEED); `--source-ip` simulates them behind a proxy. */
export const SYSTEME_IO_SOURCE_IPS = ['185.236.142.1', '185.236.142.2', '185.236.142.3'] as const;
