import { getTrigger } from '../catalog/catalog.js';
import type { TriggerDefinition } from '../catalog/triggers.js';
import { buildAutomationHeaders, buildWebhooksHeaderList } from '../wire/headers.js';
import type { HeaderList } from '../wire/headers.js';
import { computeDeliveryGaps, createSubscriptionId, createUuidV7 } from '../wire/uuid-v7.js';
import { createPayloadSigner } from '../signature/sign-payload.js';
import { createGenerator, type EventGenerator } from '../generate/index.js';
import { chooseLoadTransportName } from './choose-load-transport.js';
import { formatRequestPrefix } from './create-socket-transport.js';
import {
  buildHeadTemplate,
  type HeadTemplate,
  RequestSlabs,
  type SlotValues,
  WireRequest,
  writeHeadBefore,
} from './encode-wire-request.js';
import { createTriggerPicker } from './create-trigger-picker.js';
import type { LoadRequest, MakeRequest } from './run-load.js';
import type { MixEntry } from './parse-load-values.js';

export interface FireRequestFactoryOptions {
  url: string;
  mix: readonly MixEntry[];
  seed: string;
  secret: string | undefined;
  templatesDir?: string | undefined;
  /**
   * Build each request as the bytes the socket transport writes (`wire`) rather than headers and a
   * body. Default: when the transport chosen for the URL is the socket transport (plain http:).
   */
  wire?: boolean | undefined;
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
 * For the socket transport the request is bytes from the start (see encode-wire-request.ts): the body
 * is rendered into a slab, signed there, and the head written in front of it from a template.
 * @example const make = createFireRequestFactory({ url, mix: [{ trigger: 'SALE_NEW', weight: 1 }], seed: '7', secret: 's' }); make(0, new Date())
 */
export function createFireRequestFactory(options: FireRequestFactoryOptions): MakeRequest {
  const definitions = new Map<string, TriggerDefinition>();
  for (const { trigger } of options.mix) definitions.set(trigger, getTrigger(trigger, { templatesDir: options.templatesDir }));
  const generator = createGenerator({ seed: options.seed, templatesDir: options.templatesDir });
  const pick = createTriggerPicker(options.mix, options.seed);
  const url = new URL(options.url);
  const wire = options.wire ?? chooseLoadTransportName(url.origin) === 'socket';
  if (wire) return createWireRequestFactory(options, url, definitions, generator, pick);
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

/** What a trigger's requests share: its definition and its head template. */
interface WirePlan {
  readonly definition: TriggerDefinition;
  readonly head: HeadTemplate;
}

function createWireRequestFactory(
  options: FireRequestFactoryOptions,
  url: URL,
  definitions: ReadonlyMap<string, TriggerDefinition>,
  generator: EventGenerator,
  pick: (index: number) => string,
): MakeRequest {
  const prefix = formatRequestPrefix(url, `${url.pathname}${url.search}`);
  const subscriptionId = createSubscriptionId(options.url, options.seed);
  const sign = options.secret === undefined ? undefined : createPayloadSigner(options.secret);
  // Placeholders of the slots' lengths: the order and the fixed values come from wire/headers.ts.
  const placeholder = (length: number): string => '0'.repeat(length);
  const plans = new Map<string, WirePlan>();
  for (const [id, definition] of definitions) {
    const headers =
      definition.dialect === 'automation'
        ? flatten(buildAutomationHeaders())
        : buildWebhooksHeaderList({
            event: definition.wireName,
            schemaVersion: definition.schemaVersion ?? 1,
            body: '',
            signature: sign === undefined ? undefined : placeholder(64),
            messageId: placeholder(36),
            subscriptionId,
            attemptId: placeholder(36),
            eventTime: 0,
            attemptTime: 0,
          });
    plans.set(id, { definition, head: buildHeadTemplate(prefix, headers) });
  }
  const slabs = new RequestSlabs();
  const { sink } = slabs;
  return (index, now) => {
    const trigger = pick(index);
    const { definition, head } = plans.get(trigger)!;
    // The attempt goes out now; the message was created shortly before it, and the event before that.
    const gaps = computeDeliveryGaps(index, options.seed);
    const nowMs = now.getTime();
    const messageMs = nowMs - gaps.messageToAttemptMs;
    const bodyStart = slabs.begin(head.room);
    const eventMs = generator.eventInto(trigger, index, { at: messageMs - gaps.eventToMessageMs }, sink);
    const { buf, pos: bodyEnd } = sink;
    slabs.commit();
    const wire = buf as Buffer;
    const { slots } = head;
    if (definition.dialect === 'automation') {
      const start = writeHeadBefore(buf, bodyStart, bodyEnd, head, NO_SLOTS);
      // The automation dialect has no message id header; the log still needs an id per delivery.
      return new WireRequest(trigger, wire.subarray(start, bodyEnd), createUuidV7(messageMs), -1);
    }
    const signature = sign?.(buf.subarray(bodyStart, bodyEnd));
    const start = writeHeadBefore(buf, bodyStart, bodyEnd, head, { signature, attemptMs: nowMs, eventMs, messageMs });
    return new WireRequest(trigger, wire.subarray(start, bodyEnd), slots['x-webhook-message-id'], slots['x-webhook-delivery-attempt-id']);
  };
}

const NO_SLOTS: SlotValues = { signature: undefined, attemptMs: 0, eventMs: 0, messageMs: 0 };
