import { formatAtomDate } from '../encode/atom-date.js';
import { createUuidV7 } from '../wire/uuid-v7.js';
import {
  ApiProblem,
  jsonResponse,
  methodNotAllowed,
  noContent,
  notFound,
  problemResponse,
  tooManyRequests,
  unauthorized,
  unprocessable,
  violation,
  VIOLATION_CODES,
  type Violation,
} from './api-responses.js';
import { deleteContact, findContact, putContact, putTag, setContactEmail, type ApiState } from './create-api-store.js';
import {
  blank,
  defineRoute as r,
  ID,
  idParam,
  listPage,
  readBody,
  readBoolean,
  requireMergePatch,
  SEGMENT,
  throwIfAny,
  type ApiContext,
  type Params,
  type Route,
} from './define-route.js';
import { paginate, readPagination } from './paginate.js';
import { communityRoutes } from './community-routes.js';
import { newsletterRoutes } from './newsletter-routes.js';
import { paymentRoutes } from './payment-routes.js';
import { schoolRoutes } from './school-routes.js';
import { getWebhookSchemaVersion, isWebhookEventName } from './webhook-events.js';
import type { ApiContact, ApiWebhook, ApiWebhookSubscription } from './api-types.js';

// The emitter and the replacements read these types from here.
export type { ApiContext, EmitContext } from './define-route.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Answers one request to the systeme.io API from the in-memory state: rate limit, `X-API-Key`, route.
 * A plain fetch-style function, so it works with or without msw.
 */
export async function handleApiRequest(ctx: ApiContext, request: Request): Promise<Response> {
  const limit = ctx.rateLimiter.take();
  let response: Response;
  try {
    if (!limit.allowed) throw tooManyRequests();
    const key = request.headers.get('x-api-key');
    if (key === null || key === '' || (ctx.apiKey !== undefined && key !== ctx.apiKey)) throw unauthorized();
    response = await route(ctx, request);
  } catch (error) {
    if (!(error instanceof ApiProblem)) throw error;
    response = problemResponse(error);
  }
  for (const [name, value] of Object.entries(limit.headers)) response.headers.set(name, value);
  return response;
}

/** A path segment as the router sees it; a malformed escape (`%E0%A4%A`, `%`) names nothing: 404, not a URIError. */
function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw notFound();
  }
}

async function route(ctx: ApiContext, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.startsWith(ctx.basePath) ? url.pathname.slice(ctx.basePath.length) : url.pathname;
  const clean = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  const allowed: string[] = [];
  for (const candidate of ROUTES) {
    const match = candidate.pattern.exec(clean);
    if (match === null) continue;
    if (candidate.method !== request.method) {
      allowed.push(candidate.method);
      continue;
    }
    return candidate.run(ctx, request, url, match.slice(1).map(decodeSegment));
  }
  throw allowed.length > 0 ? methodNotAllowed(allowed) : notFound();
}

function snapshot(contact: ApiContact): ApiContact {
  return structuredClone(contact);
}

// ---------------------------------------------------------------- contacts

function readDate(query: URLSearchParams, name: string, problems: Violation[]): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const t = Date.parse(raw);
  if (Number.isNaN(t)) problems.push(violation(name, 'This value is not a valid datetime.', VIOLATION_CODES.invalidDateTime));
  return t;
}

function listContacts(ctx: ApiContext, _request: Request, url: URL): Response {
  const q = url.searchParams;
  const problems: Violation[] = [];
  const email = q.get('email')?.toLowerCase();
  const tagIds = q
    .get('tags')
    ?.split(',')
    .filter((s) => s !== '')
    .map(Number);
  const flags = {
    bounced: readBoolean(q, 'bounced', problems),
    unsubscribed: readBoolean(q, 'unsubscribed', problems),
    needsConfirmation: readBoolean(q, 'needsConfirmation', problems),
  };
  const before = readDate(q, 'registeredBefore', problems);
  const after = readDate(q, 'registeredAfter', problems);
  throwIfAny(problems);
  const page = readPagination(q, ctx.behaviour.defaultPageSize);
  const matches = [...ctx.state.contacts.values()].filter((c) => {
    if (email !== undefined && c.email.toLowerCase() !== email) return false;
    // All of the listed tags by default (activepieces' `actions/find-contacts.ts` documents "contacts must
    // have all of them"); `contactTagsMatch: 'any'` for the other reading (*unverified*).
    if (tagIds !== undefined && tagIds.length > 0) {
      const has = (id: number) => c.tags.some((t) => t.id === id);
      if (ctx.behaviour.contactTagsMatch === 'all' ? !tagIds.every(has) : !tagIds.some(has)) return false;
    }
    for (const [name, want] of Object.entries(flags)) {
      if (want !== undefined && c[name as keyof typeof flags] !== want) return false;
    }
    const at = Date.parse(c.registeredAt);
    if (before !== undefined && !(at < before)) return false;
    if (after !== undefined && !(at > after)) return false;
    return true;
  });
  return jsonResponse(
    200,
    paginate(matches, (c) => c.id, page),
  );
}

