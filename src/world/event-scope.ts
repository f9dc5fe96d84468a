import { formatAtomDate } from '../encode/atom-date.js';
import {
  accountFor,
  type Account,
  type Coupon,
  type Course,
  type CourseBundle,
  type FunnelStep,
  type Named,
  type OfferResource,
  type PricePlan,
  type Subscription,
} from './account.js';
import { COUNTRIES, type Country } from './countries.js';
import { computeUtcOffsetMs } from './local-time.js';
import { type Identity, identify, MAX_PEOPLE, person as personOf } from './people.js';
import type { TriggerEffects } from '../catalog/triggers.js';
import { eventRng, Rng, type StreamPrefix, seedPrefix, streamKey, weightTable } from './random.js';

/**
 * What a template can name: `{{contact.email}}`, `{{sale.order.id}}`, ... Each entity is built the first
 * time it is read, from its own random stream, so a template only pays for what it uses and values never
 * depend on the order in which they are read.
 */
export interface EventScope {
  readonly account: { readonly email: string };
  readonly event: { readonly createdAt: string };
  readonly contact: ContactView;
  readonly tag: Named;
  readonly optinStep: FunnelStep;
  readonly visitedStep: FunnelStep;
  readonly blogPage: Account['blogPages'][number];
  readonly webinar: WebinarView;
  readonly course: Course;
  readonly courseBundle: CourseBundle;
  readonly enrollment: { readonly accessType: string };
  readonly campaign: Course;
  readonly sentEmail: Named & { readonly subject: string };
  readonly sale: SaleView;
}

export interface ContactField {
  readonly fieldName: string;
  readonly slug: string;
  readonly value: string;
}

export interface ContactView {
  readonly id: number;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly country: string;
  readonly locale: string;
  /** `[]` when the contact has no fields (PHP's empty array), else an object keyed by slug. */
  readonly fieldsBySlug: readonly never[] | Readonly<Record<string, string>>;
  readonly fieldList: readonly ContactField[];
  readonly ip: string | null;
  readonly referredByContactId: number | null;
  readonly referredByContactEmail: string | null;
  readonly registeredAt: string;
  readonly sourceUrl: string | null;
  readonly unsubscribed: boolean;
  readonly bounced: boolean;
  readonly needsConfirmation: boolean;
  readonly tags: readonly Named[];
  /** The contact's customer id, used when the contact buys. */
  readonly customerId: number;
  /** The address a checkout reads the contact's IP from (the contact's `ip`, or where it bought from). */
  readonly clientIp: string;
}

/** The person behind a contact: what a checkout form would collect from them. */
export interface ContactProfile {
  readonly firstName: string;
  readonly lastName: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly phone: string;
  readonly postcode: string;
  readonly city: string;
  readonly street: string;
}

export interface WebinarView {
  readonly id: number;
  readonly duration: string;
  readonly funnelStep: FunnelStep;
  readonly registeredAt: string;
  readonly scheduledAt: string;
}

export interface ResourceView extends OfferResource {
  readonly quantity: number | null;
}

export interface SaleView {
  readonly customer: {
    readonly id: number;
    readonly paymentProcessor: string;
    readonly clientIp: string;
    readonly sourceUrl: string;
    /** The contact's fields: a checkout writes what it collects onto the contact. `[]` when it has none. */
    readonly automationFields: readonly never[] | Readonly<Record<string, string>>;
    readonly webhooksFields: readonly never[] | Readonly<Record<string, string>>;
  };
  readonly funnelStep: FunnelStep;
  readonly pricePlan: PricePlan & { readonly subscription: Subscription | null };
  readonly order: {
    readonly id: number;
    readonly createdAt: string;
    readonly discountAmount: number | null;
    readonly discountType: string | null;
    readonly shippingFee: number | null;
    readonly totalPrice: number;
    readonly vat: number;
  };
  readonly orderItem: { readonly id: number; readonly createdAt: string; readonly resources: readonly ResourceView[] };
  readonly coupon: (Omit<Coupon, 'expirationDate'> & { readonly expirationDate: string | null }) | null;
}

export interface ScopeInput {
  seed: string;
  index: number;
  /** What the trigger does to the world (catalog): tag changes, a new contact, a sale or its cancellation. */
  effects: TriggerEffects;
  eventTimeMs: number;
  /** The world's clock (event 0): contacts registered before it, so they precede every event. */
  worldNowMs: number;
}

/** A journey's sale, shared by its steps: the order of event `index`, made at `atMs`, of one offer. */
export interface SharedSale {
  readonly index: number;
  readonly atMs: number;
  readonly pricePlanId: number;
}

