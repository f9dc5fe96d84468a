// Pure: no msw import, so the main entry can re-export it.
import { getTrigger } from '../catalog/catalog.js';
import { buildAutomationHeaders, buildWebhooksHeaders } from '../wire/headers.js';
import { computeDeliveryGaps, createSubscriptionId, createUuidV7 } from '../wire/uuid-v7.js';
import { renderEvent } from './render-event.js';

export interface WebhookRequestOptions {
  /** Where the request points; a fetch handler usually ignores the host. Default `http://localhost/webhooks/systeme`. */
  url?: string | undefined;
  /** The webhook's secret (webhooks dialect): signs the body. Without it no `x-webhook-signature` is sent. */
  secret?: string | undefined;
  /** Replaces the computed signature, to test a receiver's rejection. */
  signature?: string | undefined;
  seed?: number | string | undefined;
  index?: number | undefined;
  /** The event time. Default: derived from the seed, like the generators. */
  now?: Date | string | number | undefined;
  /** A deep partial merged over the payload. */
  overrides?: Record<string, unknown> | undefined;
  /** Send these exact bytes instead of generating (e.g. `event.body` from `generate()`). */
  body?: string | undefined;
  /** Keep the same message id to simulate a retry or a duplicate. Default: a fresh UUIDv7. */
  messageId?: string | undefined;
  attemptId?: string | undefined;
  /** Default: stable per URL, like a real subscription id. */
  subscriptionId?: string | undefined;
}

/**
 * A WHATWG `Request` carrying a delivery's exact wire bytes and headers for any trigger, signed when a
 * secret is given: call a fetch-style handler with it, no server or msw needed.
 * @example
 * const response = await app.fetch(createWebhookRequest('SALE_NEW', { secret: 'whsec', seed: 7 }));
 */
export function createWebhookRequest(trigger: string, options: WebhookRequestOptions = {}): Request {
  const definition = getTrigger(trigger);
  const url = options.url ?? 'http://localhost/webhooks/systeme';
  const eventTime = options.now === undefined ? new Date() : new Date(options.now);
  const event =
    options.body === undefined
      ? renderEvent(definition.id, {
          seed: options.seed ?? 1,
          index: options.index ?? 0,
          at: options.now === undefined ? undefined : eventTime,
          overrides: options.overrides,
        })
      : { body: options.body, eventTime };
  // The message follows the event and the attempt the message, by the gaps systeme.io shows (CAP).
  const gaps = computeDeliveryGaps(options.index ?? 0, String(options.seed ?? 1));
  const messageMs = event.eventTime.getTime() + gaps.eventToMessageMs;
  const attemptTime = new Date(messageMs + gaps.messageToAttemptMs);
  const headers =
    definition.dialect === 'automation'
      ? buildAutomationHeaders()
      : buildWebhooksHeaders({
          event: definition.wireName,
          schemaVersion: definition.schemaVersion ?? 1,
          body: event.body,
          secret: options.secret,
          signature: options.signature,
          messageId: options.messageId ?? createUuidV7(messageMs),
          subscriptionId: options.subscriptionId ?? createSubscriptionId(url, String(options.seed ?? 1)),
          attemptId: options.attemptId ?? createUuidV7(attemptTime.getTime()),
          eventTime: event.eventTime,
          attemptTime,
        });
  return new Request(url, { method: 'POST', headers, body: event.body });
}
