import { http, type HttpHandler } from 'msw';
import { getTrigger } from '../catalog/catalog.js';
import { BUILT_IN_TRIGGERS } from '../catalog/triggers.js';
import { UsageError } from '../errors.js';
import type {
  ApiCommunity,
  ApiContact,
  ApiWebhook,
  ApiWebhookSubscription,
  WebhookEventName,
  ApiCourse,
  ApiSubscription,
  ApiTag,
  AutomationRule,
  CommunityInput,
  ContactInput,
  CourseInput,
  MockDelivery,
  TagInput,
} from './api-types.js';
import {
  createApiState,
  createApiStore,
  findContact,
  putCommunity,
  putContact,
  putCourse,
  putSubscription,
  putTag,
  type AccountDefaults,
  type ApiState,
  type ApiStore,
} from './create-api-store.js';
import { createRateLimiter } from './create-rate-limiter.js';
import { createWebhookEmitter } from './create-webhook-emitter.js';
import { ApiProblem } from './api-responses.js';
import { handleApiRequest, registerWebhook, type ApiContext } from './handle-api-request.js';
import type { ApiBehaviour } from './define-route.js';
import { PAGINATION_LIMITS } from './paginate.js';
import { buildSaleOverrides } from './payment-routes.js';
import { toContactView } from './build-scope-overrides.js';
import { renderEvent } from './render-event.js';
import { accountFor } from '../world/account.js';
import { formatAtomDate } from '../encode/atom-date.js';
import { listWebhookEvents } from './webhook-events.js';
import { createSeedContact, createSeedCourse, getSeedGenerator } from './seed-world.js';
import { createUuidV7 } from '../wire/uuid-v7.js';
import type { JourneyDefinition } from '../journey/define-journey.js';
import { playJourney, type PlayOptions, type PlayResult } from './play-journey.js';

export interface SystemeApiOptions {
  /** Only this `X-API-Key` passes. Default: any non-empty key passes. */
  apiKey?: string | undefined;
  /** Where the API lives. Default `https://api.systeme.io/api`. */
  baseUrl?: string | undefined;
  /** Seeds the store's contacts and courses and the emitted payloads. Default `1`. */
  seed?: number | string | undefined;
  /** How many contacts to seed from the generators' world, or the contacts themselves. Default 25. */
  contacts?: number | ContactInput[] | undefined;
  /** Tags the account has besides those on seeded contacts. */
  tags?: TagInput[] | undefined;
  /** How many courses to seed, or the courses themselves. Default 3. */
  courses?: number | CourseInput[] | undefined;
  /** How many communities to seed (named after the world's courses), or the communities themselves. Default 2. */
  communities?: number | CommunityInput[] | undefined;
  /**
   * How many payment subscriptions to seed. Each is the subscription offer of a seeded `SALE_NEW` of a
   * contact in the store; cancelling it raises `SALE_CANCELED` about that order. Default 3.
   */
  subscriptions?: number | undefined;
  /**
   * `GET /contacts?tags=A,B`: `'all'` (default) lists contacts with every tag, `'any'` with one of them.
   * systeme.io does not say; activepieces documents "all" (docs/api-mock.md).
   */
  contactTagsMatch?: 'all' | 'any' | undefined;
  /**
   * `GET /contact_fields`: `'unpaged'` (default) answers every field at once, `'paged'` pages by slug
   * like the other lists. activepieces reads it unpaged (docs/api-mock.md).
   */
  contactFieldsPaging?: 'unpaged' | 'paged' | undefined;
  /** Page size of a list requested without `limit`, 10..100. Default 10 (unpublished; docs/api-mock.md). */
  defaultPageSize?: number | undefined;
  /**
   * How long a webhook or automation delivery may take (connect, answer and body) before it is recorded
   * as failed, in ms. Default 10000, so a receiver that hangs cannot hang the API call.
   */
  webhookTimeoutMs?: number | undefined;
  /**
   * Enforce a rate limit: 429 once `limit` requests were made in `refillSeconds`. Without this option
   * the headers still count down from 100 per 60 s but nothing is refused (systeme.io's numbers are unknown).
   */
  rateLimit?: { limit?: number | undefined; refillSeconds?: number | undefined } | undefined;
}

