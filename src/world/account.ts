import { toAsciiWord } from './ascii-word.js';
import { pickCountry, pickFirstName, pickLastName, type Country } from './countries.js';
import { Rng, streamKey } from './random.js';
import { fillTopic, WORDS, type Language, type StepType } from './vocabulary.js';

/**
 * One systeme.io account, derived from the seed alone: its funnels and steps, offers and price plans,
 * tags, courses, bundles, campaigns, webinars, blogs, products and coupons. Every event of a run picks
 * from these, so a run reads like the traffic of one real account. Ids sit in the magnitudes systeme.io
 * showed in 2021 (SEED) and 2026 (CAP).
 */
export interface Named {
  readonly id: number;
  readonly name: string;
}

export interface FunnelStep extends Named {
  readonly type: StepType;
  readonly funnel: Named;
}

export interface Course extends Named {
  readonly description: string | null;
}

export interface CourseBundle extends Named {
  readonly firstActiveCourse: Course | null;
}

export interface Subscription {
  readonly interval: 'day' | 'week' | 'month' | 'year';
  readonly intervalCount: number;
  readonly trialPeriod: number | null;
  readonly trialInterval: 'day' | 'week' | 'month' | null;
  readonly limitOfPayments: number | null;
}

export type ResourceType = 'systemeio_tag' | 'membership_course' | 'course_bundle' | 'physical_product';

export interface OfferResource {
  readonly type: ResourceType;
  readonly accessType: string | null;
  readonly tag: Named | null;
  readonly course: Course | null;
  readonly courseBundle: Named | null;
  readonly physicalProduct: Named | null;
}

export interface PricePlan extends Named {
  readonly innerName: string;
  readonly type: 'one_shot' | 'subscription';
  readonly amount: number;
  readonly currency: string;
  readonly subscription: Subscription | null;
  readonly statementDescriptor: string;
  readonly funnelStep: FunnelStep;
  readonly resources: readonly OfferResource[];
}

export interface Coupon {
  readonly id: number;
  readonly innerName: string;
  readonly code: string;
  readonly discountAmount: number;
  readonly discountType: 'percent' | 'fixed';
  readonly expirationDate: string | null;
  readonly limitOfUse: number | null;
}

export interface Webinar {
  readonly id: number;
  readonly duration: string;
  readonly funnelStep: FunnelStep;
}

export interface BlogPage extends Named {
  readonly blog: Named;
}

export interface Account {
  readonly email: string;
  readonly subdomain: string;
  readonly language: Language;
  readonly currency: string;
  /** The owner's time zone (IANA): webinars start in its working hours. */
  readonly timeZone: string;
  /**
   * Whether the business charges VAT. Many small creators sell under a VAT exemption threshold (France's
   * franchise en base): their sales carry `vat: 0.0`. Assumed share: 70% registered (docs/world.md).
   */
  readonly vatRegistered: boolean;
  readonly steps: readonly FunnelStep[];
  readonly tags: readonly Named[];
  readonly courses: readonly Course[];
  readonly bundles: readonly CourseBundle[];
  readonly campaigns: readonly Course[];
  readonly webinars: readonly Webinar[];
  readonly blogPages: readonly BlogPage[];
  readonly pricePlans: readonly PricePlan[];
  readonly coupons: readonly Coupon[];
  readonly subjects: readonly string[];
  stepsOfType(type: StepType): readonly FunnelStep[];
}

const ACCESS_TYPES = ['full_access', 'full_access', 'full_access', 'partial_access', 'dripping_content'] as const;
const TAG_NAMES = ['Client', 'Prospect', 'Lead magnet', 'VIP', 'Newsletter', 'Acheteur', 'Webinaire', 'Abonné·e', '🔥 Hot lead', 'Panier abandonné', 'Affilié'];
const ONE_SHOT_PRICES = [700, 900, 1700, 2700, 3700, 4700, 9700, 14700, 19700, 29700, 49700, 99700, 583, 1990, 4990];
const MONTHLY_PRICES = [900, 1900, 2900, 3900, 4900, 9700];
const YEARLY_PRICES = [9700, 19000, 29000, 49000];

function slug(text: string): string {
  return toAsciiWord(text).slice(0, 20);
}

/** Unique ids in a range: a base, then strides with jitter, so two entities never share one. */
function idMaker(rng: Rng, min: number, max: number): () => number {
  let next = rng.int(min, max);
  return () => {
    next += rng.int(1, 97);
    return next;
  };
}

