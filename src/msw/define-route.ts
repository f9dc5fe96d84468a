import {
  badRequest,
  jsonResponse,
  noContent,
  notFound,
  unprocessable,
  unsupportedMediaType,
  violation,
  VIOLATION_CODES,
  type Violation,
} from './api-responses.js';
import type { AccountDefaults, ApiState } from './create-api-store.js';
import type { RateLimiter } from './create-rate-limiter.js';
import { paginate, readPagination } from './paginate.js';
import type { AccessType, ApiContact, ApiCourse, ApiTagRef } from './api-types.js';

/** What an API call tells the emitter: the store's objects the event is about. */
export interface EmitContext {
  contact?: ApiContact | undefined;
  tag?: ApiTagRef | undefined;
  course?: ApiCourse | undefined;
  accessType?: AccessType | undefined;
}

/**
 * The behaviours systeme.io leaves unsettled (docs/api-mock.md): each has a default chosen from the
 * clients' evidence and an option of `createSystemeApi` that changes it.
 */
export interface ApiBehaviour {
  /** `GET /contacts?tags=A,B`: contacts with all of the tags, or with any of them. */
  contactTagsMatch: 'all' | 'any';
  /** `GET /contact_fields`: every field in one answer, or cursor pages like the other lists. */
  contactFieldsPaging: 'unpaged' | 'paged';
  /** The page size of a list requested without `limit`. */
  defaultPageSize: number;
}

export interface ApiContext {
  state: ApiState;
  /** The path the API lives under, e.g. `/api`, without a trailing slash. */
  basePath: string;
  /** Only this key passes; undefined: any non-empty key passes. */
  apiKey: string | undefined;
  rateLimiter: RateLimiter;
  now: () => Date;
  behaviour: ApiBehaviour;
  account: AccountDefaults;
  /**
   * Delivers one trigger to the webhooks/rules that want it; resolves once they answered. `overrides`
   * is a deep partial applied last (a cancellation repeats its sale's order with it).
   */
  emit: (trigger: string, context: EmitContext, overrides?: Record<string, unknown>) => Promise<unknown>;
}

export type Params = string[];

export interface Route {
  method: string;
  pattern: RegExp;
  run: (ctx: ApiContext, request: Request, url: URL, params: Params) => Promise<Response> | Response;
}

export const ID = '(\\d+)';
export const SEGMENT = '([^/]+)';
const MERGE_PATCH = 'application/merge-patch+json';

/** One route: `defineRoute('GET', `/tags/${ID}`, run)`; the path is a regular expression's body. */
export function defineRoute(method: string, path: string, run: Route['run']): Route {
  return { method, pattern: new RegExp(`^${path}$`), run };
}

export async function readBody(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('Syntax error');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badRequest('Syntax error');
  return value as Record<string, unknown>;
}

export function requireMergePatch(request: Request): void {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== MERGE_PATCH) throw unsupportedMediaType(type, MERGE_PATCH);
}

export function throwIfAny(violations: Violation[]): void {
  if (violations.length > 0) throw unprocessable(violations);
}

export function blank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export function idParam(raw: string | undefined): number {
  if (raw === undefined || !/^\d+$/.test(raw)) throw notFound();
  return Number(raw);
}

/** A positive integer from a JSON body value (a number or a numeric string), else undefined. */
export function readId(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** An id filter from the query (`?course=12`); a value that is no id matches nothing, as a filter on an unknown id would. */
export function readIdFilter(query: URLSearchParams, name: string): number | null | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  return /^\d+$/.test(raw) ? Number(raw) : null;
}

export function readBoolean(query: URLSearchParams, name: string, problems: Violation[]): boolean | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  problems.push(violation(name, 'This value should be of type bool.', VIOLATION_CODES.invalidType));
  return undefined;
}

/** One page of a list, with the account's default page size when the request names none. */
export function listPage<T>(ctx: ApiContext, items: readonly T[], keyOf: (item: T) => number | string, url: URL): Response {
  return jsonResponse(200, paginate(items, keyOf, readPagination(url.searchParams, ctx.behaviour.defaultPageSize)));
}

/**
 * A page of links between a contact and something (enrollments: `?course=&contact=`, memberships:
 * `?community=&contact=`), filtered by whichever of the two ids the query names.
 */
export function listLinks<T extends { id: number; contact: { id: number } }>(
  ctx: ApiContext,
  url: URL,
  links: Iterable<T>,
  filter: { name: string; idOf: (link: T) => number },
): Response {
  const other = readIdFilter(url.searchParams, filter.name);
  const contact = readIdFilter(url.searchParams, 'contact');
  const items = [...links].filter(
    (link) => (other === undefined || filter.idOf(link) === other) && (contact === undefined || link.contact.id === contact),
  );
  return listPage(ctx, items, (link) => link.id, url);
}

/** `DELETE /…/{id}` of a stored item: 204, or 404 when there is none. */
export function deleteById(items: Map<number, unknown>, id: string | undefined): Response {
  if (!items.delete(idParam(id))) throw notFound();
  return noContent();
}
