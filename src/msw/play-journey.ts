import { formatAtomDate } from '../encode/atom-date.js';
import { UsageError } from '../errors.js';
import type { JourneyDefinition } from '../journey/define-journey.js';
import { loadJourney } from '../journey/load-journey.js';
import { planJourney, type PlannedStep } from '../journey/plan-journey.js';
import { accountFor, type Course, type Named } from '../world/account.js';
import { createEventScope, createWorldContact, type SharedSale } from '../world/event-scope.js';
import type { AccessType, ApiContact, ApiCourse, ApiSubscription, ContactInput, MockDelivery } from './api-types.js';
import { buildScopeOverrides } from './build-scope-overrides.js';
import { findContact, putContact, putSubscription, putTag, type AccountDefaults, type ApiState } from './create-api-store.js';
import { withJourneySale, type EmitMoment, type WebhookEmitter } from './create-webhook-emitter.js';
import { renderEvent } from './render-event.js';
import { getSeedGenerator } from './seed-world.js';

export interface PlayOptions {
  /**
   * Who walks the journey: a contact id of the store, or a contact to add to it. Default: the journey's
   * own person of the seeded world, put into the store when the first step happens (as systeme.io
   * creates a contact at its first opt-in, sale or registration).
   */
  contact?: number | ContactInput | undefined;
  /** Whose plans: journey `index` of this seed decides the conversions and delays. Default: the API's seed. */
  seed?: number | string | undefined;
  /** Which journey of the seed's plans. Default: the next one (0, 1, 2, ... since the last reset). */
  index?: number | undefined;
  /**
   * Wait in real time, the journey's delays divided by `speed` (3600: an hour in a second), each step
   * dated when it is sent. Default: no waiting; each step is dated at its planned time from now.
   */
  speed?: number | undefined;
}

/** One step of a played journey: its trigger (null for a silent step) and the deliveries it caused. */
export interface PlayedStep {
  readonly step: string;
  /** Which repeat of the step this is, from 0. */
  readonly repeat: number;
  readonly trigger: string | null;
  /** The event time. */
  readonly at: Date;
  /** Every webhook and rule delivery of the step, answered (empty when nothing is subscribed). */
  readonly deliveries: MockDelivery[];
}

export interface PlayResult {
  readonly journey: string;
  /** The journey's number among the seed's plans. */
  readonly index: number;
  /** The store contact who walked it (null when no step happened). */
  readonly contactId: number | null;
  readonly steps: PlayedStep[];
  /** The step the journey did not reach (a conversion that did not happen), or null when it completed. */
  readonly stoppedAt: string | null;
}

/** What `play` needs of the API mock: its store, emitter, seed and clock. */
export interface PlayContext {
  readonly state: ApiState;
  readonly emitter: WebhookEmitter;
  readonly seed: number | string;
  readonly now: () => Date;
  readonly account: AccountDefaults;
  /** The next journey number when the caller names none. */
  takeIndex(): number;
}

/**
 * Journey events render at world indexes from here: far above the emitter's own count (from 0) and the
 * seeded subscriptions' sales (from 500 000), so a played order never repeats another event's order.
 */
const PLAY_INDEX_BASE = 2_000_000;

function fail(journey: string, reason: string): never {
  throw new UsageError(`Failed to play journey ${journey}: ${reason}`, 'MSW_PLAY');
}

function describe(value: unknown): string {
  return value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'string'
        ? `"${value}"`
        : typeof value === 'object'
          ? 'an object'
          : String(value);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => (ms <= 0 ? resolve() : setTimeout(resolve, ms)));
}

function readJourney(journey: unknown): JourneyDefinition {
  if (typeof journey === 'string') return loadJourney(journey);
  if (journey !== null && typeof journey === 'object' && Array.isArray((journey as JourneyDefinition).steps))
    return journey as JourneyDefinition;
  throw new UsageError(
    `Failed to play a journey: ${describe(journey)} is not a journey. Pass a built-in name like "refund", a .json path, or loadJourney(...).`,
    'MSW_PLAY',
  );
}

/** Checks the options before anything changes, so a refused call leaves the store as it was. */
function readOptions(name: string, options: unknown): PlayOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    fail(name, `the options are ${describe(options)}. Pass an object like { contact: 412000001 }.`);
  const o = options as PlayOptions;
  if (o.speed !== undefined && !(typeof o.speed === 'number' && o.speed > 0 && Number.isFinite(o.speed))) {
    fail(
      name,
      `speed ${describe(o.speed)} is not a positive factor. Pass e.g. { speed: 3600 } (an hour a second), or leave it out to play without waiting.`,
    );
  }
  if (o.index !== undefined && !(Number.isSafeInteger(o.index) && o.index >= 0)) {
    fail(name, `index ${describe(o.index)} is not a whole number from 0. Pass e.g. { index: 3 }.`);
  }
  if (
    o.seed !== undefined &&
    !((typeof o.seed === 'number' && Number.isFinite(o.seed)) || (typeof o.seed === 'string' && o.seed.length > 0))
  ) {
    fail(name, `seed ${describe(o.seed)} is not a number or a non-empty string. Pass e.g. { seed: 7 }.`);
  }
  const contact = o.contact;
  if (
    contact !== undefined &&
    typeof contact !== 'number' &&
    (contact === null || typeof contact !== 'object' || typeof contact.email !== 'string')
  ) {
    fail(
      name,
      `contact ${describe(contact)} is neither a contact id nor a contact. Pass an id from api.store.contacts or { email: "..." }.`,
    );
  }
  return o;
}

