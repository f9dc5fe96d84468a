import { BUILT_IN_TRIGGERS, type TriggerDefinition } from '../../src/catalog/triggers.js';

/** Literal PHP-encoded bodies, so delivery tests do not depend on the generator. */
export const SALE_BODY =
  '{"customer":{"id":12799002,"email":"demo+capture@example.com","sourceUrl":"https:\\/\\/demo.systeme.io\\/466f06b8","fields":{"first_name":"Ren\\u00e9"}},"coupon":null,"order":{"id":12768313,"createdAt":"2026-09-27T20:16:26+00:00","totalPrice":100,"vat":0.0},"orderItem":{"resources":[]}}';

export const TAG_BODY =
  '{"type":"contact.tag.added","data":{"tag":{"id":1,"name":"VIP \\/ Gold"},"contact":{"id":2,"email":"a@example.com","fields":[]}},"account":{"email":"owner@example.com"},"created_at":"2026-09-27T20:16:27+00:00"}';

export const SECRET = 'whsec_s3cret-for-tests';

export function trigger(id: string): TriggerDefinition {
  const found = (BUILT_IN_TRIGGERS as readonly TriggerDefinition[]).find((t) => t.id === id);
  if (found === undefined) throw new Error(`no trigger ${id}`);
  return found;
}

export const EVENT_TIME = new Date('2026-09-27T20:16:27Z');