function validateEmail(ctx: ApiContext, value: unknown, self: number | null, problems: Violation[]): string | null {
  if (blank(value)) {
    problems.push(violation('email', 'This value should not be blank.', VIOLATION_CODES.notBlank));
    return null;
  }
  if (typeof value !== 'string' || !EMAIL.test(value)) {
    problems.push(violation('email', 'This value is not a valid email address.', VIOLATION_CODES.invalidEmail));
    return null;
  }
  const other = findContact(ctx.state, value);
  if (other !== undefined && other.id !== self) {
    problems.push(violation('email', 'This value is already used.', VIOLATION_CODES.notUnique));
    return null;
  }
  return value;
}

function validateFieldValues(ctx: ApiContext, value: unknown, problems: Violation[]): Array<{ slug: string; value: string | null }> {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push(violation('fields', 'This value should be of type array.', VIOLATION_CODES.invalidType));
    return [];
  }
  const out: Array<{ slug: string; value: string | null }> = [];
  value.forEach((item: unknown, i) => {
    const entry = (item ?? {}) as { slug?: unknown; value?: unknown };
    if (typeof entry.slug !== 'string' || !ctx.state.fields.has(entry.slug)) {
      problems.push(violation(`fields[${i}].slug`, 'This value is not a valid contact field.', VIOLATION_CODES.noSuchChoice));
      return;
    }
    out.push({ slug: entry.slug, value: entry.value === null || entry.value === undefined ? null : String(entry.value) });
  });
  return out;
}

async function createContact(ctx: ApiContext, request: Request): Promise<Response> {
  const body = await readBody(request);
  const problems: Violation[] = [];
  const email = validateEmail(ctx, body['email'], null, problems);
  const fields = validateFieldValues(ctx, body['fields'], problems);
  if (body['locale'] !== undefined && typeof body['locale'] !== 'string') {
    problems.push(violation('locale', 'The value you selected is not a valid choice.', VIOLATION_CODES.noSuchChoice));
  }
  throwIfAny(problems);
  const contact = putContact(
    ctx.state,
    {
      email: email!,
      ...(typeof body['locale'] === 'string' ? { locale: body['locale'] } : {}),
      fields: fields.filter((f) => f.value !== null),
    },
    ctx.now(),
  );
  await ctx.emit('CONTACT_CREATED', { contact: snapshot(contact) });
  return jsonResponse(201, contact);
}

function contactParam(ctx: ApiContext, raw: string | undefined): ApiContact {
  const contact = ctx.state.contacts.get(idParam(raw));
  if (contact === undefined) throw notFound();
  return contact;
}

async function patchContact(ctx: ApiContext, request: Request, _url: URL, [id]: Params): Promise<Response> {
  const contact = contactParam(ctx, id);
  requireMergePatch(request);
  const body = await readBody(request);
  const problems: Violation[] = [];
  const email = body['email'] === undefined ? undefined : validateEmail(ctx, body['email'], contact.id, problems);
  const fields = validateFieldValues(ctx, body['fields'], problems);
  throwIfAny(problems);
  if (email !== undefined && email !== null) setContactEmail(ctx.state, contact, email);
  if (typeof body['locale'] === 'string') contact.locale = body['locale'];
  for (const { slug, value } of fields) {
    const at = contact.fields.findIndex((f) => f.slug === slug);
    if (value === null) {
      if (at >= 0) contact.fields.splice(at, 1);
    } else if (at >= 0) {
      contact.fields[at]!.value = value;
    } else {
      contact.fields.push({ fieldName: ctx.state.fields.get(slug)!.fieldName, slug, value });
    }
  }
  return jsonResponse(200, contact);
}