/**
 * Objects to use instead of the world's: the MSW store puts its own contact, tag and course here, so
 * an emitted event describes exactly the store's state. Everything not given comes from the world.
 */
export interface ScopeOverrides {
  readonly contact?: ContactView | undefined;
  readonly tag?: Named | undefined;
  readonly course?: Course | undefined;
  readonly enrollment?: { readonly accessType: string } | undefined;
  /** The courses the store lists: a sale's course resources name one of them (the world's course when listed). */
  readonly courses?: readonly Course[] | undefined;
  /** The tags the store lists: a sale's tag resources name one of them (the world's tag when listed). */
  readonly tags?: readonly Named[] | undefined;
  /**
   * A journey's person: contact k of the world (tag effects still apply), registered at `registeredMs`
   * when the journey created it. See pickContactIndex.
   */
  readonly person?: { readonly k: number; readonly registeredMs?: number | undefined } | undefined;
  /** A journey's sale: later steps (a cancellation) describe the same order, made when the sale step was. */
  readonly sale?: SharedSale | undefined;
}

/** `item` when `listed` is absent, empty or holds it; else the listed item at the world item's position. */
function listedOr<T extends Named>(item: T | null, listed: readonly T[] | undefined, world: readonly T[]): T | null {
  if (item === null || listed === undefined || listed.length === 0 || listed.some((l) => l.id === item.id)) return item;
  return listed[Math.max(0, world.indexOf(item)) % listed.length]!;
}

/**
 * How many people were contacts before the world's clock (event 0): events pick among them, so some
 * contacts come back. Contacts k >= CONTACT_POOL are the ones CONTACT_CREATED registers, one per event.
 */
export const CONTACT_POOL = 1_000_000;
const DAY = 86_400_000;
/** The pool registered over the 900 days before the world's clock, in id order (ids grow with time). */
const REGISTRATION_SPAN_MS = 899 * DAY;
/** Contact k registered in its slot of the span, at a random second of it. */
const REGISTRATION_SLOT_MS = REGISTRATION_SPAN_MS / CONTACT_POOL;
const REGISTRATION_JITTER_MAX = Math.max(0, Math.floor(REGISTRATION_SLOT_MS) - 1);
const FIRST_CONTACT_ID = 400_000_000;
const FIELD_NAMES: Readonly<Record<string, string>> = {
  first_name: 'First name',
  surname: 'Surname',
  phone_number: 'Phone number',
  country: 'Country',
  city: 'City',
  postcode: 'Postcode',
  street_address: 'Street address',
};
/** Days from a sale to its cancellation (a refund or a subscription cancelled): README "days later". */
const CANCEL_AFTER_DAYS = [1, 45] as const;
const SECOND = 1000;
/** Events of a run are spaced by 9 s on average: event i falls in [now + 9i s, now + 9i + 9 s). */
const EVENT_SPACING_MS = 9 * SECOND;

/**
 * Which fields a contact holds, decided per person before anything else is drawn (a cheap integer hash,
 * so a sale can look for a buyer without building people): none (subscribed with an email only), those
 * a form asks (names, sometimes a phone or country), or those a checkout collects (name, country,
 * postcode, and the postal address and phone when it shipped something).
 */
type FieldTier = 'none' | 'form' | 'checkout' | 'shipping';

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

const seedHashes = new Map<string, number>();
// A sale looks at several people's tiers: the last seed's hash saves a Map lookup for each.
let lastTierSeed: string | undefined;
let lastTierHash = 0;

function seedHash(seed: string): number {
  if (seed === lastTierSeed) return lastTierHash;
  let hash = seedHashes.get(seed);
  if (hash === undefined) {
    hash = new Rng(streamKey(seed, 'tiers')).int(0, 2 ** 31 - 1);
    if (seedHashes.size > 64) seedHashes.clear();
    seedHashes.set(seed, hash);
  }
  lastTierSeed = seed;
  lastTierHash = hash;
  return hash;
}

function fieldTier(seed: string, k: number): FieldTier {
  const roll = mix32(seedHash(seed) ^ Math.imul(k, 0x9e3779b1)) % 100;
  return roll < 35 ? 'none' : roll < 65 ? 'form' : roll < 85 ? 'checkout' : 'shipping';
}

