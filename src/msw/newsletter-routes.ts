/**
 * Newsletters (`/mailing/newsletters`). The routes and request bodies are what clients' authors document
 * (reference §3: `POST /mailing/newsletters {content: {subject, bodyHtml}}`, `PUT .../included-tags
 * {tagIds}`, `POST .../send`); everything about the answers is *assumed*: the created newsletter is
 * `{id, content, includedTagIds, status, createdAt, sentAt}`, PUT answers it with 200, send answers 204
 * and a second send is a 422. Sending delivers nothing (the mock has no mailbox).
 */
import { formatAtomDate } from '../encode/atom-date.js';
import { ApiProblem, jsonResponse, noContent, notFound, violation, VIOLATION_CODES, type Violation } from './api-responses.js';
import {
  blank,
  defineRoute,
  ID,
  idParam,
  listPage,
  readBody,
  readId,
  throwIfAny,
  type ApiContext,
  type Params,
  type Route,
} from './define-route.js';
import type { ApiNewsletter } from './api-types.js';

function newsletterParam(ctx: ApiContext, raw: string | undefined): ApiNewsletter {
  const newsletter = ctx.state.newsletters.get(idParam(raw));
  if (newsletter === undefined) throw notFound();
  return newsletter;
}

async function createNewsletter(ctx: ApiContext, request: Request): Promise<Response> {
  const body = await readBody(request);
  const content = body['content'];
  const problems: Violation[] = [];
  const fields = content !== null && typeof content === 'object' && !Array.isArray(content) ? (content as Record<string, unknown>) : {};
  for (const key of ['subject', 'bodyHtml'] as const) {
    if (blank(fields[key]) || typeof fields[key] !== 'string') {
      problems.push(violation(`content.${key}`, 'This value should not be blank.', VIOLATION_CODES.notBlank));
    }
  }
  throwIfAny(problems);
  const newsletter: ApiNewsletter = {
    id: ctx.state.nextNewsletterId++,
    content: { subject: fields['subject'] as string, bodyHtml: fields['bodyHtml'] as string },
    includedTagIds: [],
    status: 'draft',
    createdAt: formatAtomDate(ctx.now()),
    sentAt: null,
  };
  ctx.state.newsletters.set(newsletter.id, newsletter);
  return jsonResponse(201, newsletter);
}

async function setIncludedTags(ctx: ApiContext, request: Request, _url: URL, [id]: Params): Promise<Response> {
  const newsletter = newsletterParam(ctx, id);
  const body = await readBody(request);
  const value = body['tagIds'];
  const problems: Violation[] = [];
  const tagIds: number[] = [];
  if (!Array.isArray(value)) {
    problems.push(violation('tagIds', 'This value should be of type array.', VIOLATION_CODES.invalidType));
  } else {
    value.forEach((item: unknown, i) => {
      const tagId = readId(item);
      if (tagId === undefined || !ctx.state.tags.has(tagId))
        problems.push(violation(`tagIds[${i}]`, 'Tag not found.', VIOLATION_CODES.noSuchChoice));
      else if (!tagIds.includes(tagId)) tagIds.push(tagId);
    });
  }
  throwIfAny(problems);
  newsletter.includedTagIds = tagIds;
  return jsonResponse(200, newsletter);
}

function send(ctx: ApiContext, _request: Request, _url: URL, [id]: Params): Response {
  const newsletter = newsletterParam(ctx, id);
  if (newsletter.status === 'sent') throw new ApiProblem(422, { detail: 'This newsletter was already sent.' });
  newsletter.status = 'sent';
  newsletter.sentAt = formatAtomDate(ctx.now());
  return noContent();
}

export const newsletterRoutes: readonly Route[] = [
  defineRoute('GET', '/mailing/newsletters', (ctx, _q, url) => listPage(ctx, [...ctx.state.newsletters.values()], (n) => n.id, url)),
  defineRoute('POST', '/mailing/newsletters', createNewsletter),
  defineRoute('GET', `/mailing/newsletters/${ID}`, (ctx, _q, _u, [id]) => jsonResponse(200, newsletterParam(ctx, id))),
  defineRoute('PUT', `/mailing/newsletters/${ID}/included-tags`, setIncludedTags),
  defineRoute('POST', `/mailing/newsletters/${ID}/send`, send),
];
