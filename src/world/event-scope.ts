import { formatAtomDate } from '../encode/atom-date.js';
import { accountFor, type Account, type Coupon, type Course, type CourseBundle, type FunnelStep, type Named, type OfferResource, type PricePlan, type Subscription } from './account.js';
import { computeUtcOffsetMs } from './local-time.js';
import { identify, person, type Person } from './people.js';
import { eventStreamKey, Rng, streamKey, weightTable } from './random.js';

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
    readonly automationFields: Readonly<Record<string, string>>;
    readonly webhooksFields: Readonly<Record<string, string>>;
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
  /** The trigger's wire name: tag events adjust the contact's tags, CONTACT_CREATED its registration. */
  wireName: string;
  eventTimeMs: number;
  /** The world's clock (event 0): contacts registered before it, so they precede every event. */
  worldNowMs: number;
}

/** How many distinct people the world holds; events pick among them, so some contacts come back. */
const CONTACT_POOL = 1_000_000;
const DAY = 86_400_000;
const FIELD_NAMES: Readonly<Record<string, string>> = {
  first_name: 'First name',
  surname: 'Surname',
  phone_number: 'Phone number',
  country: 'Country',
  city: 'City',
  postcode: 'Postcode',
  street_address: 'Street address',
};

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

function atom(ms: number): string {
  return formatAtomDate(ms);
}

/** Builds the scope of one event. Entities are created lazily and memoized. */
export function createEventScope(input: ScopeInput): EventScope {
  return new LazyEventScope(input);
}

const TAG_ADDED = new Set(['CONTACT_TAG_ADDED', 'contact.tag.added']);
const TAG_REMOVED = new Set(['CONTACT_TAG_REMOVED', 'contact.tag.removed']);
const UTM_SOURCES = ['facebook', 'instagram', 'youtube', 'newsletter', 'google'];
const ENROLLMENT_ACCESS = ['full_access', 'full_access', 'partial_access', 'dripping_content'];
const PROCESSORS = weightTable([['stripe', 6], ['paypal', 3]] as const);

// A class with getters rather than closures: one event builds one small object, which keeps the
// garbage collector out of the generate loop (measured: closures cost ~30% of the time in GC).
class LazyEventScope implements EventScope {
  readonly account: Account;
  private readonly input: ScopeInput;
  private contactView: ContactView | undefined;
  private personValue: Person | undefined;
  private saleView: SaleView | undefined;
  private tagValue: Named | undefined;
  private webinarView: WebinarView | undefined;
  private memo: Record<string, unknown> | undefined;

  constructor(input: ScopeInput) {
    this.input = input;
    this.account = accountFor(input.seed);
  }

  private rngFor(entity: string): Rng {
    return new Rng(eventStreamKey(this.input.seed, this.input.index, entity));
  }

  private remember<T>(name: string, build: () => T): T {
    this.memo ??= {};
    if (!(name in this.memo)) this.memo[name] = build();
    return this.memo[name] as T;
  }

  get event(): { readonly createdAt: string } {
    return { createdAt: atom(this.input.eventTimeMs) };
  }

  get tag(): Named {
    return (this.tagValue ??= this.rngFor('tag').pick(this.account.tags));
  }

  get optinStep(): FunnelStep {
    return this.remember('optinStep', () => this.rngFor('optinStep').pick(this.account.stepsOfType('squeeze')));
  }

  get visitedStep(): FunnelStep {
    return this.remember('visitedStep', () => this.rngFor('visitedStep').pick(this.account.steps));
  }

  get blogPage(): Account['blogPages'][number] {
    return this.remember('blogPage', () => this.rngFor('blogPage').pick(this.account.blogPages));
  }

  get course(): Course {
    return this.remember('course', () => this.rngFor('course').pick(this.account.courses));
  }

  get courseBundle(): CourseBundle {
    return this.remember('courseBundle', () => this.rngFor('courseBundle').pick(this.account.bundles));
  }

  get enrollment(): { readonly accessType: string } {
    return this.remember('enrollment', () => ({ accessType: this.rngFor('enrollment').pick(ENROLLMENT_ACCESS) }));
  }

  get campaign(): Course {
    return this.remember('campaign', () => this.rngFor('campaign').pick(this.account.campaigns));
  }

  get sentEmail(): Named & { readonly subject: string } {
    return this.remember('sentEmail', () => {
      const rng = this.rngFor('sentEmail');
      return { id: 30_000_000 + this.input.index * 5 + rng.int(0, 4), name: '', subject: rng.pick(this.account.subjects) };
    });
  }

  get webinar(): WebinarView {
    if (this.webinarView === undefined) {
      const { eventTimeMs } = this.input;
      const rng = this.rngFor('webinar');
      const chosen = rng.pick(this.account.webinars);
      const scheduledMs = scheduleWebinar(rng, eventTimeMs, this.account.timeZone);
      this.webinarView = { ...chosen, registeredAt: atom(eventTimeMs), scheduledAt: atom(scheduledMs) };
    }
    return this.webinarView;
  }

  get contact(): ContactView {
    return (this.contactView ??= this.buildContact());
  }

  get sale(): SaleView {
    return (this.saleView ??= this.buildSale());
  }