/** A webhook to register with `api.addWebhook()`. */
export interface WebhookInput {
  url: string;
  secret: string;
  /** Default: the URL. */
  name?: string | undefined;
  /** Default: all six events, each at its usual schema version. */
  subscriptions?: Array<WebhookEventName | ApiWebhookSubscription> | undefined;
  active?: boolean | undefined;
}

/** What to put in the store with `api.seed()`. */
export interface SeedInput {
  contacts?: ContactInput[] | undefined;
  tags?: TagInput[] | undefined;
  courses?: CourseInput[] | undefined;
  communities?: CommunityInput[] | undefined;
}

export interface EmitOptions {
  /**
   * Who the event is about: a contact id or email in the store, or a contact to add to it. Default: a
   * new contact from the seeded world joins the store (as a first-time buyer would).
   */
  contact?: number | string | ContactInput | undefined;
  /** For tag events: a tag id or name (created when unknown). The contact gains or loses it in the store. */
  tag?: number | string | undefined;
  /**
   * For `SALE_NEW` / `SALE_CANCELED`: a subscription id from `api.store.subscriptions`. The event is about
   * the sale it came from (same order, price plan, customer); `SALE_CANCELED` also cancels it in the store.
   */
  subscription?: number | undefined;
  /** A deep partial merged over the payload last: objects merge, arrays and scalars are replaced. */
  overrides?: Record<string, unknown> | undefined;
}

export interface SystemeApi {
  /** Pass to `setupServer(...api.handlers)`. */
  readonly handlers: HttpHandler[];
  /** Read the mock's data: contacts, tags, fields, courses, enrollments, webhooks, rules. */
  readonly store: ApiStore;
  /** Every webhook and automation delivery sent since the last reset, oldest first. */
  readonly deliveries: readonly MockDelivery[];
  /** The API as a fetch-style function, without msw. */
  fetch(request: Request): Promise<Response>;
  /** Back to the seeded store: forgets created data, webhooks, rules, deliveries and the rate-limit window. */
  reset(): void;
  /** Adds contacts, tags, courses and communities to the store (no events are sent). */
  seed(input: SeedInput): { contacts: ApiContact[]; tags: ApiTag[]; courses: ApiCourse[]; communities: ApiCommunity[] };
  /**
   * Raises an event the API cannot cause (a sale, a cancellation, an opt-in) or any other trigger, and
   * resolves with its deliveries once every receiver answered.
   */
  emit(trigger: string, options?: EmitOptions): Promise<MockDelivery[]>;
  /**
   * Registers a webhook as `POST /webhooks` would, without an HTTP call: signed webhooks-dialect
   * deliveries of `subscriptions` (default: all six events).
   */
  addWebhook(webhook: WebhookInput): ApiWebhook;
  /** Registers an automation rule's "call a webhook" action: unsigned automation-dialect deliveries. */
  addAutomationRule(rule: { trigger: string; url: string }): AutomationRule;
  /**
   * Plays a journey (a built-in name, a `.json` path or `loadJourney(...)`) through the store, step by
   * step in time order, and resolves once every delivery was answered.
   * @example const { steps } = await api.play('refund', { contact: api.store.contacts[0].id })
   */
  play(journey: string | JourneyDefinition, options?: PlayOptions): Promise<PlayResult>;
}

interface NormalizedSystemeApiOptions {
  apiKey: string | undefined;
  baseUrl: string;
  basePath: string;
  seed: number | string;
  contacts: number | ContactInput[];
  tags: TagInput[];
  courses: number | CourseInput[];
  communities: number | CommunityInput[];
  subscriptions: number;
  behaviour: ApiBehaviour;
  webhookTimeoutMs: number;
  account: AccountDefaults;
  rateLimit: { limit: number; refillSeconds: number; enforce: boolean };
}