/** Contact k of the world: the same person, id, email, fields and registration in every event that names k. */
interface Person {
  readonly k: number;
  readonly id: number;
  readonly email: string;
  readonly country: Country;
  readonly firstName: string;
  readonly lastName: string;
  readonly phone: string;
  readonly postcode: string;
  readonly city: string;
  readonly street: string;
  readonly fieldsBySlug: readonly never[] | Readonly<Record<string, string>>;
  readonly ip: string;
  /** Whether systeme.io saw the contact's IP (a form or a checkout); contacts imported or added by hand have none. */
  readonly ipKnown: boolean;
  readonly registeredMs: number;
  readonly customerId: number;
  readonly rng: Rng;
}

/** What a checkout would collect from a person (profileOfContact's answer). */
function profileOf(who: Person): ContactProfile {
  return {
    firstName: who.firstName,
    lastName: who.lastName,
    country: who.country.code,
    phone: who.phone,
    postcode: who.postcode,
    city: who.city,
    street: who.street,
  };
}

/** Which k an id belongs to (every id of contact k lies in [FIRST + 16k, FIRST + 16k + 15]). */
export function contactIndexOf(id: number): number | null {
  const k = Math.floor((id - FIRST_CONTACT_ID) / 16);
  return Number.isSafeInteger(k) && k >= 0 ? k : null;
}

/**
 * Contact k. Pool contacts (k < CONTACT_POOL) registered before the world's clock, in id order;
 * contacts CONTACT_CREATED registers (k >= CONTACT_POOL) registered at `registeredMs`.
 */
function person(seed: string, k: number, worldNowMs: number, registeredMs?: number): Person {
  // Who they are (name, e-mail, phone, address, IP: src/world/people.ts), unique for the first MAX_PEOPLE
  // people. Contacts registered later (CONTACT_CREATED's k >= CONTACT_POOL) past that range take a plus
  // address of an earlier spelling, which no pool e-mail has: still one e-mail per id.
  const lap = Math.floor(k / MAX_PEOPLE);
  const base = personOf(seed, k % MAX_PEOPLE);
  const rng = base.rng;
  const id = lap === 0 ? base.id : base.id + lap * MAX_PEOPLE * 16;
  const email = lap === 0 ? base.email : base.email.replace('@', `+${lap}@`);
  const { firstName, lastName, country } = base;
  // One address, phone and IP per person: every payload that shows one of them shows the same.
  const tier = fieldTier(seed, k);
  let bySlug: Record<string, string> | undefined;
  if (tier === 'form') {
    bySlug = { first_name: firstName, surname: lastName };
    if (rng.chance(0.3)) bySlug['phone_number'] = base.phone;
    if (rng.chance(0.3)) bySlug['country'] = country.code;
  } else if (tier !== 'none') {
    // What a checkout collects (CAP: first_name, country, postcode), and the address when it ships.
    bySlug = { first_name: firstName };
    if (rng.chance(0.7)) bySlug['surname'] = lastName;
    bySlug['country'] = country.code;
    bySlug['postcode'] = base.postcode;
    if (tier === 'shipping') {
      bySlug['city'] = base.place.city;
      bySlug['street_address'] = base.streetAddress;
      bySlug['phone_number'] = base.phone;
    }
  }
  const registered =
    registeredMs ?? worldNowMs - DAY - REGISTRATION_SPAN_MS + Math.floor(k * REGISTRATION_SLOT_MS) + rng.int(0, REGISTRATION_JITTER_MAX);
  // Drawn in this order (the fields' chances, registration, IP, customer id): the stream's order is the world.
  const ipKnown = tier === 'checkout' || tier === 'shipping' || rng.chance(0.5);
  return {
    k,
    id,
    email,
    country,
    firstName,
    lastName,
    phone: base.phone,
    postcode: base.postcode,
    city: base.place.city,
    street: base.streetAddress,
    fieldsBySlug: bySlug ?? [],
    ip: base.ip,
    ipKnown,
    registeredMs: Math.floor(registered / SECOND) * SECOND,
    // Customer ids: one per contact, unique (a stride of 2 with jitter), in the 2026 magnitude (CAP: 12799002).
    customerId: 12_000_000 + k * 2 + rng.int(0, 1),
    rng,
  };
}

/** Up to `count` distinct items in random order, without shuffling a long list (accounts hold tens of tags). */
function pickDistinct<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const picked: T[] = [];
  for (let tries = 0; picked.length < Math.min(count, items.length) && tries < 4 * count; tries++) {
    const item = rng.pick(items);
    if (!picked.includes(item)) picked.push(item);
  }
  return picked;
}

const HALF_HOUR = 30 * 60_000;

/**
 * A session in the account's working hours: on the hour or half hour from 09:00 to 19:30 local time (so
 * it starts within 09:00-20:00), on one of the next four days, at least two hours after registering.
 */
