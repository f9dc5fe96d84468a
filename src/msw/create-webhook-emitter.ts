import { getTrigger } from '../catalog/catalog.js';
import type { TriggerDefinition } from '../catalog/triggers.js';
import { buildAutomationHeaders, buildWebhooksHeaders, type HeaderList } from '../wire/headers.js';
import { computeDeliveryGaps, createUuidV7 } from '../wire/uuid-v7.js';
import { formatAtomDate } from '../encode/atom-date.js';
import {
  createEventScope,
  profileOfContact,
  type ContactProfile,
  type ResourceView,
  type ScopeOverrides,
  type SharedSale,
} from '../world/event-scope.js';
import type { Course, Named } from '../world/account.js';
import type { AccessType, ApiContact, ApiEnrollment, MockDelivery } from './api-types.js';
import { buildScopeOverrides } from './build-scope-overrides.js';
import { putCourse, putTag, type AccountDefaults, type ApiState } from './create-api-store.js';
import { accountFor } from '../world/account.js';
import type { EmitContext } from './handle-api-request.js';
import { renderEvent } from './render-event.js';
import { getSeedGenerator } from './seed-world.js';

export interface WebhookEmitter {
  /**
   * Sends one event to every active webhook subscribed to it (webhooks dialect) or every rule for it
   * (automation dialect), and resolves once each answered or failed. Deliveries are also recorded.
   */
  emit(triggerId: string, context: EmitContext, overrides?: Record<string, unknown>, moment?: EmitMoment): Promise<MockDelivery[]>;
  reset(): void;
}

/** Where a journey's step sits in the world: `api.play` gives each step its own index, time and sale. */
export interface EmitMoment {
  /** The event's index in the seeded world (instead of the emitter's own count). */
  index: number;
  /** The event time, also the delivery attempt's: a journey played without waiting runs on its own clock. */
  at: Date;
  /**
   * The journey's sale: every step that carries it describes this order. The store's courses and tags
   * are those the sale saw, so the order's resources read the same in its SALE_NEW and SALE_CANCELED.
   */
  sale?: { shared: SharedSale; courses: readonly Course[]; tags: readonly Named[] } | undefined;
}

/** The scope of an event of the store, with a journey's sale pinned when it has one. */
export function withJourneySale(scope: ScopeOverrides, sale: EmitMoment['sale']): ScopeOverrides {
  return sale === undefined ? scope : { ...scope, sale: sale.shared, courses: sale.courses, tags: sale.tags };
}

export interface WebhookEmitterOptions {
  state: ApiState;
  seed: number | string;
  now: () => Date;
  /** Every delivery is appended here when it is sent. */
  log: MockDelivery[];
  /** A delivery not answered (status and body) within this many ms fails with an error. Default 10000. */
  timeoutMs?: number | undefined;
}

interface Target {
  url: string;
  targetId: string;
  headers: (body: string, eventTime: Date, messageMs: number, attemptMs: number) => { headers: HeaderList; messageId: string | null };
}

function findTargets(state: ApiState, trigger: TriggerDefinition, now: () => Date): Target[] {
  if (trigger.dialect === 'automation') {
    return [...state.rules.values()]
      .filter((r) => r.trigger === trigger.id || r.trigger === trigger.wireName)
      .map((r) => ({ url: r.url, targetId: r.id, headers: () => ({ headers: buildAutomationHeaders(), messageId: null }) }));
  }
  const targets: Target[] = [];
  for (const webhook of state.webhooks.values()) {
    const subscription = webhook.subscriptions.find((s) => s.event === trigger.wireName);
    if (!webhook.active || subscription === undefined) continue;
    targets.push({
      url: webhook.url,
      targetId: webhook.id,
      headers: (body, eventTime, messageMs, attemptMs) => {
        // Sent now, or at the attempt's planned time when that is still ahead (the gaps after the event).
        const attemptTime = new Date(Math.max(now().getTime(), attemptMs));
        const messageId = createUuidV7(messageMs);
        const headers = buildWebhooksHeaders({
          event: trigger.wireName,
          schemaVersion: subscription.schemaVersion,
          body,
          secret: webhook.secret,
          messageId,
          subscriptionId: webhook.id,
          attemptId: createUuidV7(attemptTime.getTime()),
          eventTime,
          attemptTime,
        });
        return { headers, messageId };
      },
    });
  }
  return targets;
}