/** A whole second, as systeme.io's dates are. */
function second(ms: number): Date {
  return new Date(Math.floor(ms / 1000) * 1000);
}

/**
 * The journey's own person as systeme.io creates the contact at its first step: the world's id, email,
 * language and the fields its form collected, registered then, with no tags yet.
 */
function createJourneyContact(state: ApiState, seed: string, worldNowMs: number, k: number, at: Date): ApiContact {
  const view = createWorldContact(seed, k, worldNowMs);
  const known = state.contacts.get(view.id) ?? findContact(state, view.email);
  if (known !== undefined) return known;
  return putContact(
    state,
    {
      id: view.id,
      email: view.email,
      registeredAt: formatAtomDate(at),
      locale: view.locale,
      sourceURL: view.sourceUrl,
      fields: view.fieldList.map((f) => ({ fieldName: f.fieldName, slug: f.slug, value: f.value })),
    },
    at,
  );
}

/**
 * Plays one journey through the store: each step changes the store as its event says and is delivered
 * where the account's webhooks and rules want it; resolves once every delivery was answered.
 * @example const { steps } = await playJourney(context, 'refund', { contact: api.store.contacts[0].id })
 */
export async function playJourney(
  context: PlayContext,
  journey: string | JourneyDefinition,
  rawOptions?: PlayOptions,
): Promise<PlayResult> {
  const definition = readJourney(journey);
  const options = readOptions(definition.name, rawOptions);
  const { state } = context;

  // The contact first: an unknown id is refused before the store changes.
  let contact: ApiContact | undefined;
  if (typeof options.contact === 'number') {
    contact = state.contacts.get(options.contact);
    if (contact === undefined) {
      fail(
        definition.name,
        `no contact ${options.contact} in the store. Pass an id from api.store.contacts or add the contact with api.seed({ contacts: [...] }).`,
      );
    }
  }

  const world = getSeedGenerator(context.seed);
  const worldNowMs = world.now.getTime();
  const account = accountFor(world.seed);
  const journeyIndex = options.index ?? context.takeIndex();
  // The exact start, so a paced step waits its whole delay; each event's date is then cut to the second.
  const startMs = context.now().getTime();
  // The plan draws from the plans' seed; the offers it sells are the API's account's, which renders them.
  const plan = planJourney(definition, {
    seed: options.seed === undefined ? world.seed : String(options.seed),
    journey: journeyIndex,
    startMs,
    account,
    speed: options.speed,
  });
  if (typeof options.contact === 'object') {
    const input = options.contact;
    contact =
      (input.id !== undefined ? state.contacts.get(input.id) : undefined) ??
      findContact(state, input.email) ??
      putContact(state, input, second(startMs));
  }

  const sales = new Map<number, NonNullable<EmitMoment['sale']>>();
  const subscriptions = new Map<number, ApiSubscription>();
  const steps: PlayedStep[] = [];
  for (const planned of plan.steps) {
    if (options.speed !== undefined) await sleep(planned.atMs - Date.now());
    const at = second(planned.atMs);
    if (planned.trigger === null) {
      steps.push({ step: planned.step.name, repeat: planned.repeat, trigger: null, at, deliveries: [] });
      continue;
    }
    const person = planned.scope.person;
    contact ??= person === undefined ? undefined : createJourneyContact(state, world.seed, worldNowMs, person.k, at);
    if (contact === undefined) fail(definition.name, `step "${planned.step.name}" names no contact. Carry "contact" from the first step.`);
    const deliveries = await playStep(context, planned, at, contact, sales, subscriptions);
    steps.push({ step: planned.step.name, repeat: planned.repeat, trigger: planned.trigger.id, at, deliveries });
  }
  return { journey: definition.name, index: journeyIndex, contactId: contact?.id ?? null, steps, stoppedAt: plan.stoppedAt };
}

