import { getTrigger } from '../catalog/catalog.js';
import type { TriggerDefinition } from '../catalog/triggers.js';
import { buildAutomationHeaders, buildWebhooksHeaders } from '../delivery/headers.js';
import type { HeaderList } from '../delivery/headers.js';
import { signPayload } from '../signature/sign-payload.js';
import { createSubscriptionId, createUuidV7 } from '../delivery/uuid-v7.js';
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

/**
 * What is fixed when an event happens: its body, the signature over those bytes, and its message id.
 * Plain data, so a builder thread can make it ahead of the send (see startRequestBuilder).
 */
export interface BuiltEvent {
  trigger: string;
  body: string;
  /** `x-webhook-message-id` (UUIDv7 of the event time), or the mock's own id for the automation dialect. */
  messageId: string;
  /** null when unsigned: the automation dialect, or no secret. */
  signature: string | null;
  eventTimeMs: number;
}

function flatten(headers: HeaderList): string[] {
  const flat: string[] = [];
  for (const [name, value] of headers) flat.push(name, value);
  return flat;
}

function loadDefinitions(options: FireRequestFactoryOptions): Map<string, TriggerDefinition> {
  const definitions = new Map<string, TriggerDefinition>();
  for (const { trigger } of options.mix) definitions.set(trigger, getTrigger(trigger, { templatesDir: options.templatesDir }));
  return definitions;
}

/**
 * Builds event (seed, i) of the mix with `eventTime` as its event time, and signs its exact bytes.
 * Unknown triggers throw here, before any run starts.
 * @example createEventBuilder({ url, mix: [{ trigger: 'SALE_NEW', weight: 1 }], seed: '7', secret: 's' })(0, new Date())
 */
export function createEventBuilder(options: FireRequestFactoryOptions): (index: number, eventTime: Date) => BuiltEvent {
  const definitions = loadDefinitions(options);
  const generator = createGenerator({ seed: options.seed, templatesDir: options.templatesDir });
  const pick = createTriggerPicker(options.mix, options.seed);
  return (index, eventTime) => {
    const trigger = pick(index);
    const event = generator.event(trigger, index, { at: eventTime });
    const eventTimeMs = event.eventTime.getTime();
    const signed = definitions.get(trigger)!.dialect === 'webhooks' && options.secret !== undefined;
    return { trigger, body: event.body, messageId: createUuidV7(eventTimeMs), signature: signed ? signPayload(event.body, options.secret!) : null, eventTimeMs };
  };
}

/**
 * Turns a built event into the delivery attempt sent at `now`: a fresh attempt id and attempt time,
 * and the headers in systeme.io's order (the automation dialect's are fixed).
 * @example const stamp = createAttemptStamper(options); stamp(buildEvent(0, new Date()), new Date())
 */
export function createAttemptStamper(options: FireRequestFactoryOptions): (event: BuiltEvent, now: Date) => LoadRequest {
  const definitions = loadDefinitions(options);
  const subscriptionId = createSubscriptionId(options.url);
  const automationHeaders = flatten(buildAutomationHeaders());
  return (event, now) => {
    const definition = definitions.get(event.trigger)!;
    if (definition.dialect === 'automation') {
      return { trigger: event.trigger, body: event.body, headers: automationHeaders, messageId: event.messageId, attemptId: null };
    }
    const attemptId = createUuidV7(now.getTime());
    const headers = buildWebhooksHeaders({
      event: definition.wireName,
      schemaVersion: definition.schemaVersion ?? 1,
      body: event.body,
      signature: event.signature ?? undefined,
      messageId: event.messageId,
      subscriptionId,
      attemptId,
      eventTime: event.eventTimeMs,
      attemptTime: now,
    });
    return { trigger: event.trigger, body: event.body, headers: flatten(headers), messageId: event.messageId, attemptId };
  };
}

/**
 * Builds each load request at the moment it is due: event (seed, i) with the current time as its event
 * time, then headers in systeme.io's order with fresh UUIDv7 message and attempt ids and a signature
 * over the exact body bytes. Unknown triggers throw before the run starts.
 * @example const make = createFireRequestFactory({ url, mix: [{ trigger: 'SALE_NEW', weight: 1 }], seed: '7', secret: 's' }); make(0, new Date())
 */
export function createFireRequestFactory(options: FireRequestFactoryOptions): MakeRequest {
  const buildEvent = createEventBuilder(options);
  const stamp = createAttemptStamper(options);
  return (index, now) => stamp(buildEvent(index, now), now);
}