async function send(
  trigger: TriggerDefinition,
  target: Target,
  body: string,
  eventTime: Date,
  messageMs: number,
  messageToAttemptMs: number,
  log: MockDelivery[],
  timeoutMs: number,
): Promise<MockDelivery> {
  const { headers, messageId } = target.headers(body, eventTime, messageMs, messageMs + messageToAttemptMs);
  const record: MockDelivery = {
    dialect: trigger.dialect,
    trigger: trigger.id,
    url: target.url,
    targetId: target.targetId,
    messageId,
    headers,
    body,
    status: null,
    responseBody: null,
    error: null,
  };
  // Logged when sent, not when answered: a delivery that causes another one (the receiver calls the API) comes first.
  log.push(record);
  // The signal also bounds reading the body: a receiver that hangs fails this delivery, not the API call.
  // A ref'd timer, unlike AbortSignal.timeout's, keeps Node alive until it fires (an msw handler that
  // never resolves holds no socket open).
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    // globalThis.fetch is read at call time so msw's interception (or a real server) receives it.
    const response = await globalThis.fetch(target.url, { method: 'POST', headers, body, signal: controller.signal });
    record.status = response.status;
    record.responseBody = await response.text();
  } catch (error) {
    if (controller.signal.aborted) {
      record.error = `Failed to deliver ${trigger.id} to ${target.url}: no complete answer within ${timeoutMs} ms. Make the receiver answer sooner or raise webhookTimeoutMs.`;
    } else {
      const cause = (error as { cause?: unknown }).cause;
      record.error = [error, cause]
        .filter((e) => e instanceof Error)
        .map((e) => (e as Error).message)
        .join(': ');
    }
  } finally {
    clearTimeout(timer);
  }
  return record;
}

/** What a checkout form collects, in the order systeme.io's checkout asks (CAP shows first_name, country, postcode). */
const CHECKOUT_FIELDS: ReadonlyArray<readonly [slug: string, fieldName: string, value: (p: ContactProfile) => string]> = [
  ['first_name', 'First name', (p) => p.firstName],
  ['surname', 'Surname', (p) => p.lastName],
  ['country', 'Country', (p) => p.country],
  ['postcode', 'Postcode', (p) => p.postcode],
  ['city', 'City', (p) => p.city],
  ['street_address', 'Street address', (p) => p.street],
  ['phone_number', 'Phone number', (p) => p.phone],
];

/**
 * A sale's checkout writes what it collected onto the contact: each checkout field the store's contact
 * lacks gets the person's value (those it has stay), and unknown slugs become contact fields.
 */
function fillCheckoutFields(state: ApiState, contact: ApiContact, profile: ContactProfile): void {
  for (const [slug, fieldName, value] of CHECKOUT_FIELDS) {
    if (contact.fields.some((f) => f.slug === slug && f.value !== null)) continue;
    let definition = state.fields.get(slug);
    if (definition === undefined) {
      definition = { slug, fieldName };
      state.fields.set(slug, definition);
    }
    const field = { fieldName: definition.fieldName, slug, value: value(profile) };
    const at = contact.fields.findIndex((f) => f.slug === slug);
    if (at === -1) contact.fields.push(field);
    else contact.fields[at] = field;
  }
}

/**
 * What a sale grants, as systeme.io applies it: a tag resource tags the buyer, a course resource enrolls
 * them (once per course) with the offer's access type.
 */
