/**
 * Courses, their modules and enrollments (`/school/...`).
 *
 * Sources of the shapes (reference data, no code copied):
 * - activepieces `packages/pieces/community/systeme-io/`: `actions/ai/list-enrollments.ts` and
 *   `actions/remove-course-enrollment.ts` list `GET /school/enrollments?course=&contact=` and read
 *   `course.id`, `contact.id`; `common/mappers.ts` (`enrollmentRow`, `courseRow`) reads `accessType`,
 *   `active`, `course{id, name}`, `contact{id, email}` and a course's `active, description, path,
 *   domainName, locale, modules[{id, name}]`; `actions/enroll-contact-in-course.ts` posts
 *   `{contactId, accessType, modules?}` with four access types, `modules` only for the partial ones;
 *   `common/dropdowns.ts` lists `GET /school/courses?query=` and `GET /school/course-modules?courseId=`;
 *   `ai/list-courses.ts` sends `active=true|false`.
 * - Airbyte `airbyte-integrations/connectors/source-systeme/manifest.yaml`: stream `course_resources`
 *   pages `GET /school/courses?limit=100&startingAfter=<last id>`; its schema, imported from live
 *   responses, lists `id, name, active, path, domainName, locale, modules[{id, name}]`.
 * Assumed: repeat enrollments are allowed (activepieces removes "enrollment(s)" of one course and
 * contact); a missing `accessType` means `full_access`; module ids must belong to the course.
 */
import { formatAtomDate } from '../encode/atom-date.js';
import { jsonResponse, notFound, violation, VIOLATION_CODES, type Violation } from './api-responses.js';
import {
  blank,
  defineRoute,
  deleteById,
  ID,
  idParam,
  listLinks,
  listPage,
  readBody,
  readBoolean,
  readId,
  readIdFilter,
  throwIfAny,
  type ApiContext,
  type Params,
  type Route,
} from './define-route.js';
import type { AccessType, ApiEnrollment } from './api-types.js';

const ACCESS_TYPES: readonly AccessType[] = ['full_access', 'partial_access', 'dripping_content', 'partial_dripping_access'];
const PARTIAL: ReadonlySet<AccessType> = new Set(['partial_access', 'partial_dripping_access']);

function listCourses(ctx: ApiContext, _request: Request, url: URL): Response {
  const problems: Violation[] = [];
  const active = readBoolean(url.searchParams, 'active', problems);
  throwIfAny(problems);
  const query = url.searchParams.get('query')?.trim().toLowerCase() ?? '';
  const items = [...ctx.state.courses.values()].filter(
    (c) => (active === undefined || c.active === active) && (query === '' || c.name.toLowerCase().includes(query)),
  );
  return listPage(ctx, items, (c) => c.id, url);
}

function listCourseModules(ctx: ApiContext, _request: Request, url: URL): Response {
  const courseId = readIdFilter(url.searchParams, 'courseId');
  const modules = [...ctx.state.courses.values()].filter((c) => courseId === undefined || c.id === courseId).flatMap((c) => c.modules);
  return listPage(ctx, modules, (m) => m.id, url);
}

function readModules(value: unknown, courseModules: ReadonlySet<number>, problems: Violation[]): number[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(violation('modules', 'This value should not be blank.', VIOLATION_CODES.notBlank));
    return [];
  }
  const ids: number[] = [];
  value.forEach((item: unknown, i) => {
    const id = readId(item);
    if (id === undefined || !courseModules.has(id)) {
      problems.push(violation(`modules[${i}]`, 'The value you selected is not a valid choice.', VIOLATION_CODES.noSuchChoice));
    } else if (!ids.includes(id)) ids.push(id);
  });
  return ids;
}

async function enroll(ctx: ApiContext, request: Request, _url: URL, [id]: Params): Promise<Response> {
  const course = ctx.state.courses.get(idParam(id));
  if (course === undefined) throw notFound();
  const body = await readBody(request);
  const problems: Violation[] = [];
  const contactId = readId(body['contactId']);
  const contact = contactId === undefined ? undefined : ctx.state.contacts.get(contactId);
  if (blank(body['contactId'])) problems.push(violation('contactId', 'This value should not be blank.', VIOLATION_CODES.notBlank));
  else if (contact === undefined) problems.push(violation('contactId', 'Contact not found.', VIOLATION_CODES.noSuchChoice));
  const accessType = (body['accessType'] ?? 'full_access') as AccessType;
  const known = ACCESS_TYPES.includes(accessType);
  if (!known) problems.push(violation('accessType', 'The value you selected is not a valid choice.', VIOLATION_CODES.noSuchChoice));
  // Partial access opens only the listed modules, so it needs them; the other types ignore `modules`.
  const modules = known && PARTIAL.has(accessType) ? readModules(body['modules'], new Set(course.modules.map((m) => m.id)), problems) : [];
  throwIfAny(problems);
  const enrollment: ApiEnrollment = {
    id: ctx.state.nextEnrollmentId++,
    course: { id: course.id, name: course.name },
    contact: { id: contact!.id, email: contact!.email },
    accessType,
    active: true,
    modules,
    createdAt: formatAtomDate(ctx.now()),
  };
  ctx.state.enrollments.set(enrollment.id, enrollment);
  await ctx.emit('contact.course.enrolled', { contact: structuredClone(contact!), course: structuredClone(course), accessType });
  return jsonResponse(201, enrollment);
}

function listEnrollments(ctx: ApiContext, _request: Request, url: URL): Response {
  return listLinks(ctx, url, ctx.state.enrollments.values(), { name: 'course', idOf: (e) => e.course.id });
}

function deleteEnrollment(ctx: ApiContext, _request: Request, _url: URL, [id]: Params): Response {
  return deleteById(ctx.state.enrollments, id);
}

export const schoolRoutes: readonly Route[] = [
  defineRoute('GET', '/school/courses', listCourses),
  defineRoute('GET', '/school/course-modules', listCourseModules),
  defineRoute('POST', `/school/courses/${ID}/enrollments`, enroll),
  defineRoute('GET', '/school/enrollments', listEnrollments),
  defineRoute('DELETE', `/school/enrollments/${ID}`, deleteEnrollment),
];
