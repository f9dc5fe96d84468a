import type { ApiContact } from './api-types.js';
import type { EmitContext } from './handle-api-request.js';

/** A whole value to put at a payload path. */
export type Replacement = readonly [path: readonly string[], value: unknown];

/** `[]` for a contact without fields (PHP's empty array), else `{slug: value}`, as both dialects send them. */
export function fieldsBySlug(contact: ApiContact): Record<string, string> | never[] {
  const entries = contact.fields.filter((f) => f.value !== null).map((f) => [f.slug, f.value as string] as const);
  return entries.length === 0 ? [] : Object.fromEntries(entries);
}

/**
 * The parts of a trigger's payload that must describe the store's objects: the contact (or the sale's
 * customer), the tag, the course. Everything else stays as the generator made it.
 */
export function buildReplacements(triggerId: string, context: EmitContext): Replacement[] {
  const { contact, tag, course, accessType } = context;
  const wire = triggerId.split(':')[0]!;
  const out: Replacement[] = [];
  const tagRef = tag === undefined ? undefined : { id: tag.id, name: tag.name };
  if (wire === 'SALE_NEW' || wire === 'SALE_CANCELED') {
    if (contact !== undefined) {
      out.push([['customer', 'contactId'], contact.id], [['customer', 'email'], contact.email], [['customer', 'fields'], fieldsBySlug(contact)]);
    }
  } else if (/^[A-Z_]+$/.test(wire)) {
    if (contact !== undefined) out.push([['contact'], contact]);
    if (tagRef !== undefined) out.push([['tag'], tagRef]);
  } else if (wire === 'customer.sale.completed') {
    if (contact !== undefined) {
      out.push(
        [['data', 'customer', 'contact_id'], contact.id],
        [['data', 'customer', 'email'], contact.email],
        [['data', 'customer', 'fields'], fieldsBySlug(contact)],
      );
    }
  } else {
    if (contact !== undefined) {
      out.push([['data', 'contact', 'id'], contact.id], [['data', 'contact', 'email'], contact.email], [['data', 'contact', 'fields'], fieldsBySlug(contact)]);
    }
    if (tagRef !== undefined) out.push([['data', 'tag'], tagRef]);
    if (course !== undefined) out.push([['data', 'course'], { id: course.id, name: course.name, description: course.description }]);
    if (accessType !== undefined) out.push([['data', 'access_type'], accessType]);
  }
  return out;
}
