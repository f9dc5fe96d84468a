/**
 * The one list of triggers systeme.io documents. `list`, the README table, the template sync test and
 * the generators all read it; nothing else enumerates triggers.
 */
import type { TriggerId } from './payloads.js';

export type Dialect = 'automation' | 'webhooks';

export interface TriggerDefinition {
  /** The wire name, plus `:<variant>` where one wire name has several documented shapes. */
  readonly id: string;
  /** `automation`: the rules/workflows "call a webhook" action; `webhooks`: the Settings › Webhooks service. */
  readonly dialect: Dialect;
  /** The body's `type` (automation) or the `x-webhook-event` header (webhooks). */
  readonly wireName: string;
  readonly variant: string | null;
  /** `x-webhook-schema-version` for the webhooks dialect; null for automation. */
  readonly schemaVersion: number | null;
  readonly description: string;
  /** The template file, relative to the templates folder. */
  readonly template: string;
}

function automation(wireName: string, variant: string | null, description: string): TriggerDefinition {
  const id = variant === null ? wireName : `${wireName}:${variant}`;
  const file = variant === null ? wireName : `${wireName}.${variant}`;
  return { id, dialect: 'automation', wireName, variant, schemaVersion: null, description, template: `automation/${file}.json` };
}

function webhooks(event: string, schemaVersion: number, description: string): TriggerDefinition {
  return { id: event, dialect: 'webhooks', wireName: event, variant: null, schemaVersion, description, template: `webhooks/${event}.json` };
}

/** Every trigger systeme.io documents, in catalog order: id, dialect, wire name, variant, schema version. */
export const BUILT_IN_TRIGGERS = [
  automation('contact.optin.completed', 'funnel-step', 'A contact subscribed through a funnel step form.'),
  automation('contact.optin.completed', 'blog-page', 'A contact subscribed through a blog page form.'),
  automation('customer.sale.completed', null, 'A new sale: customer, funnel step, price plan, order, order item resources, coupon.'),
  automation('contact.tag.added', null, 'A tag was added to a contact.'),
  automation('contact.tag.removed', null, 'A tag was removed from a contact.'),
  automation('contact.webinar.registered', null, 'A contact registered to a webinar.'),
  automation('contact.course.enrolled', null, 'A contact was enrolled in a course.'),
  automation('contact.course_bundle.enrolled', null, 'A contact was enrolled in a course bundle.'),
  automation('contact.campaign.finished', null, 'A contact completed an email campaign.'),
  automation('contact.page.visited', null, 'A contact visited a funnel page.'),
  automation('contact.email_link.clicked', null, 'A contact clicked a link in an email.'),
  webhooks('CONTACT_CREATED', 1, 'A contact was created.'),
  webhooks('CONTACT_TAG_ADDED', 1, 'A tag was added to a contact.'),
  webhooks('CONTACT_TAG_REMOVED', 1, 'A tag was removed from a contact.'),
  webhooks('CONTACT_OPT_IN', 1, 'A contact opted in through a form.'),
  webhooks('SALE_NEW', 2, 'A new sale (schema 2).'),
  webhooks('SALE_CANCELED', 2, 'A one-off payment refunded or a subscription cancelled (shape assumed equal to SALE_NEW: never captured).'),
] as const satisfies readonly TriggerDefinition[];

/** The id of a built-in trigger: the keys of the payload type map (the sync test keeps both equal). */
export type BuiltInTriggerId = TriggerId;

declare const customTriggerBrand: unique symbol;

/** The id of a trigger from your own templates (or read at run time), marked by `customTrigger`. */
export type CustomTriggerId = string & { readonly [customTriggerBrand]: true };

/**
 * The escape hatch of the typed trigger ids: a literal id must be a built-in one (`generate('SALE_NEWW')`
 * does not compile), so an id of your own templates goes through here. It is checked at run time, like
 * any id: an id in no template throws UnknownTriggerError.
 * @example generate(customTrigger('order.shipped'), { templatesDir: './my-templates' })
 */
export function customTrigger(id: string): CustomTriggerId {
  return id as CustomTriggerId;
}

/**
 * What a function taking a trigger id accepts: a built-in id (literal or typed), a `customTrigger(...)`,
 * or a plain `string` known only at run time (CLI arguments, config files). A string literal that is no
 * built-in id is a compile error that names the fix.
 */
export type CheckedTriggerId<T extends string> = string extends T
  ? T
  : T extends BuiltInTriggerId | CustomTriggerId
    ? T
    : `Unknown trigger id "${T}": use a built-in id, or customTrigger('${T}') for one of your templates`;
