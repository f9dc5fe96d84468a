import { describe, expect, it } from 'vitest';
import { OverrideError, SystemeMockError, UsageError } from '../../src/errors.js';
import { createGenerator, generate, generateEvents } from '../../src/generate/generator.js';

/** The error a call throws, or a failure naming what was thrown instead. */
function thrownBy(run: () => unknown): SystemeMockError {
  try {
    run();
  } catch (error) {
    if (error instanceof SystemeMockError) return error;
    throw new Error(`expected a SystemeMockError, got ${String(error)}`);
  }
  throw new Error('expected an error, nothing was thrown');
}

// Public functions are called from JavaScript too, where the types do not hold.
const loose = generate as (trigger: unknown, options?: unknown) => unknown;

describe('generate(): bad trigger ids and options (issue 10, case 18)', () => {
  it.each([
    [null, 'null'],
    [undefined, 'undefined'],
    [42, 'the number 42'],
    ['', 'the string ""'],
    [{}, 'an object'],
  ])('generate(%j): a UsageError naming the value', (trigger, shown) => {
    const error = thrownBy(() => loose(trigger));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe('BAD_TRIGGER');
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      `Failed to generate an event: ${shown} is not a trigger id. Pass one such as "SALE_NEW" ("systeme-mock list" shows them all).`,
    );
  });

  it('options that are not an object, and option values of the wrong type', () => {
    expect(thrownBy(() => loose('SALE_NEW', null)).message).toBe(
      'Failed to generate SALE_NEW: the options are null, not an object. Pass an object like { seed: 7 }, or nothing.',
    );
    expect(thrownBy(() => loose('SALE_NEW', 'seed')).message).toBe(
      'Failed to generate SALE_NEW: the options are the string "seed", not an object. Pass an object like { seed: 7 }, or nothing.',
    );
    expect(thrownBy(() => loose('SALE_NEW', { seed: {} })).message).toBe(
      'Failed to use the seed: it is an object. Pass a number or a non-empty string, e.g. --seed 42.',
    );
    expect(thrownBy(() => loose('SALE_NEW', { set: 'a=1' })).message).toBe(
      `Failed to use set: it must be a list of "path=value" strings. Pass e.g. ['data.order.id=5'].`,
    );
    expect(thrownBy(() => loose('SALE_NEW', { templatesDir: 7 })).message).toBe(
      'Failed to use templatesDir: it is the number 7. Pass the path of a folder of templates.',
    );
    expect(thrownBy(() => loose('SALE_NEW', { now: {} })).message).toBe(
      'Failed to use now: it is an object. Pass a Date, an ISO date string or epoch milliseconds.',
    );
    expect(thrownBy(() => createGenerator({ seed: 1 }).event('SALE_NEW', 0, { at: new Date('nope') })).message).toBe(
      'Failed to generate event 0: "at" is an object, not a valid time. Pass a Date, an ISO date or epoch milliseconds.',
    );
  });
});