async function addContactTag(ctx: ApiContext, request: Request, _url: URL, [id]: Params): Promise<Response> {
  const contact = contactParam(ctx, id);
  const body = await readBody(request);
  const tagId = body['tagId'];
  if (blank(tagId)) throw unprocessable([violation('tagId', 'This value should not be blank.', VIOLATION_CODES.notBlank)]);
  const tag = typeof tagId === 'number' || typeof tagId === 'string' ? ctx.state.tags.get(Number(tagId)) : undefined;
  if (tag === undefined) throw unprocessable([violation('tagId', 'Tag not found.', VIOLATION_CODES.noSuchChoice)]);
  // Adding a tag the contact already has changes nothing and raises no event (*unverified*).
  if (contact.tags.some((t) => t.id === tag.id)) return noContent();
  contact.tags.push({ id: tag.id, name: tag.name });
  const context = { contact: snapshot(contact), tag: { id: tag.id, name: tag.name } };
  await Promise.all([ctx.emit('CONTACT_TAG_ADDED', context), ctx.emit('contact.tag.added', context)]);
  return noContent();
}

async function removeContactTag(ctx: ApiContext, _request: Request, _url: URL, [id, tagId]: Params): Promise<Response> {
  const contact = contactParam(ctx, id);
  const at = contact.tags.findIndex((t) => t.id === idParam(tagId));
  if (at < 0) throw notFound();
  const [tag] = contact.tags.splice(at, 1);
  const context = { contact: snapshot(contact), tag: tag! };
  await Promise.all([ctx.emit('CONTACT_TAG_REMOVED', context), ctx.emit('contact.tag.removed', context)]);
  return noContent();
}

// ---------------------------------------------------------------- tags

async function createTag(ctx: ApiContext, request: Request): Promise<Response> {
  const body = await readBody(request);
  const name = validateTagName(ctx, body['name'], null);
  return jsonResponse(201, putTag(ctx.state, name, ctx.now()));
}

function validateTagName(ctx: ApiContext, name: unknown, self: number | null): string {
  if (blank(name) || typeof name !== 'string') {
    throw unprocessable([violation('name', 'This value should not be blank.', VIOLATION_CODES.notBlank)]);
  }
  const other = [...ctx.state.tags.values()].find((t) => t.name === name);
  if (other !== undefined && other.id !== self) {
    throw unprocessable([violation('name', 'This value is already used.', VIOLATION_CODES.notUnique)]);
  }
  return name;
}

function tagParam(ctx: ApiContext, raw: string | undefined) {
  const tag = ctx.state.tags.get(idParam(raw));
  if (tag === undefined) throw notFound();
  return tag;
}

async function renameTag(ctx: ApiContext, request: Request, _url: URL, [id]: Params): Promise<Response> {
  const tag = tagParam(ctx, id);
  const body = await readBody(request);
  tag.name = validateTagName(ctx, body['name'], tag.id);
  for (const c of ctx.state.contacts.values()) for (const t of c.tags) if (t.id === tag.id) t.name = tag.name;
  return jsonResponse(200, tag);
}

function deleteTag(ctx: ApiContext, _request: Request, _url: URL, [id]: Params): Response {
  const tag = tagParam(ctx, id);
  ctx.state.tags.delete(tag.id);
  // Deleting a tag takes it off every contact; whether systeme.io raises tag-removed events then is unknown: none here.
  for (const c of ctx.state.contacts.values()) c.tags = c.tags.filter((t) => t.id !== tag.id);
  return noContent();
}

// ---------------------------------------------------------------- contact fields

function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

async function createField(ctx: ApiContext, request: Request): Promise<Response> {
  const body = await readBody(request);
  const problems: Violation[] = [];
  const fieldName = body['fieldName'];
  if (blank(fieldName) || typeof fieldName !== 'string') {
    problems.push(violation('fieldName', 'This value should not be blank.', VIOLATION_CODES.notBlank));
  }
  const slug = typeof body['slug'] === 'string' && body['slug'] !== '' ? body['slug'] : slugify(String(fieldName ?? ''));
  if (problems.length === 0 && ctx.state.fields.has(slug)) {
    problems.push(violation('slug', 'This value is already used.', VIOLATION_CODES.notUnique));
  }
  throwIfAny(problems);
  const field = { slug, fieldName: fieldName as string };
  ctx.state.fields.set(slug, field);
  return jsonResponse(201, field);
}

function fieldParam(ctx: ApiContext, slug: string | undefined) {
  const field = slug === undefined ? undefined : ctx.state.fields.get(slug);
  if (field === undefined) throw notFound();
  return field;
}

