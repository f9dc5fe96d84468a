import { BUILT_IN_TRIGGERS } from '../catalog/triggers.js';
import type { WebhookEventName } from './api-types.js';

/** True for the six events a `POST /webhooks` subscription accepts. */
export function isWebhookEventName(name: string): name is WebhookEventName {
  return BUILT_IN_TRIGGERS.some((t) => t.dialect === 'webhooks' && t.id === name);
}

/** The schema version systeme.io sends for an event unless the subscription asks for another. */
export function getWebhookSchemaVersion(event: WebhookEventName): number {
  const trigger = BUILT_IN_TRIGGERS.find((t) => t.id === event);
  return trigger?.schemaVersion ?? 1;
}

/** The six events, in catalog order: a webhook's default subscriptions. */
export function listWebhookEvents(): WebhookEventName[] {
  return BUILT_IN_TRIGGERS.filter((t) => t.dialect === 'webhooks').map((t) => t.id as WebhookEventName);
}
