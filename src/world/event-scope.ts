import { formatAtomDate } from '../encode/atom-date.js';
import { toAsciiWord } from './ascii-word.js';
import { accountFor, type Account, type Coupon, type Course, type CourseBundle, type FunnelStep, type Named, type OfferResource, type PricePlan, type Subscription } from './account.js';
import { COUNTRIES, pickCity, pickCountry, pickFirstName, pickLastName, pickStreetAddress, type Country } from './countries.js';
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
  /** Entities this event shares with earlier ones (a journey's contact, its order, the course it grants). */
  pins?: ScopePins | undefined;
}

/**
 * What a journey carries from step to step. Each pin makes this event draw an entity as another event
 * drew it, so a journey's steps name one contact, one order and the course its offer grants.
 */
export interface ScopePins {
  /** Draw the contact as event `contactOf` did. */
  readonly contactOf?: number | undefined;
  /** Draw the sale (order, order item, customer) as event `saleOf` did... */
  readonly saleOf?: number | undefined;
  /** ...made at this time... */
  readonly saleAtMs?: number | undefined;
  /** ...of this price plan (the offer the journey sells). */
  readonly pricePlanId?: number | undefined;
  /** The course of a course event (the course the journey's offer grants). */
  readonly courseId?: number | undefined;
}

/** How many distinct people the world holds; events pick among them, so some contacts come back. */
const CONTACT_POOL = 1_000_000;
const DAY = 86_400_000;
const PUBLIC_FIRST_OCTETS = [2, 5, 31, 37, 46, 77, 78, 80, 81, 82, 83, 84, 86, 88, 89, 90, 91, 92, 93, 94, 109, 176, 178, 185, 188, 193, 212, 213, 217];
const FIELD_NAMES: Readonly<Record<string, string>> = {
  first_name: 'First name',
  surname: 'Surname',
  phone_number: 'Phone number',
  country: 'Country',
  city: 'City',
  postcode: 'Postcode',
  street_address: 'Street address',
};