const accounts = new Map<string, Account>();

/** The account of a seed, built once and cached. */
export function accountFor(seed: string): Account {
  let account = accounts.get(seed);
  if (account === undefined) {
    if (accounts.size > 64) accounts.clear();
    account = buildAccount(seed);
    accounts.set(seed, account);
  }
  return account;
}

function buildAccount(seed: string): Account {
  const rng = new Rng(streamKey(seed, 'account'));
  const owner: Country = rng.chance(0.5) ? pickCountry(rng) : pickFrance(rng);
  const language = owner.language;
  const words = WORDS[language];
  const first = pickFirstName(rng, owner);
  const last = pickLastName(rng, owner);
  const topics = rng.shuffle(words.topics).slice(0, 4);
  const mainTopic = topics[0]!;
  const subdomain = slug(`${first}${last}`) || 'monbusiness';
  const email = rng.chance(0.6) ? `${slug(first)}@${subdomain}.com` : `${slug(first)}.${slug(last)}@gmail.com`;
  const currency = owner.currency;
  const vatRegistered = rng.chance(0.7);

  const funnelId = idMaker(rng, 6_000_000, 7_900_000);
  const stepId = idMaker(rng, 20_000_000, 26_000_000);
  const steps: FunnelStep[] = [];
  const funnelKinds: StepType[][] = [
    ['squeeze', 'opt_in_thank_you_page'],
    ['sales_page', 'offer-form', 'upsell', 'thank_you_page'],
    ['webinar_registration', 'webinar_thank_you'],
    ['squeeze', 'opt_in_thank_you_page', 'sales_page', 'offer-form', 'thank_you_page'],
  ];
  for (const [i, kinds] of funnelKinds.entries()) {
    const topic = topics[i % topics.length]!;
    const funnel = { id: funnelId(), name: fillTopic(rng.pick(words.funnels), topic) };
    for (const type of kinds) steps.push({ id: stepId(), name: rng.pick(words.steps[type]), type, funnel });
  }
  const stepsOfType = (type: StepType): readonly FunnelStep[] => steps.filter((step) => step.type === type);

  const tagId = idMaker(rng, 300_000, 1_400_000);
  const tags: Named[] = TAG_NAMES.filter(() => rng.chance(0.6)).map((name) => ({ id: tagId(), name }));
  tags.push({ id: tagId(), name: `${owner.code}-Client-${rng.pattern('?????')}-${rng.int(1, 9)}` });
  for (const topic of topics.slice(0, 2)) tags.push({ id: tagId(), name: fillTopic('{topic}', topic) });

  const courseId = idMaker(rng, 40_000, 190_000);
  const courses: Course[] = topics.map((topic) => ({
    id: courseId(),
    name: fillTopic(rng.pick(words.courses), topic),
    description: rng.chance(0.5) ? null : fillTopic(rng.pick(words.descriptions), topic),
  }));
  const bundleId = idMaker(rng, 6_000, 30_000);
  const bundles: CourseBundle[] = topics.slice(0, 3).map((topic, i) => ({
    id: bundleId(),
    name: fillTopic(rng.pick(words.bundles), topic),
    firstActiveCourse: i % 2 === 0 ? null : courses[i]!,
  }));
  const campaignId = idMaker(rng, 80_000, 300_000);
  const campaigns: Course[] = words.campaigns.map((pattern) => ({
    id: campaignId(),
    name: fillTopic(pattern, rng.pick(topics)),
    description: rng.chance(0.5) ? null : fillTopic(rng.pick(words.descriptions), rng.pick(topics)),
  }));
  const webinarId = idMaker(rng, 50_000, 120_000);
  const webinars: Webinar[] = stepsOfType('webinar_registration').map((step) => ({
    id: webinarId(),
    duration: rng.pick(['3600', '5400', '7200', '7200', '10800']),
    funnelStep: step,
  }));
  const blog = { id: rng.int(30_000, 90_000), name: fillTopic(rng.pick(words.blogs), mainTopic) };
  const pageId = idMaker(rng, 2_000_000, 7_000_000);
  const blogPages: BlogPage[] = words.blogPages.map((name) => ({ id: pageId(), name, blog }));

  const productId = idMaker(rng, 150_000, 200_000);
  const products: Named[] = topics.slice(0, 2).map((topic) => ({ id: productId(), name: fillTopic(rng.pick(words.physical), topic) }));

  const planId = idMaker(rng, 3_000_000, 3_600_000);
  const orderSteps = stepsOfType('offer-form');
  const upsells = stepsOfType('upsell');
  const pricePlans: PricePlan[] = [];
  // One offer per kind of resource, then extra one-shot and subscription offers, so every resource type
  // and both plan types occur in every account.
  const offerKinds: ResourceType[][] = [
    ['systemeio_tag', 'membership_course'],
    ['membership_course'],
    ['course_bundle'],
    ['physical_product'],
    ['membership_course', 'systemeio_tag'],
    ['systemeio_tag'],
  ];
  for (const [i, kinds] of offerKinds.entries()) {
    const topic = topics[i % topics.length]!;
    const subscriptionOffer = i === 1 || i === 5;
    const name = fillTopic(rng.pick(words.products), topic);
    const resources: OfferResource[] = kinds.map((type) => ({
      type,
      accessType: type === 'membership_course' || type === 'course_bundle' ? rng.pick(ACCESS_TYPES) : null,
      tag: type === 'systemeio_tag' ? rng.pick(tags) : null,
      course: type === 'membership_course' ? courses[i % courses.length]! : null,
      courseBundle: type === 'course_bundle' ? rng.pick(bundles) : null,
      physicalProduct: type === 'physical_product' ? rng.pick(products) : null,
    }));
    const yearly = subscriptionOffer && rng.chance(0.3);
    const subscription: Subscription | null = subscriptionOffer
      ? {
          interval: yearly ? 'year' : 'month',
          intervalCount: 1,
          trialPeriod: rng.chance(0.4) ? rng.pick([7, 14, 30]) : null,
          trialInterval: null,
          limitOfPayments: rng.chance(0.3) ? rng.pick([3, 6, 12]) : null,
        }
      : null;
    const withTrial = subscription && subscription.trialPeriod !== null ? { ...subscription, trialInterval: 'day' as const } : subscription;
    pricePlans.push({
      id: planId(),
      name,
      innerName: rng.chance(0.7) ? name : `${name} (${rng.pick(['v2', 'promo', 'early bird', 'lancement'])})`,
      type: subscriptionOffer ? 'subscription' : 'one_shot',
      amount: subscriptionOffer ? rng.pick(yearly ? YEARLY_PRICES : MONTHLY_PRICES) : rng.pick(ONE_SHOT_PRICES),
      currency: rng.chance(0.85) ? currency : rng.pick(['usd', 'eur', 'gbp', 'chf', 'cad']),
      subscription: withTrial,
      statementDescriptor: rng.chance(0.7) ? '' : slug(subdomain).toUpperCase().slice(0, 22),
      funnelStep: i % 3 === 2 && upsells.length > 0 ? rng.pick(upsells) : rng.pick(orderSteps),
      resources,
    });
  }

  const couponId = idMaker(rng, 100_000, 900_000);
  const coupons: Coupon[] = ['BIENVENUE10', 'BLACKFRIDAY', 'VIP50', 'LANCEMENT'].map((code) => {
    const percent = rng.chance(0.6);
    return {
      id: couponId(),
      innerName: `${code.charAt(0)}${code.slice(1).toLowerCase()} ${rng.int(2024, 2026)}`,
      code: `${code}${rng.chance(0.5) ? String(rng.int(1, 99)) : ''}`,
      discountAmount: percent ? rng.pick([10, 15, 20, 30, 50]) : rng.pick([500, 1000, 2000]),
      discountType: percent ? 'percent' : 'fixed',
      expirationDate: null,
      limitOfUse: rng.chance(0.5) ? null : rng.pick([50, 100, 500]),
    };
  });

  const subjects = words.subjects.map((pattern) => fillTopic(pattern, rng.pick(topics)));
  return { email, subdomain, language, currency, timeZone: owner.facts.timeZone, vatRegistered, steps, tags, courses, bundles, campaigns, webinars, blogPages, pricePlans, coupons, subjects, stepsOfType };
}

function pickFrance(rng: Rng): Country {
  let country = pickCountry(rng);
  for (let i = 0; i < 32 && country.code !== 'FR'; i++) country = pickCountry(rng);
  return country;
}
