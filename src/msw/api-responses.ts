/**
 * Response bodies in systeme.io's API Platform style (reference §3). Violation `code`s are Symfony's
 * constraint codes: stable, but *unverified* against systeme.io, which never published them.
 */

/** One entry of a 422's `violations`. */
export interface Violation {
  propertyPath: string;
  message: string;
  code: string;
}

/** Symfony's constraint violation codes, used for the mock's 422s. */
export const VIOLATION_CODES = {
  notBlank: 'c1051bb4-d103-4f74-8988-acbcafc7fdc3',
  invalidEmail: 'bd79c0ab-ddba-46cc-a703-a7a4b08de310',
  notUnique: '23bd9dbf-6b9b-41cd-a99e-4844bcf3077f',
  noSuchChoice: '8e179f1b-97aa-4560-a02f-2a8b42e49df7',
  notInRange: '04b91c99-a946-4221-afc5-e65ebac401eb',
  invalidUrl: '57c2f299-1154-4870-89bb-ef3b1f5ad229',
  invalidType: 'ba785a8c-82cb-4283-967c-3cf342181b40',
  invalidDateTime: '1a9da513-2640-4f84-9b6a-4d99dcddc628',
} as const;

/** Internal control flow: thrown by routes, turned into the HTTP answer, never seen by users. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body['detail'] === 'string' ? body['detail'] : `HTTP ${status}`);
  }
}

const PROBLEM = 'application/problem+json';

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export function problemResponse(problem: ApiProblem): Response {
  return new Response(JSON.stringify(problem.body), {
    status: problem.status,
    headers: { 'content-type': PROBLEM, ...problem.headers },
  });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

export function unauthorized(): ApiProblem {
  return new ApiProblem(401, { detail: 'Unauthorized' });
}

export function notFound(): ApiProblem {
  return new ApiProblem(404, { title: 'An error occurred', detail: 'Not Found' });
}

export function methodNotAllowed(allow: readonly string[]): ApiProblem {
  return new ApiProblem(405, { title: 'An error occurred', detail: 'Method Not Allowed' }, { allow: allow.join(', ') });
}

export function badRequest(detail: string): ApiProblem {
  return new ApiProblem(400, { title: 'An error occurred', detail });
}

export function tooManyRequests(): ApiProblem {
  return new ApiProblem(429, { title: 'An error occurred', detail: 'Too Many Requests' });
}

export function unsupportedMediaType(got: string, supported: string): ApiProblem {
  return new ApiProblem(415, {
    title: 'An error occurred',
    detail: `The content-type "${got}" is not supported. Supported MIME types are "${supported}".`,
  });
}

/** A 422 whose `detail` lists every violation as `path: message`, one a line, as API Platform does. */
export function unprocessable(violations: Violation[]): ApiProblem {
  return new ApiProblem(422, {
    detail: violations.map((v) => `${v.propertyPath}: ${v.message}`).join('\n'),
    violations,
  });
}

export function violation(propertyPath: string, message: string, code: string): Violation {
  return { propertyPath, message, code };
}