/** One step: the store changes as the event says, then the event goes where the account sends it. */
async function playStep(
  context: PlayContext,
  planned: PlannedStep,
  at: Date,
  contact: ApiContact,
  sales: Map<number, NonNullable<EmitMoment['sale']>>,
  subscriptions: Map<number, ApiSubscription>,
): Promise<MockDelivery[]> {
  const { state } = context;
  const trigger = planned.trigger!;
  const world = getSeedGenerator(context.seed);
  const worldNowMs = world.now.getTime();
  const index = PLAY_INDEX_BASE + planned.eventIndex;

  // The journey's sale, pinned once: its order, offer and the store's courses and tags as it saw them.
  let sale: EmitMoment['sale'];
  const shared = planned.scope.sale;
  if (shared !== undefined) {
    const saleIndex = PLAY_INDEX_BASE + shared.index;
    sale = sales.get(saleIndex);
    if (sale === undefined) {
      const pinned: SharedSale = { index: saleIndex, atMs: Math.floor(shared.atMs / 1000) * 1000, pricePlanId: shared.pricePlanId };
      const courses: Course[] = [...state.courses.values()].map((c) => ({ id: c.id, name: c.name, description: c.description }));
      const tags: Named[] = [...state.tags.values()].map((t) => ({ id: t.id, name: t.name }));
      sale = { shared: pinned, courses, tags };
      sales.set(saleIndex, sale);
    }
  }
  const scopeOf = (of: ApiContact, course?: ApiCourse) =>
    withJourneySale(buildScopeOverrides(world.seed, worldNowMs, index, { contact: of, course }, state), sale);

  // A tag event: the tag the world's event names joins the store and the contact gains or loses it.
  let tag: { id: number; name: string } | undefined;
  const tagChange = trigger.effects.tag;
  if (tagChange !== undefined) {
    const named = createEventScope({ seed: world.seed, index, effects: trigger.effects, eventTimeMs: at.getTime(), worldNowMs }).tag;
    const stored = putTag(state, { id: named.id, name: named.name }, at);
    tag = { id: stored.id, name: stored.name };
    if (tagChange === 'add' && !contact.tags.some((t) => t.id === stored.id)) contact.tags.push(tag);
    if (tagChange === 'remove') contact.tags = contact.tags.filter((t) => t.id !== stored.id);
  }

  // An enrolment: the course the sale grants (carried), else the store's course of the event; the store enrolls.
  let course: ApiCourse | undefined;
  let accessType: AccessType | undefined;
  if (trigger.wireName === 'contact.course.enrolled') {
    let chosen: { id: number } | undefined;
    if (planned.step.carry.includes('course') && sale !== undefined) {
      const view = createEventScope(
        { seed: world.seed, index, effects: trigger.effects, eventTimeMs: at.getTime(), worldNowMs },
        scopeOf(contact),
      ).sale;
      const granted = view.orderItem.resources.find((r) => r.course !== null);
      if (granted !== undefined) {
        chosen = granted.course!;
        accessType = (granted.accessType ?? 'full_access') as AccessType;
      }
    }
    chosen ??= scopeOf(contact).course;
    course = chosen === undefined ? undefined : state.courses.get(chosen.id);
    if (course !== undefined) {
      accessType ??= 'full_access';
      const enrolledCourse = course;
      if (![...state.enrollments.values()].some((e) => e.course.id === enrolledCourse.id && e.contact.id === contact.id)) {
        const id = state.nextEnrollmentId++;
        state.enrollments.set(id, {
          id,
          course: { id: course.id, name: course.name },
          contact: { id: contact.id, email: contact.email },
          accessType,
          active: true,
          modules: [],
          createdAt: formatAtomDate(at),
        });
      }
    }
  }

  // A cancellation of the journey's subscription sale cancels the subscription (a refund changes nothing stored).
  if (trigger.effects.sale === 'cancel' && sale !== undefined) {
    const subscription = subscriptions.get(sale.shared.index);
    if (subscription !== undefined && subscription.status === 'active') {
      subscription.status = 'cancelled';
      subscription.cancelledAt = formatAtomDate(at);
    }
  }

  const deliveries = await context.emitter.emit(trigger.id, { contact: structuredClone(contact), tag, course, accessType }, undefined, {
    index,
    at,
    sale,
  });

  // A subscription sale starts a subscription the API lists, as the seeded ones are (its SALE_NEW kept for a cancel).
  if (trigger.effects.sale === 'new' && sale !== undefined && !subscriptions.has(sale.shared.index)) {
    const stored = state.contacts.get(contact.id) ?? contact;
    const payload = renderEvent('SALE_NEW', { seed: context.seed, index, at, scope: scopeOf(stored) }).payload;
    const plan = payload['pricePlan'] as ApiSubscription['pricePlan'];
    if (plan.recurringOptions !== null) {
      const subscription = putSubscription(
        state,
        {
          id: state.nextSubscriptionId,
          status: 'active',
          createdAt: (payload['order'] as { createdAt: string }).createdAt,
          cancelledAt: null,
          completedAt: null,
          contact: { id: stored.id, email: stored.email },
          pricePlan: {
            id: plan.id,
            name: plan.name,
            type: plan.type,
            amount: plan.amount,
            currency: plan.currency,
            recurringOptions: structuredClone(plan.recurringOptions),
          },
        },
        payload,
      );
      subscriptions.set(sale.shared.index, subscription);
    }
  }
  return deliveries;
}