function scheduleWebinar(rng: Rng, eventTimeMs: number, timeZone: string): number {
  const localNow = eventTimeMs + computeUtcOffsetMs(timeZone, eventTimeMs);
  const localStart = Math.floor(localNow / DAY) * DAY + rng.int(0, 3) * DAY + rng.int(18, 39) * HALF_HOUR;
  let scheduled = localStart - computeUtcOffsetMs(timeZone, localStart - computeUtcOffsetMs(timeZone, eventTimeMs));
  while (scheduled < eventTimeMs + 2 * 3_600_000) {
    // A day later at the same local time, even across a change of daylight saving time.
    const before = computeUtcOffsetMs(timeZone, scheduled);
    scheduled += DAY;
    scheduled += before - computeUtcOffsetMs(timeZone, scheduled);
  }
  return scheduled;
}

// The dates of the last 64 seconds formatted, by second modulo 64: an order is made 2-30 s before its
// event and events come in time order (a load run sends at now), so an order's date was mostly formatted
// for an event just before. Bounded: 64 strings.
const ATOM_SLOTS = 64;
const atomSeconds = new Float64Array(ATOM_SLOTS).fill(Number.NaN);
const atomTexts: string[] = new Array<string>(ATOM_SLOTS).fill('');

function atom(ms: number): string {
  const second = Math.floor(ms / SECOND);
  const slot = second & (ATOM_SLOTS - 1);
  if (atomSeconds[slot] !== second) {
    atomTexts[slot] = formatAtomDate(second * SECOND);
    atomSeconds[slot] = second;
  }
  return atomTexts[slot]!;
}

/** Seconds between a sale's order and its event; whole days between a sale and its cancellation. */
function saleDelays(seed: string, index: number): SaleDelays {
  // A cancellation's time and its sale both need them, one after the other: the last ones are kept.
  if (lastDelays !== undefined && lastDelays.index === index && lastDelays.seed === seed) return lastDelays;
  const rng = eventRng(seed, index, 'sale-time');
  const orderSeconds = rng.int(2, 30);
  const cancelMs = rng.int(CANCEL_AFTER_DAYS[0], CANCEL_AFTER_DAYS[1]) * DAY + rng.int(0, DAY / SECOND - 1) * SECOND;
  lastDelays = { seed, index, orderSeconds, cancelMs };
  return lastDelays;
}

interface SaleDelays {
  readonly seed: string;
  readonly index: number;
  readonly orderSeconds: number;
  readonly cancelMs: number;
}

let lastDelays: SaleDelays | undefined;

export interface EventTimeInput {
  seed: string;
  index: number;
  effects: TriggerEffects;
  /** The time of event 0. */
  worldNowMs: number;
  /** A fixed event time (the send time of `send` and `fire`); default: the seeded stream's. */
  atMs?: number | undefined;
}

/**
 * When event `index` happens: about 9 s after event index-1 of the same trigger; a cancellation comes
 * days after the sale of the same index, so SALE_CANCELED #i always follows SALE_NEW #i. A fixed `atMs`
 * wins (whole seconds).
 */
export function eventTimeOf(input: EventTimeInput): number {
  if (input.atMs !== undefined) return Math.floor(input.atMs / SECOND) * SECOND;
  const { seed, index, worldNowMs } = input;
  const base = worldNowMs + index * EVENT_SPACING_MS + eventRng(seed, index, 'time').int(0, EVENT_SPACING_MS / SECOND - 1) * SECOND;
  return input.effects.sale === 'cancel' ? base + saleDelays(seed, index).cancelMs : base;
}

/**
 * Contact k of the seeded world as the REST API and the webhooks service show it (its own tags, no
 * event's change): the MSW store is seeded from these.
 */
export function createWorldContact(seed: string, k: number, worldNowMs: number): ContactView {
  // A plain object (the store keeps and copies it), with every value the view draws.
  return new WorldContactView(seed, person(seed, k, worldNowMs), accountFor(seed), null).toJSON();
}

/**
 * The person a checkout would read for contact `id`: the world's contact with that id when there is
 * one, else a person of the world chosen by the id (the MSW store's own contacts).
 */
export function profileOfContact(
  seed: string,
  id: number,
  worldNowMs: number,
): ContactProfile & { readonly ip: string; readonly customerId: number } {
  const k = contactIndexOf(id);
  const candidate = k === null ? null : person(seed, k, worldNowMs);
  const who = candidate !== null && candidate.id === id ? candidate : person(seed, mix32(id) % CONTACT_POOL, worldNowMs);
  return { ...profileOf(who), ip: who.ip, customerId: who.customerId };
}