async function patchField(ctx: ApiContext, request: Request, _url: URL, [slug]: Params): Promise<Response> {
  const field = fieldParam(ctx, slug);
  requireMergePatch(request);
  const body = await readBody(request);
  if (body['fieldName'] !== undefined) {
    if (blank(body['fieldName']) || typeof body['fieldName'] !== 'string') {
      throw unprocessable([violation('fieldName', 'This value should not be blank.', VIOLATION_CODES.notBlank)]);
    }
    field.fieldName = body['fieldName'];
    for (const c of ctx.state.contacts.values()) for (const f of c.fields) if (f.slug === field.slug) f.fieldName = field.fieldName;
  }
  return jsonResponse(200, field);
}

function deleteField(ctx: ApiContext, _request: Request, _url: URL, [slug]: Params): Response {
  const field = fieldParam(ctx, slug);
  ctx.state.fields.delete(field.slug);
  for (const c of ctx.state.contacts.values()) c.fields = c.fields.filter((f) => f.slug !== field.slug);
  return noContent();
}

// ---------------------------------------------------------------- webhooks

function validateSubscriptions(value: unknown, problems: Violation[]): ApiWebhookSubscription[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(violation('subscriptions', 'This value should not be blank.', VIOLATION_CODES.notBlank));
    return [];
  }
  const out: ApiWebhookSubscription[] = [];
  value.forEach((item: unknown, i) => {
    const event = typeof item === 'string' ? item : (item as { event?: unknown } | null)?.event;
    if (typeof event !== 'string' || !isWebhookEventName(event)) {
      problems.push(violation(`subscriptions[${i}]`, 'The value you selected is not a valid choice.', VIOLATION_CODES.noSuchChoice));
      return;
    }
    const version = typeof item === 'object' ? (item as { schemaVersion?: unknown }).schemaVersion : undefined;
    out.push({ event, schemaVersion: typeof version === 'number' ? version : getWebhookSchemaVersion(event) });
  });
  return out;
}

async function createWebhook(ctx: ApiContext, request: Request): Promise<Response> {
  return jsonResponse(201, registerWebhook(ctx.state, await readBody(request), ctx.now()));
}

/** Validates a `POST /webhooks` body and stores the webhook; throws a 422 ApiProblem as the API would. */
export function registerWebhook(state: ApiState, body: Record<string, unknown>, now: Date): ApiWebhook {
  const problems: Violation[] = [];
  const { name, url, secret } = body;
  const existing = [...state.webhooks.values()];
  if (blank(name) || typeof name !== 'string')
    problems.push(violation('name', 'This value should not be blank.', VIOLATION_CODES.notBlank));
  else if (existing.some((w) => w.name === name))
    problems.push(violation('name', 'This value is already used.', VIOLATION_CODES.notUnique));
  if (blank(url) || typeof url !== 'string') problems.push(violation('url', 'This value should not be blank.', VIOLATION_CODES.notBlank));
  else if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    problems.push(violation('url', 'This value is not a valid URL.', VIOLATION_CODES.invalidUrl));
  } else if (existing.some((w) => w.url === url)) problems.push(violation('url', 'This value is already used.', VIOLATION_CODES.notUnique));
  if (blank(secret) || typeof secret !== 'string')
    problems.push(violation('secret', 'This value should not be blank.', VIOLATION_CODES.notBlank));
  const subscriptions = validateSubscriptions(body['subscriptions'], problems);
  throwIfAny(problems);
  const webhook: ApiWebhook = {
    id: createUuidV7(now.getTime()),
    name: name as string,
    url: url as string,
    secret: secret as string,
    subscriptions,
    active: body['active'] !== false,
    createdAt: formatAtomDate(now),
  };
  state.webhooks.set(webhook.id, webhook);
  return webhook;
}

/**
 * `PATCH /webhooks/{id}` (merge-patch, as clients' authors document it; *unverified*): the given keys of
 * `POST /webhooks` with the same checks, uniqueness against the other webhooks.
 */