  private buildContact(): ContactView {
    const { seed, wireName, eventTimeMs, worldNowMs } = this.input;
    const account = this.account;
    const who = person(seed, this.rngFor('contact-pick').int(0, CONTACT_POOL - 1));
    this.personValue = who;
    const rng = who.rng;
    const withFields = rng.chance(0.65);
    const bySlug: Record<string, string> = {};
    if (withFields) {
      bySlug['first_name'] = who.firstName;
      bySlug['surname'] = who.lastName;
      if (rng.chance(0.3)) bySlug['phone_number'] = who.phone;
      if (rng.chance(0.3)) bySlug['country'] = who.country.code;
    }
    const referrer = rng.chance(0.2) ? identify(seed, rng.int(0, CONTACT_POOL - 1)) : null;
    const ownTags = pickDistinct(rng, account.tags, rng.int(0, 3));
    let tags: Named[] = ownTags;
    if (TAG_ADDED.has(wireName)) {
      const added = this.tag;
      tags = [...ownTags.filter((t) => t.id !== added.id), added];
    } else if (TAG_REMOVED.has(wireName)) {
      const removed = this.tag;
      tags = ownTags.filter((t) => t.id !== removed.id);
    }
    const registeredMs = wireName === 'CONTACT_CREATED' ? eventTimeMs : worldNowMs - rng.int(1, 900) * DAY - rng.int(0, DAY - 1);
    const hex = rng.hex(8);
    // Contacts added by hand, by import or through the API have no source URL.
    const sourceUrl = rng.chance(0.1)
      ? null
      : rng.chance(0.5)
        ? `https://${account.subdomain}.systeme.io/${hex}`
        : `https://${account.subdomain}.systeme.io/${hex}?utm_source=${rng.pick(UTM_SOURCES)}`;
    const fieldList: ContactField[] = [];
    for (const slug in bySlug) fieldList.push({ fieldName: FIELD_NAMES[slug] ?? slug, slug, value: bySlug[slug]! });
    return {
      id: who.id,
      email: who.email,
      firstName: who.firstName,
      lastName: who.lastName,
      country: who.country.code,
      locale: who.country.language,
      fieldsBySlug: withFields ? bySlug : [],
      fieldList,
      ip: rng.chance(0.5) ? who.ip : null,
      referredByContactId: referrer?.id ?? null,
      referredByContactEmail: referrer?.email ?? null,
      registeredAt: atom(Math.floor(registeredMs / 1000) * 1000),
      sourceUrl,
      unsubscribed: rng.chance(0.05),
      bounced: rng.chance(0.03),
      needsConfirmation: rng.chance(0.1),
      tags,
    };
  }

  private buildSale(): SaleView {
    const { index, wireName, eventTimeMs } = this.input;
    const account = this.account;
    const rng = this.rngFor('sale');
    const who = this.contact;
    const buyer = this.personValue!;
    const pricePlan = rng.pick(account.pricePlans);
    const physical = pricePlan.resources.some((r) => r.type === 'physical_product');
    // Both draws happen for every trigger, so SALE_NEW #i and SALE_CANCELED #i describe the same sale.
    const daysBefore = rng.int(1, 60);
    const secondsBefore = rng.int(2, 30);
    // A cancellation describes a sale made days before; a new sale was ordered seconds before the event.
    const orderMs = (wireName === 'SALE_CANCELED' ? eventTimeMs - daysBefore * DAY : eventTimeMs) - secondsBefore * 1000;
    const orderAt = atom(Math.floor(orderMs / 1000) * 1000);
    const couponSource = rng.chance(0.25) ? rng.pick(account.coupons) : null;
    const expiresInDays = rng.int(1, 90);
    const coupon =
      couponSource === null
        ? null
        : { ...couponSource, expirationDate: rng.chance(0.5) ? null : atom(Math.floor((eventTimeMs + expiresInDays * DAY) / DAY) * DAY) };
    const discount =
      coupon === null
        ? null
        : coupon.discountType === 'percent'
          ? Math.round((pricePlan.amount * coupon.discountAmount) / 100)
          : Math.min(coupon.discountAmount, pricePlan.amount);
    const shippingFee = physical && rng.chance(0.5) ? rng.pick([490, 590, 790, 990]) : null;
    const totalPrice = pricePlan.amount - (discount ?? 0) + (shippingFee ?? 0);
    // Prices include VAT; the VAT inside them is the buyer's country's rate, in whole cents (see docs/world.md).
    const vatRate = account.vatRegistered ? (buyer.country.facts.vatRate ?? 0) : 0;
    const vat = vatRate === 0 ? 0 : Math.round(totalPrice - totalPrice / (1 + vatRate));
    const { postcode, streetAddress: street, phone } = buyer;
    const city = buyer.place.city;
    const automationFields = {
      country: who.country,
      phone_number: phone,
      street_address: street,
      first_name: who.firstName,
      surname: who.lastName,
      postcode,
      city,
    };
    const webhooksFields: Record<string, string> = { first_name: who.firstName };
    if (rng.chance(0.7)) webhooksFields['surname'] = who.lastName;
    webhooksFields['country'] = who.country;
    webhooksFields['postcode'] = postcode;
    if (physical) {
      webhooksFields['city'] = city;
      webhooksFields['street_address'] = street;
      webhooksFields['phone_number'] = phone;
    }
    const processor = physical && rng.chance(0.3) ? 'cash on delivery' : rng.weighted(PROCESSORS);
    return {
      customer: {
        id: 12_000_000 + Math.floor(who.id / 40) + rng.int(0, 3),
        paymentProcessor: processor,
        clientIp: buyer.ip,
        sourceUrl: `https://${account.subdomain}.systeme.io/${rng.hex(8)}`,
        automationFields,
        webhooksFields,
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
        // Spelled out rather than spread: object spread here cost a tenth of building a sale.
        resources: pricePlan.resources.map((resource) => ({
          type: resource.type,
          accessType: resource.accessType,
          tag: resource.tag,
          course: resource.course,
          courseBundle: resource.courseBundle,
          physicalProduct: resource.physicalProduct,
          quantity: resource.type === 'physical_product' ? rng.int(1, 3) : null,
        })),
      },
      coupon,
    };
  }
}