const UTM_SOURCES = ['facebook', 'instagram', 'youtube', 'newsletter', 'google'];

/**
 * The contact view of a person, with its tags changed by the event's tag effect. What the person holds is
 * read at once; what the view draws (a referrer, tags, a source URL, flags) is drawn, in one go and in
 * the same order, the first time a template reads one of them: a sale's payload names none of them and
 * so does not pay for them. Nothing else draws from the person's stream after the view is made.
 */
class WorldContactView implements ContactView {
  readonly id: number;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly country: string;
  readonly locale: string;
  readonly fieldsBySlug: readonly never[] | Readonly<Record<string, string>>;
  readonly ip: string | null;
  readonly customerId: number;
  readonly clientIp: string;
  private readonly seed: string;
  private readonly who: Person;
  private readonly account: Account;
  private readonly change: { tag: Named; effect: 'add' | 'remove' } | null;
  private drawn = false;
  private referrer: Identity | null = null;
  private tagList: readonly Named[] = [];
  private source: string | null = null;
  private flags = 0;
  private fields: readonly ContactField[] | undefined;

  constructor(seed: string, who: Person, account: Account, change: { tag: Named; effect: 'add' | 'remove' } | null) {
    this.id = who.id;
    this.email = who.email;
    this.firstName = who.firstName;
    this.lastName = who.lastName;
    this.country = who.country.code;
    this.locale = who.country.language;
    this.fieldsBySlug = who.fieldsBySlug;
    this.ip = who.ipKnown ? who.ip : null;
    this.customerId = who.customerId;
    this.clientIp = who.ip;
    this.seed = seed;
    this.who = who;
    this.account = account;
    this.change = change;
  }

  get fieldList(): readonly ContactField[] {
    if (this.fields === undefined) {
      const list: ContactField[] = [];
      const bySlug = this.fieldsBySlug as Readonly<Record<string, string>>;
      for (const slug in bySlug) list.push({ fieldName: FIELD_NAMES[slug] ?? slug, slug, value: bySlug[slug]! });
      this.fields = list;
    }
    return this.fields;
  }

  get registeredAt(): string {
    return atom(this.who.registeredMs);
  }

  get referredByContactId(): number | null {
    return this.draw().referrer?.id ?? null;
  }

  get referredByContactEmail(): string | null {
    return this.draw().referrer?.email ?? null;
  }

  get tags(): readonly Named[] {
    return this.draw().tagList;
  }

  get sourceUrl(): string | null {
    return this.draw().source;
  }

  get unsubscribed(): boolean {
    return (this.draw().flags & UNSUBSCRIBED) !== 0;
  }

  get bounced(): boolean {
    return (this.draw().flags & BOUNCED) !== 0;
  }

  get needsConfirmation(): boolean {
    return (this.draw().flags & NEEDS_CONFIRMATION) !== 0;
  }

  /**
   * The view as a plain object, keys in the order the view always had: what `{{contact}}` as a whole
   * value encodes to (JSON.stringify reads it), and what createWorldContact returns.
   */
  toJSON(): ContactView {
    return {
      id: this.id,
      email: this.email,
      firstName: this.firstName,
      lastName: this.lastName,
      country: this.country,
      locale: this.locale,
      fieldsBySlug: this.fieldsBySlug,
      fieldList: this.fieldList,
      ip: this.ip,
      referredByContactId: this.referredByContactId,
      referredByContactEmail: this.referredByContactEmail,
      registeredAt: this.registeredAt,
      sourceUrl: this.sourceUrl,
      unsubscribed: this.unsubscribed,
      bounced: this.bounced,
      needsConfirmation: this.needsConfirmation,
      tags: this.tags,
      customerId: this.customerId,
      clientIp: this.clientIp,
    };
  }

  private draw(): this {
    if (this.drawn) return this;
    this.drawn = true;
    const { who, account, change } = this;
    const rng = who.rng;
    // A referrer registered before the contact it referred (ids, and so registrations, grow with k).
    this.referrer = who.k > 0 && rng.chance(0.2) ? identify(this.seed, rng.int(0, Math.min(who.k, CONTACT_POOL) - 1)) : null;
    // A contact registered by the event has at most the tag of the form it came through.
    const ownTags = pickDistinct(rng, account.tags, Math.min(rng.int(0, 3), who.k >= CONTACT_POOL ? 1 : 3));
    let tags: Named[] = ownTags;
    if (change?.effect === 'add') tags = [...ownTags.filter((t) => t.id !== change.tag.id), change.tag];
    else if (change?.effect === 'remove') tags = ownTags.filter((t) => t.id !== change.tag.id);
    this.tagList = tags;
    const hex = rng.hex(8);
    // Contacts added by hand, by import or through the API have no source URL.
    this.source = rng.chance(0.1)
      ? null
      : rng.chance(0.5)
        ? `https://${account.subdomain}.systeme.io/${hex}`
        : `https://${account.subdomain}.systeme.io/${hex}?utm_source=${rng.pick(UTM_SOURCES)}`;
    this.flags = (rng.chance(0.05) ? UNSUBSCRIBED : 0) | (rng.chance(0.03) ? BOUNCED : 0) | (rng.chance(0.1) ? NEEDS_CONFIRMATION : 0);
    return this;
  }
}