describe('generate(): overrides that are not JSON data (issue 10, case 18)', () => {
  const overridden = (overrides: unknown): SystemeMockError => thrownBy(() => loose('SALE_NEW', { seed: 1, overrides }));

  it('a cycle: an OverrideError naming the path, not "Maximum call stack size exceeded"', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const error = overridden({ coupon: cyclic });
    expect(error).toBeInstanceOf(OverrideError);
    expect((error as OverrideError).path).toBe('coupon.self');
    expect(error.message).toBe('Failed to apply override coupon.self: the value contains itself (a cycle). Pass a tree of plain values.');
    const loop: Record<string, unknown> = { email: 'a@b.co' };
    const customer = { fields: loop };
    loop['back'] = customer;
    expect(overridden({ customer }).message).toBe(
      'Failed to apply override customer.fields.back: the value contains itself (a cycle). Pass a tree of plain values.',
    );
  });

  it('the same object twice, without a cycle, is fine', () => {
    const shared = { code: 'X1' };
    const coupon = {
      innerName: 'Promo',
      code: 'X1',
      discountAmount: 10,
      discountType: 'percent' as const,
      expirationDate: null,
      limitOfUse: null,
    };
    const event = generate('SALE_NEW', { seed: 1, overrides: { coupon, customer: { fields: { a: shared.code, b: shared.code } } } });
    expect(event.payload.coupon).toEqual(coupon);
    expect(event.body).toContain('"fields":{"a":"X1","b":"X1"}');
  });

  it('a BigInt: an OverrideError, not "Failed to encode a value of type bigint"', () => {
    const error = overridden({ order: { id: 5n } });
    expect(error).toBeInstanceOf(OverrideError);
    expect(error.message).toBe(
      'Failed to apply override order.id: the bigint 5n is not a JSON value. Pass a number (ids and cents fit one) or a string.',
    );
  });

  it('a function: refused, not silently dropped from the bytes', () => {
    const error = overridden({ customer: { email: () => 'a@b.co' } });
    expect(error).toBeInstanceOf(OverrideError);
    expect(error.message).toBe(
      'Failed to apply override customer.email: a function is not a JSON value. Pass the value itself: a string, number, boolean, null, array or object.',
    );
  });

  it('NaN, a Date, a Symbol, undefined in a list, a deep chain and a non-object: refused with the path', () => {
    expect(overridden({ order: { totalPrice: Number.NaN } }).message).toBe(
      'Failed to apply override order.totalPrice: NaN is not a JSON number. Pass a finite number.',
    );
    expect(overridden({ order: { createdAt: new Date(0) } }).message).toBe(
      'Failed to apply override order.createdAt: a Date is not a plain JSON value. Pass a string, number, boolean, null, array or plain object (a date as its ATOM string).',
    );
    expect(overridden({ customer: { email: Symbol('x') } }).message).toBe(
      'Failed to apply override customer.email: a symbol is not a JSON value. Pass the value itself: a string, number, boolean, null, array or object.',
    );
    expect(overridden({ customer: { fields: [1, undefined] } }).message).toBe(
      'Failed to apply override customer.fields.1: undefined is not a JSON value in a list. Pass null, or leave the item out.',
    );
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 100_000; i++) deep = deep['a'] = {};
    expect(overridden({ customer: { fields: root } }).message).toBe(
      `Failed to apply override customer.fields${'.a'.repeat(62)}: the value nests deeper than 64 levels. Pass a flatter value.`,
    );
    const notObject = overridden([1]);
    expect(notObject).toBeInstanceOf(OverrideError);
    expect(notObject.message).toBe(
      "Failed to apply overrides to SALE_NEW: they are an array, not an object. Pass a deep partial of the payload, like { customer: { email: 'a@b.co' } }.",
    );
  });

  it('undefined in an object still means "leave it as is"', () => {
    const plain = generate('SALE_NEW', { seed: 1 });
    expect(generate('SALE_NEW', { seed: 1, overrides: { customer: { email: undefined } } }).body).toBe(plain.body);
  });
});

describe('generateEvents(): counts and start indexes (issue 10, case 19)', () => {
  const loose = generateEvents as (triggers: unknown, options: unknown) => Generator<unknown>;

  it.each([
    [-1, 'the number -1'],
    [Number.NaN, 'the number NaN'],
    [1.5, 'the number 1.5'],
    [Number.POSITIVE_INFINITY, 'the number Infinity'],
    ['10', 'the string "10"'],
    [undefined, 'undefined'],
  ])('count %s: a UsageError at the call, before any event', (count, shown) => {
    const error = thrownBy(() => loose(['SALE_NEW'], { count, seed: 1 }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe('BAD_COUNT');
    expect(error.message).toBe(`Failed to generate events: count is ${shown}, not a whole number from 0. Pass e.g. count: 10.`);
  });

  it('startIndex, an overflowing range, triggers and options', () => {
    expect(thrownBy(() => loose(['SALE_NEW'], { count: 1, startIndex: -3 })).message).toBe(
      'Failed to generate events: startIndex is the number -3, not a whole number from 0. Pass e.g. startIndex: 0.',
    );
    expect(thrownBy(() => loose(['SALE_NEW'], { count: 10, startIndex: Number.MAX_SAFE_INTEGER - 5 })).message).toBe(
      `Failed to generate events: startIndex + count is past ${Number.MAX_SAFE_INTEGER}. Pass smaller numbers.`,
    );
    expect(thrownBy(() => loose('SALE_NEW', { count: 1 })).message).toBe(
      'Failed to generate events: the triggers are the string "SALE_NEW", not a list. Pass e.g. [\'SALE_NEW\'].',
    );
    expect(thrownBy(() => loose([null], { count: 1 })).message).toBe(
      'Failed to generate an event: null is not a trigger id. Pass one such as "SALE_NEW" ("systeme-mock list" shows them all).',
    );
    expect(thrownBy(() => loose(['SALE_NEW'], undefined)).message).toBe(
      'Failed to generate events: no options. Pass at least { count: 10 }.',
    );
  });

  it('count 0 is a valid empty run, and a valid count yields exactly that many events per trigger', () => {
    expect([...generateEvents(['SALE_NEW'], { count: 0, seed: 1 })]).toEqual([]);
    const events = [...generateEvents(['SALE_NEW', 'CONTACT_CREATED'], { count: 3, startIndex: 2, seed: 1 })];
    expect(events.map((e) => [e.trigger.id, e.index])).toEqual([
      ['SALE_NEW', 2],
      ['CONTACT_CREATED', 2],
      ['SALE_NEW', 3],
      ['CONTACT_CREATED', 3],
      ['SALE_NEW', 4],
      ['CONTACT_CREATED', 4],
    ]);
  });
});
