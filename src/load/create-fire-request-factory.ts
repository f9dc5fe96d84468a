import { getTrigger } from '../catalog/catalog.js';
import type { TriggerDefinition } from '../catalog/triggers.js';
import { buildAutomationHeaders, buildWebhooksHeaderList } from '../wire/headers.js';
import type { HeaderList } from '../wire/headers.js';
import { computeDeliveryGaps, createSubscriptionId, createUuidV7 } from '../wire/uuid-v7.js';
import { createPayloadSigner } from '../signature/sign-payload.js';
import { createGenerator } from '../generate/index.js';
import { createTriggerPicker } from './create-trigger-picker.js';
import type { LoadRequest, MakeRequest } from './run-load.js';
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

/** Turns one event into a load request: systeme.io's headers, fresh ids, a signature over the exact body. */
export type BuildLoadRequest = (definition: TriggerDefinition, body: string, eventTime: Date, now: Date, messageMs?: number) => LoadRequest;

/**
 * Prepares what every request of a run shares (subscription id, automation headers, the signer).
 * @example createLoadRequestBuilder({ url, secret: 's', seed: '7' })(getTrigger('SALE_NEW'), body, eventTime, new Date())
 */
export function createLoadRequestBuilder(options: { url: string; secret: string | undefined; seed: string }): BuildLoadRequest {
  const subscriptionId = createSubscriptionId(options.url, options.seed);
  const automationHeaders = flatten(buildAutomationHeaders());
  const sign = options.secret === undefined ? undefined : createPayloadSigner(options.secret);
  // The attempt goes out now; its message was created at `messageMs` (shortly before, CAP timing).
  return (definition, body, eventTime, now, messageMs = now.getTime()) => {
    const nowMs = now.getTime();
    if (definition.dialect === 'automation') {
      // The automation dialect has no message id header; the log still needs an id per delivery.
      return { trigger: definition.id, body, headers: automationHeaders, messageId: createUuidV7(messageMs), attemptId: null };
    }
    const messageId = createUuidV7(messageMs);
    const attemptId = createUuidV7(nowMs);
    const headers = buildWebhooksHeaderList({
      event: definition.wireName,
      schemaVersion: definition.schemaVersion ?? 1,
      body,
      signature: sign?.(body),
      messageId,
      subscriptionId,
      attemptId,
      eventTime,
      attemptTime: now,
    });
    return { trigger: definition.id, body, headers, messageId, attemptId };
  };
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
  const build = createLoadRequestBuilder(options);
  return (index, now) => {
    const trigger = pick(index);
    // The attempt goes out now; the message was created shortly before it, and the event before that.
    const gaps = computeDeliveryGaps(index, options.seed);
    const messageMs = now.getTime() - gaps.messageToAttemptMs;
    const event = generator.eventBody(trigger, index, { at: messageMs - gaps.eventToMessageMs });
    return build(definitions.get(trigger)!, event.body, event.eventTime, now, messageMs);
  };
}