const UNSUBSCRIBED = 1;
const BOUNCED = 2;
const NEEDS_CONFIRMATION = 4;

/** Whether an offer sends a physical product (a loop, not some() with a new closure per sale). */
function shipsSomething(pricePlan: PricePlan): boolean {
  for (const resource of pricePlan.resources) if (resource.type === 'physical_product') return true;
  return false;
}

/**
 * Which contact k of the world event `index` names: CONTACT_CREATED-like triggers register a new one;
 * others pick from the pool, a sale a buyer who holds what the checkout collected (a postal address
 * when the offer ships something). Journeys call it for their first step and keep the person.
 */
export function pickContactIndex(seed: string, index: number, effects: TriggerEffects, pricePlan: PricePlan | null): number {
  if (effects.registersContact === true) return CONTACT_POOL + index;
  const rng = eventRng(seed, index, 'contact-pick');
  let k = rng.int(0, CONTACT_POOL - 1);
  if (pricePlan !== null) {
    // A buyer holds what the checkout collected; a physical product also needs a postal address.
    const shipping = shipsSomething(pricePlan);
    for (let draw = 0; draw < BUYER_DRAWS; draw++) {
      const tier = fieldTier(seed, k);
      if (tier === 'shipping' || (!shipping && tier === 'checkout')) break;
      k = rng.int(0, CONTACT_POOL - 1);
    }
  }
  return k;
}

/** The offer the sale of event `index` sells when nothing pins it. */
export function pickPricePlan(seed: string, index: number): PricePlan {
  return eventRng(seed, index, 'offer').pick(accountFor(seed).pricePlans);
}

// The view of an item nothing changes per sale (no quantity, no store to name): one frozen object per
// account resource, so the byte renderer encodes it once (catalog/compile-template.ts, Form.unchanging).
const unchangingViews = new WeakMap<OfferResource, ResourceView>();

function unchangingViewOf(resource: OfferResource): ResourceView {
  let view = unchangingViews.get(resource);
  if (view === undefined) {
    view = Object.freeze({
      type: resource.type,
      accessType: resource.accessType,
      tag: resource.tag,
      course: resource.course,
      courseBundle: resource.courseBundle,
      physicalProduct: resource.physicalProduct,
      quantity: null,
    });
    unchangingViews.set(resource, view);
  }
  return view;
}

/** Builds the scope of one event. Entities are created lazily and memoized; `overrides` win. */
export function createEventScope(input: ScopeInput, overrides?: ScopeOverrides): EventScope {
  return new LazyEventScope(input, overrides);
}

const ENROLLMENT_ACCESS = ['full_access', 'full_access', 'partial_access', 'dripping_content'];
/** The standard VAT rate of a buyer's country (EU members), or none: see docs/world.md. */
function vatRateOf(countryCode: string): number {
  VAT_RATES ??= new Map(COUNTRIES.toReversed().map((country) => [country.code, country.facts.vatRate ?? 0]));
  return VAT_RATES.get(countryCode) ?? 0;
}
/** The first country of each code's rate (COUNTRIES.find's answer), by code. */
let VAT_RATES: Map<string, number> | undefined;
const PROCESSORS = weightTable([
  ['stripe', 6],
  ['paypal', 3],
] as const);
/** Draws before a sale gives up looking for a buyer of the right kind (35% and 15% of people qualify). */
const BUYER_DRAWS = 64;

