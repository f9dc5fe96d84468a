import { http, type HttpHandler } from 'msw';
import { getTrigger } from '../catalog/catalog.js';
import { BUILT_IN_TRIGGERS } from '../catalog/triggers.js';
import { UsageError } from '../errors.js';
import type {
  ApiContact,
  ApiWebhook,
  ApiWebhookSubscription,
  WebhookEventName,
  ApiCourse,
  ApiTag,
  AutomationRule,
  ContactInput,
  CourseInput,
  MockDelivery,
  TagInput,
} from './api-types.js';
import { createApiState, createApiStore, findContact, putContact, putCourse, putTag, type ApiState, type ApiStore } from './create-api-store.js';
import { createRateLimiter } from './create-rate-limiter.js';
import { createWebhookEmitter } from './create-webhook-emitter.js';
import { ApiProblem } from './api-responses.js';
import { handleApiRequest, registerWebhook, type ApiContext } from './handle-api-request.js';
import { listWebhookEvents } from './webhook-events.js';
import { createSeedContact, createSeedCourse } from './seed-world.js';
import { createUuidV7 } from '../wire/uuid-v7.js';

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
}

export interface EmitOptions {
  /**
   * Who the event is about: a contact id or email in the store, or a contact to add to it. Default: a
   * new contact from the seeded world joins the store (as a first-time buyer would).
   */
  contact?: number | string | ContactInput | undefined;
  /** For tag events: a tag id or name (created when unknown). The contact gains or loses it in the store. */
  tag?: number | string | undefined;
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
  /** Adds contacts, tags and courses to the store (no events are sent). */
  seed(input: SeedInput): { contacts: ApiContact[]; tags: ApiTag[]; courses: ApiCourse[] };
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
}

interface NormalizedSystemeApiOptions {
  apiKey: string | undefined;
  baseUrl: string;
  basePath: string;
  seed: number | string;
  contacts: number | ContactInput[];
  tags: TagInput[];
  courses: number | CourseInput[];
  rateLimit: { limit: number; refillSeconds: number; enforce: boolean };
}

/** systeme.io's real numbers are unpublished; these only fill the headers unless `rateLimit` is given. */
export const DEFAULT_RATE_LIMIT = { limit: 100, refillSeconds: 60 } as const;

function fail(reason: string): never {
  throw new UsageError(`Failed to create the systeme.io API mock: ${reason}.`, 'MSW_OPTIONS');
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) fail(`${name} must be a positive integer, got ${String(value)}. Pass a whole number of 1 or more`);
  return value;
}

function normalizeSystemeApiOptions(options: SystemeApiOptions): NormalizedSystemeApiOptions {
  const baseUrl = (options.baseUrl ?? 'https://api.systeme.io/api').replace(/\/+$/, '');
  if (!URL.canParse(baseUrl)) fail(`baseUrl "${baseUrl}" is not an absolute URL. Pass one like "https://api.systeme.io/api"`);
  const count = (name: string, value: number | unknown[] | undefined, fallback: number) =>
    Array.isArray(value) ? value : value === 0 ? 0 : positiveInteger(name, value, fallback);
  return {
    apiKey: options.apiKey,
    baseUrl,
    basePath: new URL(baseUrl).pathname.replace(/\/+$/, ''),
    seed: options.seed ?? 1,
    contacts: count('contacts', options.contacts, 25) as number | ContactInput[],
    tags: options.tags ?? [],
    courses: count('courses', options.courses, 3) as number | CourseInput[],
    rateLimit: {
      limit: positiveInteger('rateLimit.limit', options.rateLimit?.limit, DEFAULT_RATE_LIMIT.limit),
      refillSeconds: positiveInteger('rateLimit.refillSeconds', options.rateLimit?.refillSeconds, DEFAULT_RATE_LIMIT.refillSeconds),
      enforce: options.rateLimit !== undefined,
    },
  };
}

/** Fills a state from the options: given tags, then seeded or given contacts and courses. */
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
    for (const c of o.courses) putCourse(state, c, now);
  } else {
    for (let k = 0; state.courses.size < o.courses; k++) {
      const course = createSeedCourse(o.seed, k);
      if (!state.courses.has(course.id)) putCourse(state, course, now);
    }
  }
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
  let emitter = createWebhookEmitter({ state, seed: o.seed, now, log: deliveries });
  // The routes read `state` and `emitter` through this context at call time, so reset() can swap them.
  const context: ApiContext = {
    get state() {
      return state;
    },
    basePath: o.basePath,
    apiKey: o.apiKey,
    rateLimiter,
    now,
    emit: (trigger, emitContext) => emitter.emit(trigger, emitContext),
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
    handlers: [http.all(o.baseUrl, ({ request }) => fetchApi(request)), http.all(`${o.baseUrl}/*`, ({ request }) => fetchApi(request))],
    store,
    deliveries,
    fetch: fetchApi,
    reset() {
      state = createApiState();
      worldIndex = seedState(state, o, now());
      deliveries.length = 0;
      rateLimiter.reset();
      emitter = createWebhookEmitter({ state, seed: o.seed, now, log: deliveries });
    },
    seed(input) {
      const at = now();
      return {
        tags: (input.tags ?? []).map((t) => structuredClone(putTag(state, t, at))),
        contacts: (input.contacts ?? []).map((c) => structuredClone(putContact(state, c, at))),
        courses: (input.courses ?? []).map((c) => structuredClone(putCourse(state, c, at))),
      };
    },
    async emit(trigger, emitOptions = {}) {
      // Check everything before touching the store, so a refused call changes nothing.
      const tagChange = getTrigger(trigger).effects.tag ?? null;
      if (tagChange !== null && emitOptions.tag === undefined) {
        throw new UsageError(`Failed to emit ${trigger}: a tag event needs a tag. Pass { tag: <tag id or name> }.`, 'MSW_EMIT');
      }
      if (typeof emitOptions.tag === 'number' && !state.tags.has(emitOptions.tag)) {
        throw new UsageError(`Failed to emit ${trigger}: no tag ${emitOptions.tag} in the store. Pass a tag id from api.store.tags or a tag name.`, 'MSW_EMIT');
      }
      const contact = resolveContact(trigger, emitOptions.contact);
      let tag: { id: number; name: string } | undefined;
      if (emitOptions.tag !== undefined) {
        const stored = typeof emitOptions.tag === 'number' ? state.tags.get(emitOptions.tag)! : putTag(state, emitOptions.tag, now());
        tag = { id: stored.id, name: stored.name };
        // The event says the tag changed: make the store agree, so the API and the payload tell one story.
        if (tagChange === 'add' && !contact.tags.some((t) => t.id === stored.id)) contact.tags.push(tag);
        if (tagChange === 'remove') contact.tags = contact.tags.filter((t) => t.id !== stored.id);
      }
      return emitter.emit(trigger, { contact: structuredClone(contact), tag }, emitOptions.overrides);
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
        throw new UsageError(`Failed to add a webhook: ${error.message.replaceAll('\n', '; ').replace(/\.$/, '')}. Pass another url or name, or call api.reset() between tests.`, 'MSW_WEBHOOK');
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
  };
}
