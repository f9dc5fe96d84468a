import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createGenerator,
  customTrigger,
  generate,
  generateEvents,
  signPayload,
  UnknownTriggerError,
  verifySignature,
  type BuiltInTriggerId,
  type ContactPayload,
  type CustomTriggerId,
  type ErrorCode,
  type SalePayload,
  type SignatureHeader,
  type SystemeMockError,
} from '../../src/index.js';

// Compile-time tests: `npm run typecheck` covers this file, so a @ts-expect-error that no longer errs,
// or a type that drifts, fails the build; vitest runs the same calls for their run-time half.

describe('trigger ids are a literal union', () => {
  it('types the payload of a built-in id', () => {
    expectTypeOf(generate('SALE_NEW', { seed: 1 }).payload).toEqualTypeOf<SalePayload>();
    expectTypeOf(createGenerator({ seed: 1 }).event('CONTACT_CREATED', 0).payload).toEqualTypeOf<ContactPayload>();
    expectTypeOf<'SALE_NEW'>().toExtend<BuiltInTriggerId>();
    expectTypeOf<BuiltInTriggerId>().toEqualTypeOf<
      | 'contact.optin.completed:funnel-step'
      | 'contact.optin.completed:blog-page'
      | 'customer.sale.completed'
      | 'contact.tag.added'
      | 'contact.tag.removed'
      | 'contact.webinar.registered'
      | 'contact.course.enrolled'
      | 'contact.course_bundle.enrolled'
      | 'contact.campaign.finished'
      | 'contact.page.visited'
      | 'contact.email_link.clicked'
      | 'CONTACT_CREATED'
      | 'CONTACT_TAG_ADDED'
      | 'CONTACT_TAG_REMOVED'
      | 'CONTACT_OPT_IN'
      | 'SALE_NEW'
      | 'SALE_CANCELED'
    >();
  });

  it('refuses a typo at compile time, and still at run time', () => {
    // @ts-expect-error 'SALE_NEWW' is no built-in id: the point of the literal union
    expect(() => generate('SALE_NEWW', { seed: 1 })).toThrow(UnknownTriggerError);
    // @ts-expect-error the same check on the generator's own method
    expect(() => createGenerator({ seed: 1 }).event('CONTACT_CREATD', 0)).toThrow(UnknownTriggerError);
    // @ts-expect-error one typo in a list is enough
    expect(() => [...generateEvents(['SALE_NEW', 'SALE_CANCELLED'], { count: 1, seed: 1 })]).toThrow(UnknownTriggerError);
  });

  it('takes ids of custom templates through customTrigger, and ids known only at run time as string', () => {
    const custom = customTrigger('order.shipped');
    expectTypeOf(custom).toEqualTypeOf<CustomTriggerId>();
    expect(custom).toBe('order.shipped');
    expectTypeOf(generate<CustomTriggerId>)
      .returns.toHaveProperty('payload')
      .toEqualTypeOf<Record<string, unknown>>();
    expect(() => generate(custom, { seed: 1 })).toThrow('Failed to find trigger "order.shipped": it is not in the catalog.');
    const fromArgv: string = 'SALE_NEW';
    expectTypeOf(generate(fromArgv, { seed: 1 }).payload).toEqualTypeOf<Record<string, unknown>>();
    expect([...generateEvents([fromArgv, 'SALE_CANCELED'], { count: 2, seed: 1 })].map((e) => e.trigger.id)).toEqual([
      'SALE_NEW',
      'SALE_CANCELED',
      'SALE_NEW',
      'SALE_CANCELED',
    ]);
  });
});

describe('verifySignature takes header values as the frameworks give them', () => {
  const body = '{"contact":{"id":1}}';
  const secret = 'topsecret';
  const signature = signPayload(body, secret);

  it('accepts the types of Node, Express and fetch without a cast', () => {
    expectTypeOf(verifySignature).parameter(1).toEqualTypeOf<SignatureHeader>();
    expectTypeOf<IncomingHttpHeaders[string]>().toExtend<SignatureHeader>(); // Node, Express's req.headers
    expectTypeOf<ReturnType<Headers['get']>>().toExtend<SignatureHeader>(); // fetch, Hono, Next.js
    expectTypeOf<string | undefined>().toExtend<SignatureHeader>(); // Express's req.get()
    expectTypeOf(verifySignature).parameter(0).toEqualTypeOf<string | Uint8Array>();
  });

  it('checks each form: a string, a one-value array, null, undefined, two values', () => {
    const nodeHeaders: IncomingHttpHeaders = { 'x-webhook-signature': signature };
    expect(verifySignature(body, nodeHeaders['x-webhook-signature'], secret)).toBe(true);
    expect(verifySignature(Buffer.from(body), [signature], secret)).toBe(true);
    expect(verifySignature(body, new Headers({ 'x-webhook-signature': signature }).get('x-webhook-signature'), secret)).toBe(true);
    expect(verifySignature(body, new Headers().get('x-webhook-signature'), secret)).toBe(false);
    expect(verifySignature(body, undefined, secret)).toBe(false);
    expect(verifySignature(body, [signature, signature], secret)).toBe(false);
    expect(verifySignature(body, [], secret)).toBe(false);
  });
});

describe('errors', () => {
  it('carry a code from the ErrorCode union', () => {
    expectTypeOf<SystemeMockError['code']>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<'UNKNOWN_TRIGGER'>().toExtend<ErrorCode>();
    // @ts-expect-error not a code systeme-mock uses
    expectTypeOf<'NOT_A_CODE'>().toExtend<ErrorCode>();
    try {
      generate(customTrigger('nope'), { seed: 1 });
      expect.unreachable();
    } catch (error) {
      expect((error as SystemeMockError).code).toBe('UNKNOWN_TRIGGER');
    }
  });
});