// A class with getters rather than closures: one event builds one small object, which keeps the
// garbage collector out of the generate loop (measured: closures cost ~30% of the time in GC).
class LazyEventScope implements EventScope {
  readonly account: Account;
  private readonly input: ScopeInput;
  private readonly overrides: ScopeOverrides | undefined;
  private contactView: ContactView | undefined;
  private saleView: SaleView | undefined;
  private tagValue: Named | undefined;
  private planValue: PricePlan | undefined;
  private webinarView: WebinarView | undefined;
  private optinStepValue: FunnelStep | undefined;
  private visitedStepValue: FunnelStep | undefined;
  private blogPageValue: Account['blogPages'][number] | undefined;
  private courseValue: Course | undefined;
  private courseBundleValue: CourseBundle | undefined;
  private enrollmentValue: { readonly accessType: string } | undefined;
  private campaignValue: Course | undefined;
  private sentEmailValue: (Named & { readonly subject: string }) | undefined;
  private prefix: StreamPrefix | undefined;

  constructor(input: ScopeInput, overrides: ScopeOverrides | undefined) {
    this.input = input;
    this.overrides = overrides;
    this.account = accountFor(input.seed);
  }

  /** The stream `seed|index|entity`; the event's own prefix `seed|index|` is hashed once per event. */
  private rngFor(entity: string, index = this.input.index): Rng {
    if (index !== this.input.index) return eventRng(this.input.seed, index, entity);
    return (this.prefix ??= seedPrefix(this.input.seed).extendNumber(index)).rng(entity);
  }

  get event(): { readonly createdAt: string } {
    return { createdAt: atom(this.input.eventTimeMs) };
  }

  get tag(): Named {
    return (this.tagValue ??= this.overrides?.tag ?? this.rngFor('tag').pick(this.account.tags));
  }

  // One field per entity rather than a memo keyed by name with a closure per read: fewer allocations.
  get optinStep(): FunnelStep {
    return (this.optinStepValue ??= this.rngFor('optinStep').pick(this.account.stepsOfType('squeeze')));
  }

  get visitedStep(): FunnelStep {
    return (this.visitedStepValue ??= this.rngFor('visitedStep').pick(this.account.steps));
  }

  get blogPage(): Account['blogPages'][number] {
    return (this.blogPageValue ??= this.rngFor('blogPage').pick(this.account.blogPages));
  }

  get course(): Course {
    return (this.courseValue ??= this.overrides?.course ?? this.rngFor('course').pick(this.account.courses));
  }

  get courseBundle(): CourseBundle {
    return (this.courseBundleValue ??= this.rngFor('courseBundle').pick(this.account.bundles));
  }

  get enrollment(): { readonly accessType: string } {
    return (this.enrollmentValue ??= this.overrides?.enrollment ?? { accessType: this.rngFor('enrollment').pick(ENROLLMENT_ACCESS) });
  }

  get campaign(): Course {
    return (this.campaignValue ??= this.rngFor('campaign').pick(this.account.campaigns));
  }

  get sentEmail(): Named & { readonly subject: string } {
    if (this.sentEmailValue === undefined) {
      const rng = this.rngFor('sentEmail');
      this.sentEmailValue = { id: 30_000_000 + this.input.index * 5 + rng.int(0, 4), name: '', subject: rng.pick(this.account.subjects) };
    }
    return this.sentEmailValue;
  }

  get webinar(): WebinarView {
    if (this.webinarView === undefined) {
      const { eventTimeMs } = this.input;
      const rng = this.rngFor('webinar');
      const chosen = rng.pick(this.account.webinars);
      // Sessions start on the hour or half hour, from two hours to three days after registering.
      const scheduledMs = scheduleWebinar(rng, eventTimeMs, this.account.timeZone);
      // Spelled out rather than spread (a spread here was a tenth of the event's time).
      this.webinarView = {
        id: chosen.id,
        duration: chosen.duration,
        funnelStep: chosen.funnelStep,
        registeredAt: atom(eventTimeMs),
        scheduledAt: atom(scheduledMs),
      };
    }
    return this.webinarView;
  }

  get contact(): ContactView {
    return (this.contactView ??= this.overrides?.contact ?? this.buildContact());
  }

  get sale(): SaleView {
    return (this.saleView ??= this.buildSale());
  }

  /** The offer sold by the sale of this index (its own stream, so the buyer can be chosen to fit it). */
  private get pricePlan(): PricePlan {
    const shared = this.overrides?.sale;
    return (this.planValue ??=
      (shared === undefined ? undefined : this.account.pricePlans.find((plan) => plan.id === shared.pricePlanId)) ??
      this.rngFor('offer', shared?.index).pick(this.account.pricePlans));
  }