function grantResources(
  state: ApiState,
  contact: ApiContact,
  resources: readonly ResourceView[],
  at: Date,
  account: AccountDefaults,
): void {
  for (const resource of resources) {
    if (resource.tag !== null) {
      const tag = putTag(state, { id: resource.tag.id, name: resource.tag.name }, at);
      if (!contact.tags.some((t) => t.id === tag.id)) contact.tags.push({ id: tag.id, name: tag.name });
    }
    if (resource.course !== null) {
      const course =
        state.courses.get(resource.course.id) ??
        putCourse(state, { id: resource.course.id, name: resource.course.name, description: resource.course.description }, account);
      const enrolled = [...state.enrollments.values()].some((e) => e.course.id === course.id && e.contact.id === contact.id);
      if (!enrolled) {
        const enrollment: ApiEnrollment = {
          id: state.nextEnrollmentId++,
          course: { id: course.id, name: course.name },
          contact: { id: contact.id, email: contact.email },
          accessType: (resource.accessType ?? 'full_access') as AccessType,
          active: true,
          // The offer's access opens the whole course: a sale names no modules.
          modules: [],
          createdAt: formatAtomDate(at),
        };
        state.enrollments.set(enrollment.id, enrollment);
      }
    }
  }
}

/** The part of the mock that plays systeme.io's outgoing side: renders, signs and posts events. */
export function createWebhookEmitter(options: WebhookEmitterOptions): WebhookEmitter {
  let index = 0;
  let lastEventMs = -Infinity;
  return {
    async emit(triggerId, context, overrides, moment) {
      const trigger = getTrigger(triggerId);
      const generator = getSeedGenerator(options.seed);
      const worldNowMs = generator.now.getTime();
      let eventContext = context;
      const at = moment?.at ?? options.now();
      const saleIndex = moment?.index ?? index;
      const stored = context.contact === undefined ? undefined : options.state.contacts.get(context.contact.id);
      if (trigger.effects.sale === 'new' && stored !== undefined) {
        // The store changes whether or not anyone listens, as systeme.io's does: the checkout's fields
        // first (the payload shows them), then what the offer grants.
        fillCheckoutFields(options.state, stored, profileOfContact(generator.seed, stored.id, worldNowMs));
        eventContext = { ...context, contact: structuredClone(stored) };
        const scope = withJourneySale(
          buildScopeOverrides(generator.seed, worldNowMs, saleIndex, eventContext, options.state),
          moment?.sale,
        );
        const sale = createEventScope(
          { seed: generator.seed, index: saleIndex, effects: trigger.effects, eventTimeMs: at.getTime(), worldNowMs },
          scope,
        ).sale;
        const account = accountFor(generator.seed);
        grantResources(options.state, stored, sale.orderItem.resources, at, {
          domainName: `${account.subdomain}.systeme.io`,
          locale: account.language,
        });
      }
      const targets = findTargets(options.state, trigger, moment === undefined ? options.now : () => at);
      if (targets.length === 0) return [];
      const eventIndex = moment?.index ?? index++;
      const gaps = computeDeliveryGaps(eventIndex, String(options.seed));
      // The event is the action, now (the store changed at this time: a cancellation's cancelledAt is its
      // event time); its message and attempt follow it (CAP timing). One account's events keep the order
      // of its actions: an event is never dated before the one emitted before it. A journey step played
      // through api.play keeps its planned time.
      const eventMs = moment === undefined ? Math.max(at.getTime(), lastEventMs) : at.getTime();
      if (moment === undefined) lastEventMs = eventMs;
      const messageMs = eventMs + gaps.eventToMessageMs;
      const event = renderEvent(trigger.id, {
        seed: options.seed,
        index: eventIndex,
        at: new Date(eventMs),
        scope: withJourneySale(buildScopeOverrides(generator.seed, worldNowMs, eventIndex, eventContext, options.state), moment?.sale),
        overrides,
      });
      return Promise.all(
        targets.map((t) =>
          send(trigger, t, event.body, event.eventTime, messageMs, gaps.messageToAttemptMs, options.log, options.timeoutMs ?? 10_000),
        ),
      );
    },
    reset() {
      index = 0;
    },
  };
}