/** systeme.io's real numbers are unpublished; these only fill the headers unless `rateLimit` is given. */
export const DEFAULT_RATE_LIMIT = { limit: 100, refillSeconds: 60 } as const;

function fail(reason: string): never {
  throw new UsageError(`Failed to create the systeme.io API mock: ${reason}.`, 'MSW_OPTIONS');
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1)
    fail(`${name} must be a positive integer, got ${String(value)}. Pass a whole number of 1 or more`);
  return value;
}

function normalizeSystemeApiOptions(options: SystemeApiOptions): NormalizedSystemeApiOptions {
  const baseUrl = (options.baseUrl ?? 'https://api.systeme.io/api').replace(/\/+$/, '');
  if (!URL.canParse(baseUrl)) fail(`baseUrl "${baseUrl}" is not an absolute URL. Pass one like "https://api.systeme.io/api"`);
  const count = (name: string, value: number | unknown[] | undefined, fallback: number) =>
    Array.isArray(value) ? value : value === 0 ? 0 : positiveInteger(name, value, fallback);
  const oneOf = <T extends string>(name: string, value: T | undefined, choices: readonly T[]): T => {
    if (value === undefined) return choices[0]!;
    if (!choices.includes(value))
      fail(`${name} must be ${choices.map((c) => `"${c}"`).join(' or ')}, got ${JSON.stringify(value)}. Pass one of them`);
    return value;
  };
  const defaultPageSize = positiveInteger('defaultPageSize', options.defaultPageSize, PAGINATION_LIMITS.default);
  if (defaultPageSize < PAGINATION_LIMITS.min || defaultPageSize > PAGINATION_LIMITS.max) {
    fail(
      `defaultPageSize must be from ${PAGINATION_LIMITS.min} to ${PAGINATION_LIMITS.max} (the API's limit range), got ${defaultPageSize}. Pass a page size in that range`,
    );
  }
  const seed = options.seed ?? 1;
  const account = accountFor(String(seed));
  return {
    apiKey: options.apiKey,
    baseUrl,
    basePath: new URL(baseUrl).pathname.replace(/\/+$/, ''),
    seed,
    contacts: count('contacts', options.contacts, 25) as number | ContactInput[],
    tags: options.tags ?? [],
    courses: count('courses', options.courses, 3) as number | CourseInput[],
    communities: count('communities', options.communities, 2) as number | CommunityInput[],
    subscriptions: count('subscriptions', options.subscriptions, 3) as number,
    behaviour: {
      contactTagsMatch: oneOf('contactTagsMatch', options.contactTagsMatch, ['all', 'any'] as const),
      contactFieldsPaging: oneOf('contactFieldsPaging', options.contactFieldsPaging, ['unpaged', 'paged'] as const),
      defaultPageSize,
    },
    webhookTimeoutMs: positiveInteger('webhookTimeoutMs', options.webhookTimeoutMs, 10_000),
    // Courses and communities live on the account's systeme.io subdomain, in its language (*assumed*).
    account: { domainName: `${account.subdomain}.systeme.io`, locale: account.language },
    rateLimit: {
      limit: positiveInteger('rateLimit.limit', options.rateLimit?.limit, DEFAULT_RATE_LIMIT.limit),
      refillSeconds: positiveInteger('rateLimit.refillSeconds', options.rateLimit?.refillSeconds, DEFAULT_RATE_LIMIT.refillSeconds),
      enforce: options.rateLimit !== undefined,
    },
  };
}

/** The world's event index of the first sale a seeded subscription may come from. */
const SUBSCRIPTION_SALES_FROM = 500_000;

/** Module names of a seeded course: two to four, from its id (*assumed*: the world has no modules). */
function seedModules(courseId: number): string[] {
  return Array.from({ length: 2 + (courseId % 3) }, (_, i) => `Module ${i + 1}`);
}

/**
 * Seeds subscriptions: the subscription offers among the world's `SALE_NEW` events, each sold to a store
 * contact (the event's own buyer when the store has them, else the store's contacts in turn).
 */