  private buildContact(): ContactView {
    const { seed, index, effects, eventTimeMs, worldNowMs } = this.input;
    const pinned = this.overrides?.person;
    let who: Person;
    if (pinned !== undefined) who = person(seed, pinned.k, worldNowMs, pinned.registeredMs);
    else if (effects.registersContact === true) {
      // A new contact, from ids no other event uses, registered when the event happens.
      who = person(seed, CONTACT_POOL + index, worldNowMs, eventTimeMs);
    } else {
      who = person(seed, pickContactIndex(seed, index, effects, effects.sale === undefined ? null : this.pricePlan), worldNowMs);
    }
    const change = effects.tag === undefined ? null : { tag: this.tag, effect: effects.tag };
    return new WorldContactView(seed, who, this.account, change);
  }

  /** The order's items: a physical product's quantity is drawn per sale, and overrides name the store's tags and courses. */
  private resourcesOf(pricePlan: PricePlan, rng: Rng): ResourceView[] {
    // Spelled out rather than spread: object spread here cost a tenth of building a sale.
    return pricePlan.resources.map((resource) =>
      this.overrides === undefined && resource.type !== 'physical_product'
        ? unchangingViewOf(resource)
        : {
            type: resource.type,
            accessType: resource.accessType,
            tag: this.overrides === undefined ? resource.tag : listedOr(resource.tag, this.overrides.tags, this.account.tags),
            course:
              this.overrides === undefined ? resource.course : listedOr(resource.course, this.overrides.courses, this.account.courses),
            courseBundle: resource.courseBundle,
            physicalProduct: resource.physicalProduct,
            quantity: resource.type === 'physical_product' ? rng.int(1, 3) : null,
          },
    );
  }

  private buildSale(): SaleView {
    const { seed, effects, eventTimeMs } = this.input;
    const shared = this.overrides?.sale;
    const index = shared?.index ?? this.input.index;
    const rng = this.rngFor('sale', index);
    const who = this.contact;
    const pricePlan = this.pricePlan;
    const physical = shipsSomething(pricePlan);
    // One order per index: SALE_NEW #i, customer.sale.completed #i and SALE_CANCELED #i describe it alike.
    const delays = saleDelays(seed, index);
    const saleMs = shared?.atMs ?? (effects.sale === 'cancel' ? eventTimeMs - delays.cancelMs : eventTimeMs);
    const orderMs = saleMs - delays.orderSeconds * SECOND;
    const orderAt = atom(Math.floor(orderMs / SECOND) * SECOND);
    const couponSource = rng.chance(0.25) ? rng.pick(this.account.coupons) : null;
    const expiresInDays = rng.int(1, 90);
    const coupon =
      couponSource === null
        ? null
        : {
            id: couponSource.id,
            innerName: couponSource.innerName,
            code: couponSource.code,
            discountAmount: couponSource.discountAmount,
            discountType: couponSource.discountType,
            expirationDate: rng.chance(0.5) ? null : atom(Math.floor((saleMs + expiresInDays * DAY) / DAY) * DAY),
            limitOfUse: couponSource.limitOfUse,
          };
    const discount =
      coupon === null
        ? null
        : coupon.discountType === 'percent'
          ? Math.round((pricePlan.amount * coupon.discountAmount) / 100)
          : Math.min(coupon.discountAmount, pricePlan.amount);
    const shippingFee = physical && rng.chance(0.5) ? rng.pick([490, 590, 790, 990]) : null;
    const totalPrice = pricePlan.amount - (discount ?? 0) + (shippingFee ?? 0);
    // Prices include VAT; the VAT inside them is the buyer's country's rate, in whole cents (see docs/world.md).
    const vatRate = this.account.vatRegistered ? vatRateOf(who.country) : 0;
    const vat = vatRate === 0 ? 0 : Math.round(totalPrice - totalPrice / (1 + vatRate));
    // The checkout's fields are the contact's: a checkout writes what it collects onto the contact.
    const fields = who.fieldsBySlug;
    const processor = physical && rng.chance(0.3) ? 'cash on delivery' : rng.weighted(PROCESSORS);
    return {
      customer: {
        id: who.customerId,
        paymentProcessor: processor,
        clientIp: who.clientIp,
        sourceUrl: `https://${this.account.subdomain}.systeme.io/${rng.hex(8)}`,
        automationFields: fields,
        webhooksFields: fields,
      },
      funnelStep: pricePlan.funnelStep,
      pricePlan,
      order: {
        id: 12_000_000 + index * 7 + rng.int(0, 6),
        createdAt: orderAt,
        discountAmount: discount,
        discountType: coupon?.discountType ?? null,
        shippingFee,
        totalPrice,
        vat,
      },
      orderItem: {
        id: 15_000_000 + index * 9 + rng.int(0, 8),
        createdAt: orderAt,
        resources: this.resourcesOf(pricePlan, rng),
      },
      coupon,
    };
  }
}
