/**
 * Communities and memberships (`/community/...`).
 *
 * Sources (reference data, no code copied):
 * - Airbyte `source-systeme` `manifest.yaml`: the connection check and stream `communities` page
 *   `GET /community/communities?limit=100&startingAfter=<last id>`; the live-imported schema lists
 *   `id, name, path, domainName`.
 * - activepieces `packages/pieces/community/systeme-io/`: `common/dropdowns.ts` and
 *   `actions/ai/list-communities.ts` send `?query=`; `actions/add-contact-to-community.ts` posts
 *   `{contactId}` to `/community/communities/{id}/memberships` and expects 202 ("Systeme.io queues the
 *   request"); `actions/remove-contact-from-community.ts` and `ai/list-community-memberships.ts` list
 *   `GET /community/memberships?community=&contact=` and delete `/community/memberships/{id}`;
 *   `common/mappers.ts` (`membershipRow`) reads `id, community{id, name}, contact{id}`.
 * Assumed: the 202 has no body; the queue is instant here (the membership is listed at once); joining
 * twice adds no second membership. The automation trigger "community joined" has no published `type`
 * string, so joining raises no delivery.
 */
import { formatAtomDate } from '../encode/atom-date.js';
import { notFound, violation, VIOLATION_CODES, type Violation } from './api-responses.js';
import {
  blank,
  defineRoute,
  deleteById,
  ID,
  idParam,
  listLinks,
  listPage,
  readBody,
  readId,
  throwIfAny,
  type ApiContext,
  type Params,
  type Route,
} from './define-route.js';

function listCommunities(ctx: ApiContext, _request: Request, url: URL): Response {
  const query = url.searchParams.get('query')?.trim().toLowerCase() ?? '';
  const items = [...ctx.state.communities.values()].filter((c) => query === '' || c.name.toLowerCase().includes(query));
  return listPage(ctx, items, (c) => c.id, url);
}

async function join(ctx: ApiContext, request: Request, _url: URL, [id]: Params): Promise<Response> {
  const community = ctx.state.communities.get(idParam(id));
  if (community === undefined) throw notFound();
  const body = await readBody(request);
  const problems: Violation[] = [];
  const contactId = readId(body['contactId']);
  const contact = contactId === undefined ? undefined : ctx.state.contacts.get(contactId);
  if (blank(body['contactId'])) problems.push(violation('contactId', 'This value should not be blank.', VIOLATION_CODES.notBlank));
  else if (contact === undefined) problems.push(violation('contactId', 'Contact not found.', VIOLATION_CODES.noSuchChoice));
  throwIfAny(problems);
  const member = [...ctx.state.memberships.values()].some((m) => m.community.id === community.id && m.contact.id === contact!.id);
  if (!member) {
    const id = ctx.state.nextMembershipId++;
    ctx.state.memberships.set(id, {
      id,
      community: { id: community.id, name: community.name },
      contact: { id: contact!.id, email: contact!.email },
      createdAt: formatAtomDate(ctx.now()),
    });
  }
  return new Response(null, { status: 202 });
}

function listMemberships(ctx: ApiContext, _request: Request, url: URL): Response {
  return listLinks(ctx, url, ctx.state.memberships.values(), { name: 'community', idOf: (m) => m.community.id });
}

function leave(ctx: ApiContext, _request: Request, _url: URL, [id]: Params): Response {
  return deleteById(ctx.state.memberships, id);
}

export const communityRoutes: readonly Route[] = [
  defineRoute('GET', '/community/communities', listCommunities),
  defineRoute('POST', `/community/communities/${ID}/memberships`, join),
  defineRoute('GET', '/community/memberships', listMemberships),
  defineRoute('DELETE', `/community/memberships/${ID}`, leave),
];
