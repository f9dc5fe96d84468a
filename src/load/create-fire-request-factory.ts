import { getTrigger } from '../catalog/catalog.js';
import type { TriggerDefinition } from '../catalog/triggers.js';
import { buildAutomationHeaders, buildWebhooksHeaderList } from '../delivery/headers.js';
import type { HeaderList } from '../delivery/headers.js';
import { computeDeliveryGaps, createSubscriptionId, createUuidV7 } from '../delivery/uuid-v7.js';
import { createPayloadSigner } from '../signature/sign-payload.js';
import { createGenerator } from '../generate/index.js';
import { createTriggerPicker } from './create-trigger-picker.js';
import type { MakeRequest } from './run-load.js';
import type { MixEntry } from './parse-load-values.js';

export interface FireRequestFactoryOptions {
  url: string;
  mix: readonly MixEntry[];
  seed: string;
  secret: string | undefined;
  templatesDir?: string | undefined;
}

function flatten(headers: HeaderList): string[] {
  const flat: string[] = [];
  for (const [name, value] of headers) flat.push(name, value);
  return flat;
}

/**
 * Builds each load request from the core generator at the moment it is due: event (seed, i) with the
 * current time as its event time, then headers in systeme.io's order with fresh UUIDv7 message and
 * attempt ids and a signature over the exact body bytes. Unknown triggers throw before the run starts.
 * @example const make = createFireRequestFactory({ url, mix: [{ trigger: 'SALE_NEW', weight: 1 }], seed: '7', secret: 's' }); make(0, new Date())
 */
export function createFireRequestFactory(options: FireRequestFactoryOptions): MakeRequest {
  const definitions = new Map<string, TriggerDefinition>();
  for (const { trigger } of options.mix) definitions.set(trigger, getTrigger(trigger, { templatesDir: options.templatesDir }));
  const generator = createGenerator({ seed: options.seed, templatesDir: options.templatesDir });
  const pick = createTriggerPicker(options.mix, options.seed);
  const subscriptionId = createSubscriptionId(options.url, options.seed);
  const automationHeaders = flatten(buildAutomationHeaders());
  const sign = options.secret === undefined ? undefined : createPayloadSigner(options.secret);
  return (index, now) => {
    const trigger = pick(index);
    const definition = definitions.get(trigger)!;
    // The attempt goes out now; the message was created shortly before it, and the event before that.
    const nowMs = now.getTime();
    const gaps = computeDeliveryGaps(index, options.seed);
    const messageMs = nowMs - gaps.messageToAttemptMs;
    const event = generator.eventBody(trigger, index, { at: messageMs - gaps.eventToMessageMs });
    if (definition.dialect === 'automation') {
      // The automation dialect has no message id header; the log still needs an id per delivery.
      return { trigger, body: event.body, headers: automationHeaders, messageId: createUuidV7(messageMs), attemptId: null };
    }
    const messageId = createUuidV7(messageMs);
    const attemptId = createUuidV7(nowMs);
    const headers = buildWebhooksHeaderList({
      event: definition.wireName,
      schemaVersion: definition.schemaVersion ?? 1,
      body: event.body,
      signature: sign?.(event.body),
      messageId,
      subscriptionId,
      attemptId,
      eventTime: event.eventTime,
      attemptTime: now,
    });
    return { trigger, body: event.body, headers, messageId, attemptId };
  };
}
