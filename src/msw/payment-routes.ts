/**
 * Payment subscriptions (`/payment/subscriptions`).
 *
 * Sources (reference data, no code copied): activepieces `packages/pieces/community/systeme-io/`:
 * `common/dropdowns.ts` (`subscriptionDropdown`) and `actions/ai/list-subscriptions.ts` list
 * `GET /payment/subscriptions?contact=`; `common/mappers.ts` (`subscriptionRow`) reads `id, status,
 * createdAt, cancelledAt, completedAt, pricePlan{id, name, type, amount, currency,
 * recurringOptions{interval, intervalCount}}`; `actions/cancel-subscription.ts` posts
 * `{cancel: "Now" | "WhenBillingPeriodEnds"}` to `/payment/subscriptions/{id}/cancel`, expects 204,
 * treats `status: active` with a `cancelledAt` as "ends with the period", and converges on a 422 for a
 * repeat end-of-period cancel; its tests show `contact: This value should be positive.` for a list
 * without `contact`. Reference §1b/§5: `SALE_CANCELED` covers a subscription cancelled now or at the
 * end of the period.
 * Assumed: `SALE_CANCELED` is raised when the cancel is requested (for both options); it repeats the
 * subscription's `SALE_NEW` (order, order item, price plan, funnel step, coupon) with the contact as the
 * store holds it now; a second cancel of a cancelled subscription is a 422.
 */
import { formatAtomDate } from '../encode/atom-date.js';
import { ApiProblem, noContent, notFound, unprocessable, violation, VIOLATION_CODES } from './api-responses.js';
import { defineRoute, ID, idParam, listPage, readBody, readIdFilter, type ApiContext, type Params, type Route } from './define-route.js';

/** Symfony's `Positive` constraint code (GreaterThan::TOO_LOW_ERROR). */
const TOO_LOW = '778b7ae0-84d3-481a-9dec-35fdb64b1d78';

/**
 * The parts of a subscription's `SALE_NEW` that its `SALE_CANCELED` repeats: everything but who the
 * customer is (id, email, fields), which the emitter takes from the store's contact.
 */
export function buildSaleOverrides(sale: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(sale);
  const customer = copy['customer'];
  if (customer !== null && typeof customer === 'object') {
    const { contactId: _contactId, email: _email, fields: _fields, ...rest } = customer as Record<string, unknown>;
    copy['customer'] = rest;
  }
  return copy;
}

function listSubscriptions(ctx: ApiContext, _request: Request, url: URL): Response {
  const contact = readIdFilter(url.searchParams, 'contact');
  if (contact === undefined || contact === null || contact === 0) {
    throw unprocessable([violation('contact', 'This value should be positive.', TOO_LOW)]);
  }
  const items = [...ctx.state.subscriptions.values()].filter((s) => s.contact.id === contact);
  return listPage(ctx, items, (s) => s.id, url);
}

async function cancel(ctx: ApiContext, request: Request, _url: URL, [id]: Params): Promise<Response> {
  const subscription = ctx.state.subscriptions.get(idParam(id));
  if (subscription === undefined) throw notFound();
  const body = await readBody(request);
  const when = body['cancel'];
  if (when === undefined || when === null || when === '') {
    throw unprocessable([violation('cancel', 'This value should not be blank.', VIOLATION_CODES.notBlank)]);
  }
  if (when !== 'Now' && when !== 'WhenBillingPeriodEnds') {
    throw unprocessable([violation('cancel', 'The value you selected is not a valid choice.', VIOLATION_CODES.noSuchChoice)]);
  }
  const scheduled = subscription.status === 'active' && subscription.cancelledAt !== null;
  if (subscription.status !== 'active' || (scheduled && when === 'WhenBillingPeriodEnds')) {
    throw new ApiProblem(422, { detail: 'Subscription is already cancelled' });
  }
  const at = ctx.now();
  subscription.cancelledAt = formatAtomDate(at);
  // At the period's end the subscription stays active until then (activepieces reads it so).
  if (when === 'Now') subscription.status = 'cancelled';
  const sale = ctx.state.subscriptionSales.get(subscription.id);
  const contact = ctx.state.contacts.get(subscription.contact.id);
  await ctx.emit(
    'SALE_CANCELED',
    { contact: contact === undefined ? undefined : structuredClone(contact) },
    sale === undefined ? undefined : buildSaleOverrides(sale),
  );
  return noContent();
}

export const paymentRoutes: readonly Route[] = [
  defineRoute('GET', '/payment/subscriptions', listSubscriptions),
  defineRoute('POST', `/payment/subscriptions/${ID}/cancel`, cancel),
];