function seedSubscriptions(state: ApiState, o: NormalizedSystemeApiOptions): void {
  const contacts = [...state.contacts.values()];
  if (contacts.length === 0) return;
  // Far from the indices the emitter uses (it counts from 0), so an emitted sale never repeats a seeded
  // subscription's order. One in three world offers is a subscription; the bound only stops a pathological seed.
  for (
    let k = SUBSCRIPTION_SALES_FROM, turn = 0;
    state.subscriptions.size < o.subscriptions && k < SUBSCRIPTION_SALES_FROM + o.subscriptions * 100;
    k++
  ) {
    const probe = renderEvent('SALE_NEW', { seed: o.seed, index: k }).payload;
    const plan = probe['pricePlan'] as ApiSubscription['pricePlan'] & { [key: string]: unknown };
    if (plan.recurringOptions === null) continue;
    const buyer = (probe['customer'] as { contactId: number }).contactId;
    const contact = state.contacts.get(buyer) ?? contacts[turn++ % contacts.length]!;
    const world = getSeedGenerator(o.seed);
    const sale = renderEvent('SALE_NEW', {
      seed: o.seed,
      index: k,
      scope: { contact: toContactView(world.seed, world.now.getTime(), contact) },
    }).payload;
    const order = sale['order'] as { createdAt: string };
    putSubscription(
      state,
      {
        id: state.nextSubscriptionId,
        status: 'active',
        createdAt: order.createdAt,
        cancelledAt: null,
        completedAt: null,
        contact: { id: contact.id, email: contact.email },
        pricePlan: {
          id: plan.id,
          name: plan.name,
          type: plan.type,
          amount: plan.amount,
          currency: plan.currency,
          recurringOptions: structuredClone(plan.recurringOptions),
        },
      },
      sale,
    );
  }
}

/** Fills a state from the options: given tags, then seeded or given contacts, courses, communities, subscriptions. */
function seedState(state: ApiState, o: NormalizedSystemeApiOptions, now: Date): number {
  for (const tag of o.tags) putTag(state, tag, now);
  let worldIndex = 0;
  if (Array.isArray(o.contacts)) {
    for (const c of o.contacts) putContact(state, c, now);
  } else {
    while (state.contacts.size < o.contacts) {
      const contact = createSeedContact(o.seed, worldIndex++);
      // The world may repeat an id or an email across a long run; a store needs them unique.
      if (state.contacts.has(contact.id) || findContact(state, contact.email) !== undefined) continue;
      putContact(state, contact, now);
    }
  }
  if (Array.isArray(o.courses)) {
    for (const c of o.courses) putCourse(state, c, o.account);
  } else {
    // The world's account has a handful of courses; past them, numbered editions of the same courses.
    const world: Array<CourseInput & { id: number }> = [];
    for (let k = 0; world.length < o.courses && k < o.courses * 20; k++) {
      const course = createSeedCourse(o.seed, k);
      if (!world.some((c) => c.id === course.id)) world.push(course);
    }
    for (const course of world)
      putCourse(
        state,
        { id: course.id, name: course.name, description: course.description ?? null, modules: seedModules(course.id) },
        o.account,
      );
    for (let edition = 2; state.courses.size < o.courses && world.length > 0; edition++) {
      for (const base of world) {
        if (state.courses.size >= o.courses) break;
        const course = putCourse(state, { name: `${base.name} ${edition}`, description: base.description ?? null }, o.account);
        course.modules = seedModules(course.id).map((name) => ({ id: state.nextModuleId++, name }));
      }
    }
  }
  if (Array.isArray(o.communities)) {
    for (const c of o.communities) putCommunity(state, c, o.account);
  } else {
    const names = accountFor(String(o.seed)).courses.map((c) => c.name);
    for (let k = 0; state.communities.size < o.communities; k++) {
      putCommunity(
        state,
        {
          name:
            names.length === 0
              ? `Community ${k + 1}`
              : names[k % names.length]! + (k >= names.length ? ` ${Math.floor(k / names.length) + 1}` : ''),
        },
        o.account,
      );
    }
  }
  seedSubscriptions(state, o);
  return worldIndex;
}

