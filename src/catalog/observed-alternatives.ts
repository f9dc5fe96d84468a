import { compareShape } from './compare-shape.js';
import { DOCUMENTED_EXAMPLES } from './documented-examples.js';
import { DOCUMENTED_SCHEMAS } from './documented-schemas.js';
import type { Schema } from './schema.js';
import { BUILT_IN_TRIGGERS, type Dialect } from './triggers.js';

const byDialect = new Map<Dialect, ReadonlySet<string>>();

function schemaOf(triggerId: string): Schema | undefined {
  return (DOCUMENTED_SCHEMAS as Readonly<Record<string, Schema | undefined>>)[triggerId];
}

/** Every alternative the published examples of one dialect take, each compared with its own trigger's schema. */
function observedIn(dialect: Dialect): ReadonlySet<string> {
  let observed = byDialect.get(dialect);
  if (observed === undefined) {
    const ids = new Set(BUILT_IN_TRIGGERS.filter((t) => t.dialect === dialect).map((t) => t.id));
    observed = new Set(
      DOCUMENTED_EXAMPLES.filter((example) => ids.has(example.trigger)).flatMap(
        (example) => compareShape(schemaOf(example.trigger)!, JSON.parse(example.body)).alternatives,
      ),
    );
    byDialect.set(dialect, observed);
  }
  return observed;
}

/**
 * The documented alternatives (`path=label`) that published examples show; those a schema declares
 * beyond these are the mock's assumptions. Examples of one dialect count for all its triggers at the
 * same place: the automation contact is one object, and SEED's `fields: []` in `contact.tag.added` shows
 * it for `contact.course.enrolled` too. Undefined for a trigger no published example shows at all (its
 * whole shape is assumed: SALE_CANCELED, the CONTACT_* events) or with no documented schema.
 * @example listObservedAlternatives('contact.course.enrolled')?.has('$.data.contact.fields=empty') // true
 */
export function listObservedAlternatives(triggerId: string): ReadonlySet<string> | undefined {
  const trigger = BUILT_IN_TRIGGERS.find((t) => t.id === triggerId);
  if (trigger === undefined || schemaOf(triggerId) === undefined) return undefined;
  if (!DOCUMENTED_EXAMPLES.some((example) => example.trigger === triggerId)) return undefined;
  return observedIn(trigger.dialect);
}
