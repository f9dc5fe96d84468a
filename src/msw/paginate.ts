import { unprocessable, violation, VIOLATION_CODES } from './api-responses.js';

/** Cursor pagination as the API documents it: `limit` 10..100, `startingAfter` an item's id, `order`. */
export interface Pagination {
  limit: number;
  startingAfter: string | null;
  order: 'asc' | 'desc';
}

/** systeme.io's bounds for `limit` (reference §3); the default when it is absent is *unverified*. */
export const PAGINATION_LIMITS = { min: 10, max: 100, default: 10 } as const;

/**
 * Reads and validates the pagination query; throws a 422 ApiProblem as the real API answers.
 * `defaultLimit` applies when the request has no `limit` (the `defaultPageSize` option).
 */
export function readPagination(query: URLSearchParams, defaultLimit: number = PAGINATION_LIMITS.default): Pagination {
  const rawLimit = query.get('limit');
  let limit: number = defaultLimit;
  if (rawLimit !== null) {
    limit = /^\d+$/.test(rawLimit) ? Number(rawLimit) : Number.NaN;
    if (!(limit >= PAGINATION_LIMITS.min && limit <= PAGINATION_LIMITS.max)) {
      throw unprocessable([violation('pagination.limit', 'Wrong value of pagination limit parameter', VIOLATION_CODES.notInRange)]);
    }
  }
  const order = query.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') {
    throw unprocessable([violation('pagination.order', 'The value you selected is not a valid choice.', VIOLATION_CODES.noSuchChoice)]);
  }
  return { limit, startingAfter: query.get('startingAfter'), order };
}

/** One page of `items` ordered by `keyOf`, after the cursor; `hasMore` when items remain. */
export function paginate<T>(items: readonly T[], keyOf: (item: T) => number | string, page: Pagination): { items: T[]; hasMore: boolean } {
  const sign = page.order === 'asc' ? 1 : -1;
  const compare = (a: number | string, b: number | string): number => (a < b ? -sign : a > b ? sign : 0);
  const sorted = [...items].sort((a, b) => compare(keyOf(a), keyOf(b)));
  let rest = sorted;
  if (page.startingAfter !== null && page.startingAfter !== '') {
    const first = sorted[0];
    const numeric = first !== undefined && typeof keyOf(first) === 'number';
    const cursor: number | string = numeric ? Number(page.startingAfter) : page.startingAfter;
    if (numeric && !Number.isInteger(cursor)) {
      throw unprocessable([violation('pagination.startingAfter', 'This value is not valid.', VIOLATION_CODES.noSuchChoice)]);
    }
    rest = sorted.filter((item) => compare(keyOf(item), cursor) > 0);
  }
  return { items: rest.slice(0, page.limit), hasMore: rest.length > page.limit };
}
