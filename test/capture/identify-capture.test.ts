import { describe, expect, it } from 'vitest';
import { identifyCapture } from '../../src/capture/identify-capture.js';
import { createGenerator } from '../../src/generate/generator.js';

const body = (id: string): unknown => JSON.parse(createGenerator({ seed: 5 }).event(id, 0).body);

describe('identifyCapture', () => {
  it('takes the x-webhook-event header first, and says when the catalog does not know the event', () => {
    expect(identifyCapture({ headers: { 'x-webhook-event': 'SALE_CANCELED' }, payload: body('SALE_NEW') })).toMatchObject({
      dialect: 'webhooks',
      wireName: 'SALE_CANCELED',
      candidates: ['SALE_CANCELED'],
      how: 'from the x-webhook-event header',
    });
    expect(identifyCapture({ headers: { 'x-webhook-event': 'SALE_REFUNDED' }, payload: {} })).toMatchObject({
      trigger: null,
      how: 'x-webhook-event "SALE_REFUNDED" is not in the catalog',
    });
  });

  it('tells the two opt-in shapes of one automation type apart by the closer shape', () => {
    for (const id of ['contact.optin.completed:funnel-step', 'contact.optin.completed:blog-page']) {
      const identity = identifyCapture({ headers: {}, payload: body(id) });
      expect(identity.trigger?.id).toBe(id);
      expect(identity.candidates).toEqual(['contact.optin.completed:funnel-step', 'contact.optin.completed:blog-page']);
    }
  });

  it.each([
    ['SALE_NEW', ['SALE_NEW', 'SALE_CANCELED']],
    ['SALE_CANCELED', ['SALE_NEW', 'SALE_CANCELED']],
    ['CONTACT_CREATED', ['CONTACT_CREATED', 'CONTACT_OPT_IN']],
    ['CONTACT_OPT_IN', ['CONTACT_CREATED', 'CONTACT_OPT_IN']],
    ['CONTACT_TAG_ADDED', ['CONTACT_TAG_ADDED', 'CONTACT_TAG_REMOVED']],
    ['CONTACT_TAG_REMOVED', ['CONTACT_TAG_ADDED', 'CONTACT_TAG_REMOVED']],
  ])('infers a %s body without headers as one of %j, and says only the header tells them apart', (id, candidates) => {
    const identity = identifyCapture({ headers: {}, payload: body(id) });
    expect(identity.dialect).toBe('webhooks');
    expect(identity.wireName).toBeNull();
    expect(identity.candidates).toEqual(candidates);
    expect(identity.trigger?.id).toBe(candidates[0]);
    expect(identity.how).toBe(
      `inferred from the body's keys: ${candidates.join(' or ')}, which share one documented shape (compared with ${candidates[0]!}); only the x-webhook-event header tells them apart: capture the headers too`,
    );
  });

  it('says why a body cannot be identified', () => {
    expect(identifyCapture({ headers: {}, payload: [1, 2] }).how).toBe('cannot be identified: the body is not a JSON object');
    expect(identifyCapture({ headers: {}, payload: { order: {}, refund: {} } }).how).toBe(
      'cannot be identified: no x-webhook-event header, no "type" in the body, and its keys [order, refund] fit no documented event; capture the headers too ({"headers", "body"} JSON or a HAR file)',
    );
  });
});