/**
 * The systeme.io REST API as msw handlers over an in-memory store seeded from the generators' world;
 * webhooks registered through `POST /webhooks` receive signed deliveries when the store changes.
 * @example
 * const api = createSystemeApi({ apiKey: 'test-key' });
 * const server = setupServer(...api.handlers);
 */
export function createSystemeApi(options: SystemeApiOptions = {}): SystemeApi {
  const o = normalizeSystemeApiOptions(options);
  const now = () => new Date();
  const deliveries: MockDelivery[] = [];
  let state = createApiState();
  let worldIndex = seedState(state, o, now());
  const rateLimiter = createRateLimiter(o.rateLimit);
  let emitter = createWebhookEmitter({ state, seed: o.seed, now, log: deliveries, timeoutMs: o.webhookTimeoutMs });
  let nextJourney = 0;
  // The routes read `state` and `emitter` through this context at call time, so reset() can swap them.
  const context: ApiContext = {
    get state() {
      return state;
    },
    basePath: o.basePath,
    apiKey: o.apiKey,
    rateLimiter,
    now,
    behaviour: o.behaviour,
    account: o.account,
    emit: (trigger, emitContext, overrides) => emitter.emit(trigger, emitContext, overrides),
  };
  const store = createApiStore(() => state);

  const fetchApi = (request: Request) => handleApiRequest(context, request);

  function resolveContact(trigger: string, input: EmitOptions['contact']): ApiContact {
    if (input === undefined) {
      for (;;) {
        const fresh = createSeedContact(o.seed, worldIndex++);
        if (state.contacts.has(fresh.id) || findContact(state, fresh.email) !== undefined) continue;
        return putContact(state, fresh, now());
      }
    }
    if (typeof input === 'object') {
      const known = (input.id !== undefined ? state.contacts.get(input.id) : undefined) ?? findContact(state, input.email);
      return known ?? putContact(state, input, now());
    }
    const found = findContact(state, input);
    if (found === undefined) {
      throw new UsageError(
        `Failed to emit ${trigger}: no contact ${typeof input === 'number' ? input : `"${input}"`} in the store. Pass a contact from api.store.contacts or add one with api.seed({ contacts: [...] }).`,
        'MSW_EMIT',
      );
    }
    return found;
  }

  return {
    // One RegExp without capture groups: msw decodes the params a string path captures, and a malformed
    // escape (`/webhooks/%`) threw a URIError there before the API could answer 404 (issue 10 case 20).
    handlers: [http.all(new RegExp(`^${o.baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:/.*)?$`), ({ request }) => fetchApi(request))],
    store,
    deliveries,
    fetch: fetchApi,
    reset() {
      state = createApiState();
      worldIndex = seedState(state, o, now());
      deliveries.length = 0;
      rateLimiter.reset();
      emitter = createWebhookEmitter({ state, seed: o.seed, now, log: deliveries, timeoutMs: o.webhookTimeoutMs });
      nextJourney = 0;
    },
    seed(input) {
      const at = now();
      return {
        tags: (input.tags ?? []).map((t) => structuredClone(putTag(state, t, at))),
        contacts: (input.contacts ?? []).map((c) => structuredClone(putContact(state, c, at))),
        courses: (input.courses ?? []).map((c) => structuredClone(putCourse(state, c, o.account))),
        communities: (input.communities ?? []).map((c) => structuredClone(putCommunity(state, c, o.account))),
      };
    },
    async emit(trigger, emitOptions = {}) {
      // Check everything before touching the store, so a refused call changes nothing.
      const tagChange = getTrigger(trigger).effects.tag ?? null;
      if (tagChange !== null && emitOptions.tag === undefined) {
        throw new UsageError(`Failed to emit ${trigger}: a tag event needs a tag. Pass { tag: <tag id or name> }.`, 'MSW_EMIT');
      }
      if (typeof emitOptions.tag === 'number' && !state.tags.has(emitOptions.tag)) {
        throw new UsageError(
          `Failed to emit ${trigger}: no tag ${emitOptions.tag} in the store. Pass a tag id from api.store.tags or a tag name.`,
          'MSW_EMIT',
        );
      }
      const { wireName } = getTrigger(trigger);
      let saleOverrides: Record<string, unknown> | undefined;
      let subscription: ApiSubscription | undefined;
      if (emitOptions.subscription !== undefined) {
        subscription = state.subscriptions.get(emitOptions.subscription);
        if (wireName !== 'SALE_NEW' && wireName !== 'SALE_CANCELED') {
          throw new UsageError(
            `Failed to emit ${trigger}: only SALE_NEW and SALE_CANCELED are about a subscription. Leave out { subscription }.`,
            'MSW_EMIT',
          );
        }
        if (subscription === undefined) {
          throw new UsageError(
            `Failed to emit ${trigger}: no subscription ${emitOptions.subscription} in the store. Pass an id from api.store.subscriptions.`,
            'MSW_EMIT',
          );
        }
        saleOverrides = buildSaleOverrides(state.subscriptionSales.get(subscription.id) ?? {});
      }
      const contact = resolveContact(trigger, emitOptions.contact ?? subscription?.contact.id);
      if (subscription !== undefined && wireName === 'SALE_CANCELED' && subscription.status === 'active') {
        subscription.status = 'cancelled';
        subscription.cancelledAt = formatAtomDate(now());
      }
      let tag: { id: number; name: string } | undefined;
      if (emitOptions.tag !== undefined) {
        const stored = typeof emitOptions.tag === 'number' ? state.tags.get(emitOptions.tag)! : putTag(state, emitOptions.tag, now());
        tag = { id: stored.id, name: stored.name };
        // The event says the tag changed: make the store agree, so the API and the payload tell one story.
        if (tagChange === 'add' && !contact.tags.some((t) => t.id === stored.id)) contact.tags.push(tag);
        if (tagChange === 'remove') contact.tags = contact.tags.filter((t) => t.id !== stored.id);
      }
      const overrides = saleOverrides === undefined ? emitOptions.overrides : mergeDeep(saleOverrides, emitOptions.overrides ?? {});
      return emitter.emit(trigger, { contact: structuredClone(contact), tag }, overrides);
    },
    addWebhook(input) {
      try {
        return structuredClone(
          registerWebhook(
            state,
            {
              name: input.name ?? input.url,
              url: input.url,
              secret: input.secret,
              subscriptions: input.subscriptions ?? listWebhookEvents(),
              active: input.active ?? true,
            },
            now(),
          ),
        );
      } catch (error) {
        if (!(error instanceof ApiProblem)) throw error;
        throw new UsageError(
          `Failed to add a webhook: ${error.message.replaceAll('\n', '; ').replace(/\.$/, '')}. Pass another url or name, or call api.reset() between tests.`,
          'MSW_WEBHOOK',
        );
      }
    },
    addAutomationRule(rule) {
      if (!BUILT_IN_TRIGGERS.some((t) => t.dialect === 'automation' && (t.id === rule.trigger || t.wireName === rule.trigger))) {
        throw new UsageError(
          `Failed to add an automation rule: "${rule.trigger}" is not an automation trigger. Use one of ${[...new Set(BUILT_IN_TRIGGERS.filter((t) => t.dialect === 'automation').map((t) => t.id))].join(', ')}.`,
          'MSW_RULE',
        );
      }
      const stored: AutomationRule = { id: createUuidV7(), trigger: rule.trigger, url: rule.url };
      state.rules.set(stored.id, stored);
      return structuredClone(stored);
    },
    play(journey, playOptions) {
      return playJourney({ state, emitter, seed: o.seed, now, account: o.account, takeIndex: () => nextJourney++ }, journey, playOptions);
    },
  };
}

/** `partial` merged over `base`: objects merge, arrays and scalars replace (the overrides' rule). */
function mergeDeep(base: Record<string, unknown>, partial: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(partial)) {
    const current = out[key];
    const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
    out[key] = isObject(value) && isObject(current) ? mergeDeep(current, value) : value;
  }
  return out;
}