function ipv4(rng: Rng): string {
  return `${rng.pick(PUBLIC_FIRST_OCTETS)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

// Names come from finite lists, so their e-mail forms are worth keeping (normalize() is slow).
const localParts = new Map<string, string>();

function emailLocalPart(text: string): string {
  let local = localParts.get(text);
  if (local === undefined) {
    local = toEmailLocalPart(text);
    if (localParts.size < 50_000) localParts.set(text, local);
  }
  return local;
}

function toEmailLocalPart(text: string): string {
  return toAsciiWord(text.toLowerCase().replace(/ß/g, 'ss'));
}

interface Person {
  readonly k: number;
  readonly id: number;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly country: Country;
  readonly rng: Rng;
}

/** Contact k of the world: the same person, id and email in every event that picks k. */
function person(seed: string, k: number): Person {
  const rng = new Rng(streamKey(seed, 'contact', k));
  const country = pickCountry(rng);
  const firstName = pickFirstName(rng, country);
  const lastName = pickLastName(rng, country);
  const first = emailLocalPart(firstName) || 'contact';
  const last = emailLocalPart(lastName) || String(k);
  const domain = rng.pick(country.emailDomains);
  // A number keeps emails unique across the pool (a store of contacts rejects duplicates, as systeme.io does).
  const style = rng.int(0, 3);
  const local =
    style === 0 ? `${first}.${last}.${k}` : style === 1 ? `${first}${last}${k}` : style === 2 ? `${first.charAt(0)}.${last}${k}` : `${first}_${last}${k}`;
  // Ids: unique per k (a stride of 16 with jitter), in the 2026 magnitude (CAP: 445573087).
  const id = 400_000_000 + k * 16 + rng.int(0, 15);
  return { k, id, email: `${local}@${domain}`, firstName, lastName, country, rng };
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
const VAT_RATES = weightTable([[0, 6], [0.2, 3], [0.055, 1]] as const);
const PROCESSORS = weightTable([['stripe', 6], ['paypal', 3]] as const);

// A class with getters rather than closures: one event builds one small object, which keeps the
// garbage collector out of the generate loop (measured: closures cost ~30% of the time in GC).
class LazyEventScope implements EventScope {
  readonly account: Account;
  private readonly input: ScopeInput;
  private contactView: ContactView | undefined;
  private saleView: SaleView | undefined;
  private tagValue: Named | undefined;
  private webinarView: WebinarView | undefined;
  private memo: Record<string, unknown> | undefined;

  constructor(input: ScopeInput) {
    this.input = input;
    this.account = accountFor(input.seed);
  }

  private rngFor(entity: string, index = this.input.index): Rng {
    return new Rng(eventStreamKey(this.input.seed, index, entity));
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
    return this.remember('course', () => {
      const pinned = this.input.pins?.courseId;
      const course = pinned === undefined ? undefined : this.account.courses.find((candidate) => candidate.id === pinned);
      return course ?? this.rngFor('course').pick(this.account.courses);
    });
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
      // Sessions start on the hour or half hour, from two hours to three days after registering.
      const slot = 30 * 60_000;
      const scheduledMs = Math.ceil((eventTimeMs + rng.int(2, 72) * 3_600_000) / slot) * slot;
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
    const who = person(seed, this.rngFor('contact-pick', this.input.pins?.contactOf).int(0, CONTACT_POOL - 1));
    const rng = who.rng;
    const withFields = rng.chance(0.65);
    const bySlug: Record<string, string> = {};
    if (withFields) {
      bySlug['first_name'] = who.firstName;
      bySlug['surname'] = who.lastName;
      if (rng.chance(0.3)) bySlug['phone_number'] = rng.pattern(rng.pick(who.country.phones));
      if (rng.chance(0.3)) bySlug['country'] = who.country.code;
    }
    const referrer = rng.chance(0.2) ? person(seed, rng.int(0, CONTACT_POOL - 1)) : null;
    const ownTags = rng.shuffle(account.tags).slice(0, rng.int(0, 3));
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
      ip: rng.chance(0.5) ? ipv4(rng) : null,
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
    const { wireName, eventTimeMs, pins } = this.input;
    const index = pins?.saleOf ?? this.input.index;
    const account = this.account;
    const rng = this.rngFor('sale', index);
    const who = this.contact;
    const drawnPlan = rng.pick(account.pricePlans);
    const pricePlan = (pins?.pricePlanId === undefined ? undefined : account.pricePlans.find((plan) => plan.id === pins.pricePlanId)) ?? drawnPlan;
    const physical = pricePlan.resources.some((r) => r.type === 'physical_product');
    const country = COUNTRIES.find((c) => c.code === who.country && c.language === who.locale) ?? COUNTRIES[0]!;
    // Both draws happen for every trigger, so SALE_NEW #i and SALE_CANCELED #i describe the same sale.
    const daysBefore = rng.int(1, 60);
    const secondsBefore = rng.int(2, 30);
    // A cancellation describes a sale made days before; a new sale was ordered seconds before the event.
    const orderMs =
      pins?.saleAtMs !== undefined
        ? pins.saleAtMs - secondsBefore * 1000
        : (wireName === 'SALE_CANCELED' ? eventTimeMs - daysBefore * DAY : eventTimeMs) - secondsBefore * 1000;
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
    const vatRate = rng.weighted(VAT_RATES);
    const vat = vatRate === 0 ? 0 : Math.round((totalPrice - totalPrice / (1 + vatRate)) * 100) / 100;
    const postcode = rng.pattern(rng.pick(country.postcodes));
    const city = pickCity(rng, country);
    const street = pickStreetAddress(rng, country);
    const phone = rng.pattern(rng.pick(country.phones));
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
        clientIp: who.ip ?? ipv4(rng),
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
