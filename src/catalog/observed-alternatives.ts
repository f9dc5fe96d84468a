import { compareShape } from './compare-shape.js';
import { DOCUMENTED_EXAMPLES } from './documented-examples.js';
import { DOCUMENTED_SCHEMAS } from './documented-schemas.js';
import type { Schema } from './schema.js';

const cache = new Map<string, ReadonlySet<string>>();

/**
 * The documented alternatives (`path=label`) that published examples of a trigger show. Those a
 * schema declares beyond these are the mock's assumptions. Undefined for a trigger no published
 * example shows at all (its whole shape is assumed, SALE_CANCELED say) or that has no documented schema.
 * @example listObservedAlternatives('customer.sale.completed')?.has('$.data.coupon=null') // true
 */
export function listObservedAlternatives(triggerId: string): ReadonlySet<string> | undefined {
  const schema = (DOCUMENTED_SCHEMAS as Readonly<Record<string, Schema | undefined>>)[triggerId];
  const examples = DOCUMENTED_EXAMPLES.filter((example) => example.trigger === triggerId);
  if (schema === undefined || examples.length === 0) return undefined;
  let observed = cache.get(triggerId);
  if (observed === undefined) {
    observed = new Set(examples.flatMap((example) => compareShape(schema, JSON.parse(example.body)).alternatives));
    cache.set(triggerId, observed);
  }
  return observed;
}
