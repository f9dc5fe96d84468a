import { toAsciiWord } from './ascii-word.js';
import { pickCountry, pickFirstName, pickLastName, type Country } from './countries.js';
import { Rng, streamKey } from './random.js';
import { fillTopic, WORDS, type Language, type StepType, type Topic } from './vocabulary.js';

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
    account = deepFreeze(buildAccount(seed));
    accounts.set(seed, account);
  }
  return account;
}

/**
 * An account never changes once built, and says so: frozen, its objects too. The byte renderer then
 * encodes an object of it (an offer, a funnel step) once and copies those bytes for every later event
 * (catalog/compile-template.ts, Form.unchanging); anything writing to it fails loudly instead.
 */
function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}

function buildAccount(seed: string): Account {
  const rng = new Rng(streamKey(seed, 'account'));
  const owner: Country = rng.chance(0.5) ? pickCountry(rng) : pickFrance(rng);
  const language = owner.language;
  const words = WORDS[language];
  const first = pickFirstName(rng, owner);
  const last = pickLastName(rng, owner);
  // A real account works a handful of topics: every funnel, offer, course and tag is about one of them.
  const topics = rng.shuffle(words.topics).slice(0, rng.int(5, 7));
  const mainTopic = topics[0]!;
  const subdomain = slug(`${first}${last}`) || 'monbusiness';
  const email = rng.chance(0.6) ? `${slug(first)}@${subdomain}.com` : `${slug(first)}.${slug(last)}@gmail.com`;
  const currency = owner.currency;
  const vatRegistered = rng.chance(0.7);
  const fill = (patterns: readonly string[], topic: Topic) => fillTopic(rng.pick(patterns), topic);
  const distinct = (patterns: readonly string[], topic: Topic, count: number) =>
    rng
      .shuffle(patterns)
      .slice(0, count)
      .map((pattern) => fillTopic(pattern, topic));

  // Per topic: a sales funnel, most often an opt-in funnel, sometimes a webinar funnel (at least one).
  const funnelId = idMaker(rng, 6_000_000, 7_900_000);
  const stepId = idMaker(rng, 20_000_000, 26_000_000);
  const steps: FunnelStep[] = [];
  const salesSteps = new Map<Topic, FunnelStep[]>();
  const addFunnel = (name: string, kinds: readonly StepType[]): FunnelStep[] => {
    const funnel = { id: funnelId(), name };
    const made = kinds.map((type) => ({ id: stepId(), name: rng.pick(words.steps[type]), type, funnel }));
    steps.push(...made);
    return made;
  };
  const webinarTopics = topics.filter((_, i) => i === 0 || rng.chance(0.5));
  for (const topic of topics) {
    const kinds: StepType[] = rng.chance(0.5)
      ? ['squeeze', 'opt_in_thank_you_page', 'sales_page', 'offer-form', 'upsell', 'thank_you_page']
      : ['sales_page', 'offer-form', 'thank_you_page'];
    salesSteps.set(topic, addFunnel(fill(words.salesFunnels, topic), kinds));
    if (rng.chance(0.7)) addFunnel(fill(words.optinFunnels, topic), ['squeeze', 'opt_in_thank_you_page']);
    if (webinarTopics.includes(topic)) addFunnel(fill(words.webinarFunnels, topic), ['webinar_registration', 'webinar_thank_you']);
  }
  const stepsOfType = (type: StepType): readonly FunnelStep[] => steps.filter((step) => step.type === type);

  // Tags in the account's language: most of the usual ones, then three per topic.
  const tagId = idMaker(rng, 300_000, 1_400_000);
  const tags: Named[] = words.tags.filter(() => rng.chance(0.75)).map((name) => ({ id: tagId(), name }));
  const topicTags = new Map<Topic, Named[]>();
  for (const topic of topics) {
    const own = words.topicTags.map((pattern) => ({ id: tagId(), name: fillTopic(pattern, topic) }));
    topicTags.set(topic, own);
    tags.push(...own);
  }

  const courseId = idMaker(rng, 40_000, 190_000);
  const topicCourses = new Map<Topic, Course[]>();
  const courses: Course[] = [];
  for (const topic of topics) {
    const made = distinct(words.courses, topic, rng.int(1, 2)).map((name) => ({
      id: courseId(),
      name,
      description: rng.chance(0.4) ? null : fill(words.descriptions, topic),
    }));
    topicCourses.set(topic, made);
    courses.push(...made);
  }
  const bundleId = idMaker(rng, 6_000, 30_000);
  const topicBundles = new Map<Topic, CourseBundle>();
  for (const topic of topics) {
    const own = topicCourses.get(topic)!;
    topicBundles.set(topic, { id: bundleId(), name: fill(words.bundles, topic), firstActiveCourse: rng.chance(0.5) ? null : own[0]! });
  }
  const bundles = [...topicBundles.values()];
  const campaignId = idMaker(rng, 80_000, 300_000);
  const campaignNames = [...words.campaigns, ...topics.flatMap((topic) => distinct(words.topicCampaigns, topic, rng.int(1, 2)))];
  const campaigns: Course[] = campaignNames.map((name) => ({
    id: campaignId(),
    name,
    description: rng.chance(0.5) ? null : fill(words.descriptions, rng.pick(topics)),
  }));
  const webinarId = idMaker(rng, 50_000, 120_000);
  const webinars: Webinar[] = stepsOfType('webinar_registration').map((step) => ({
    id: webinarId(),
    duration: rng.pick(['3600', '5400', '7200', '7200', '10800']),
    funnelStep: step,
  }));
  const blog = { id: rng.int(30_000, 90_000), name: fill(words.blogs, mainTopic) };
  const pageId = idMaker(rng, 2_000_000, 7_000_000);
  const blogPages: BlogPage[] = words.blogPages.map((name) => ({ id: pageId(), name, blog }));

  const productId = idMaker(rng, 150_000, 200_000);
  const topicProducts = new Map<Topic, Named[]>();
  for (const topic of topics)
    topicProducts.set(
      topic,
      distinct(words.physical, topic, rng.int(1, 2)).map((name) => ({ id: productId(), name })),
    );

  const planId = idMaker(rng, 3_000_000, 3_600_000);
  const pricePlans: PricePlan[] = [];
  // The first topic's offers cover every kind of resource and both plan types, so every account has them;
  // the other topics get three to six offers of their own. An offer is sold in its topic's sales funnel.
  const ALL_KINDS: ResourceType[][] = [
    ['systemeio_tag', 'membership_course'],
    ['membership_course'],
    ['course_bundle'],
    ['physical_product'],
    ['membership_course', 'systemeio_tag'],
    ['systemeio_tag'],
  ];
  for (const [t, topic] of topics.entries()) {
    const names = rng.shuffle(words.products);
    const count = t === 0 ? ALL_KINDS.length : rng.int(3, 6);
    const funnelSteps = salesSteps.get(topic)!;
    const orderForm = funnelSteps.find((step) => step.type === 'offer-form')!;
    const upsell = funnelSteps.find((step) => step.type === 'upsell');
    for (let i = 0; i < count; i++) {
      const kinds = t === 0 ? ALL_KINDS[i]! : rng.pick(ALL_KINDS);
      const subscriptionOffer = t === 0 ? i === 1 || i === 5 : rng.chance(0.25);
      const name = fillTopic(names[i % names.length]!, topic);
      const resources: OfferResource[] = kinds.map((type) => ({
        type,
        accessType: type === 'membership_course' || type === 'course_bundle' ? rng.pick(ACCESS_TYPES) : null,
        tag: type === 'systemeio_tag' ? topicTags.get(topic)![1]! : null,
        course: type === 'membership_course' ? rng.pick(topicCourses.get(topic)!) : null,
        courseBundle: type === 'course_bundle' ? topicBundles.get(topic)! : null,
        physicalProduct: type === 'physical_product' ? rng.pick(topicProducts.get(topic)!) : null,
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
      const withTrial =
        subscription && subscription.trialPeriod !== null ? { ...subscription, trialInterval: 'day' as const } : subscription;
      pricePlans.push({
        id: planId(),
        name,
        innerName: rng.chance(0.7) ? name : `${name} (${rng.pick(words.versions)})`,
        type: subscriptionOffer ? 'subscription' : 'one_shot',
        amount: subscriptionOffer ? rng.pick(yearly ? YEARLY_PRICES : MONTHLY_PRICES) : rng.pick(ONE_SHOT_PRICES),
        currency: rng.chance(0.85) ? currency : rng.pick(['usd', 'eur', 'gbp', 'chf', 'cad']),
        subscription: withTrial,
        statementDescriptor: rng.chance(0.7) ? '' : slug(subdomain).toUpperCase().slice(0, 22),
        funnelStep: i % 3 === 2 && upsell !== undefined ? upsell : orderForm,
        resources,
      });
    }
  }

  const couponId = idMaker(rng, 100_000, 900_000);
  const coupons: Coupon[] = words.coupons.map((code) => {
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

  const subjects = [...words.subjects, ...topics.flatMap((topic) => distinct(words.topicSubjects, topic, rng.int(2, 4)))];
  // The account is complete: each type's steps are filtered once, not on every event that names one.
  const stepsByType = new Map<StepType, readonly FunnelStep[]>();
  return {
    email,
    subdomain,
    language,
    currency,
    timeZone: owner.facts.timeZone,
    vatRegistered,
    steps,
    tags,
    courses,
    bundles,
    campaigns,
    webinars,
    blogPages,
    pricePlans,
    coupons,
    subjects,
    stepsOfType: (type) => {
      let list = stepsByType.get(type);
      if (list === undefined) stepsByType.set(type, (list = stepsOfType(type)));
      return list;
    },
  };
}

function pickFrance(rng: Rng): Country {
  let country = pickCountry(rng);
  for (let i = 0; i < 32 && country.code !== 'FR'; i++) country = pickCountry(rng);
  return country;
}