async function patchWebhook(ctx: ApiContext, request: Request, _url: URL, [id]: Params): Promise<Response> {
  const webhook = webhookParam(ctx, id);
  requireMergePatch(request);
  const body = await readBody(request);
  const problems: Violation[] = [];
  const others = [...ctx.state.webhooks.values()].filter((w) => w.id !== webhook.id);
  const { name, url, secret, active } = body;
  if (name !== undefined) {
    if (blank(name) || typeof name !== 'string')
      problems.push(violation('name', 'This value should not be blank.', VIOLATION_CODES.notBlank));
    else if (others.some((w) => w.name === name))
      problems.push(violation('name', 'This value is already used.', VIOLATION_CODES.notUnique));
  }
  if (url !== undefined) {
    if (blank(url) || typeof url !== 'string') problems.push(violation('url', 'This value should not be blank.', VIOLATION_CODES.notBlank));
    else if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
      problems.push(violation('url', 'This value is not a valid URL.', VIOLATION_CODES.invalidUrl));
    else if (others.some((w) => w.url === url)) problems.push(violation('url', 'This value is already used.', VIOLATION_CODES.notUnique));
  }
  if (secret !== undefined && (blank(secret) || typeof secret !== 'string')) {
    problems.push(violation('secret', 'This value should not be blank.', VIOLATION_CODES.notBlank));
  }
  if (active !== undefined && typeof active !== 'boolean')
    problems.push(violation('active', 'This value should be of type bool.', VIOLATION_CODES.invalidType));
  const subscriptions = body['subscriptions'] === undefined ? undefined : validateSubscriptions(body['subscriptions'], problems);
  throwIfAny(problems);
  if (typeof name === 'string') webhook.name = name;
  if (typeof url === 'string') webhook.url = url;
  if (typeof secret === 'string') webhook.secret = secret;
  if (typeof active === 'boolean') webhook.active = active;
  if (subscriptions !== undefined) webhook.subscriptions = subscriptions;
  return jsonResponse(200, webhook);
}

function webhookParam(ctx: ApiContext, id: string | undefined): ApiWebhook {
  const webhook = id === undefined ? undefined : ctx.state.webhooks.get(id);
  if (webhook === undefined) throw notFound();
  return webhook;
}

// ---------------------------------------------------------------- route table

function listContactFields(ctx: ApiContext, _request: Request, url: URL): Response {
  const fields = [...ctx.state.fields.values()];
  // Unpaged by default: activepieces' `ai/list-contact-fields.ts` reads it in one request ("this list has
  // no paging") and Airbyte's manifest pages it by `last_record['id']`, which a field does not have, so it
  // stops after one page. `contactFieldsPaging: 'paged'` pages it by slug like the other lists.
  if (ctx.behaviour.contactFieldsPaging === 'unpaged') {
    return jsonResponse(200, { items: fields.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)), hasMore: false });
  }
  return listPage(ctx, fields, (f) => f.slug, url);
}

const ROUTES: Route[] = [
  r('GET', '/contacts', listContacts),
  r('POST', '/contacts', createContact),
  r('GET', `/contacts/${ID}`, (ctx, _q, _u, [id]) => jsonResponse(200, contactParam(ctx, id))),
  r('PATCH', `/contacts/${ID}`, patchContact),
  r('DELETE', `/contacts/${ID}`, (ctx, _q, _u, [id]) => {
    deleteContact(ctx.state, contactParam(ctx, id).id);
    return noContent();
  }),
  r('POST', `/contacts/${ID}/tags`, addContactTag),
  r('DELETE', `/contacts/${ID}/tags/${ID}`, removeContactTag),
  r('GET', '/tags', (ctx, _q, url) => {
    const query = url.searchParams.get('query')?.toLowerCase() ?? '';
    return listPage(
      ctx,
      [...ctx.state.tags.values()].filter((t) => t.name.toLowerCase().includes(query)),
      (t) => t.id,
      url,
    );
  }),
  r('POST', '/tags', createTag),
  r('GET', `/tags/${ID}`, (ctx, _q, _u, [id]) => jsonResponse(200, tagParam(ctx, id))),
  r('PUT', `/tags/${ID}`, renameTag),
  r('DELETE', `/tags/${ID}`, deleteTag),
  r('GET', '/contact_fields', listContactFields),
  r('POST', '/contact_fields', createField),
  r('PATCH', `/contact_fields/${SEGMENT}`, patchField),
  r('DELETE', `/contact_fields/${SEGMENT}`, deleteField),
  ...schoolRoutes,
  ...communityRoutes,
  ...paymentRoutes,
  ...newsletterRoutes,
  r('GET', '/webhooks', (ctx, _q, url) => listPage(ctx, [...ctx.state.webhooks.values()], (w) => w.id, url)),
  r('POST', '/webhooks', createWebhook),
  r('GET', `/webhooks/${SEGMENT}`, (ctx, _q, _u, [id]) => jsonResponse(200, webhookParam(ctx, id))),
  r('PATCH', `/webhooks/${SEGMENT}`, patchWebhook),
  r('DELETE', `/webhooks/${SEGMENT}`, (ctx, _q, _u, [id]) => {
    ctx.state.webhooks.delete(webhookParam(ctx, id).id);
    return noContent();
  }),
];
