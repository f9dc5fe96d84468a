/**
 * The one list of triggers systeme.io documents. `list`, the README table, the template sync test and
 * the generators all read it; nothing else enumerates triggers.
 */
import type { TriggerId } from './payloads.js';

export type Dialect = 'automation' | 'webhooks';

/**
 * What an event does to the world, read by the world (to draw coherent entities and times) and by the
 * MSW store (to update its state). User templates declare them in their `"effects"` key.
 */
export interface TriggerEffects {
  /** The event adds (`add`) or removes (`remove`) the tag it names to or from its contact's tags. */
  readonly tag?: 'add' | 'remove' | undefined;
  /** The event registers its contact: a new contact, registered at the event time. */
  readonly registersContact?: boolean | undefined;
  /**
   * `new`: the event is a sale made at the event time, to a contact whose fields hold what a checkout
   * collects. `cancel`: the event cancels the sale of the same index, days after it was made.
   */
  readonly sale?: 'new' | 'cancel' | undefined;
}

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
  /** What the event does to the world ({} when it only reports). */
  readonly effects: TriggerEffects;
}

function automation(wireName: string, variant: string | null, description: string, effects: TriggerEffects = {}): TriggerDefinition {
  const id = variant === null ? wireName : `${wireName}:${variant}`;
  const file = variant === null ? wireName : `${wireName}.${variant}`;
  return { id, dialect: 'automation', wireName, variant, schemaVersion: null, description, template: `automation/${file}.json`, effects };
}

function webhooks(event: string, schemaVersion: number, description: string, effects: TriggerEffects = {}): TriggerDefinition {
  return {
    id: event,
    dialect: 'webhooks',
    wireName: event,
    variant: null,
    schemaVersion,
    description,
    template: `webhooks/${event}.json`,
    effects,
  };
}

/** Every trigger systeme.io documents, in catalog order: id, dialect, wire name, variant, schema version. */
export const BUILT_IN_TRIGGERS = [
  automation('contact.optin.completed', 'funnel-step', 'A contact subscribed through a funnel step form.'),
  automation('contact.optin.completed', 'blog-page', 'A contact subscribed through a blog page form.'),
  automation('customer.sale.completed', null, 'A new sale: customer, funnel step, price plan, order, order item resources, coupon.', {
    sale: 'new',
  }),
  automation('contact.tag.added', null, 'A tag was added to a contact.', { tag: 'add' }),
  automation('contact.tag.removed', null, 'A tag was removed from a contact.', { tag: 'remove' }),
  automation('contact.webinar.registered', null, 'A contact registered to a webinar.'),
  automation('contact.course.enrolled', null, 'A contact was enrolled in a course.'),
  automation('contact.course_bundle.enrolled', null, 'A contact was enrolled in a course bundle.'),
  automation('contact.campaign.finished', null, 'A contact completed an email campaign.'),
  automation('contact.page.visited', null, 'A contact visited a funnel page.'),
  automation('contact.email_link.clicked', null, 'A contact clicked a link in an email.'),
  webhooks('CONTACT_CREATED', 1, 'A contact was created.', { registersContact: true }),
  webhooks('CONTACT_TAG_ADDED', 1, 'A tag was added to a contact.', { tag: 'add' }),
  webhooks('CONTACT_TAG_REMOVED', 1, 'A tag was removed from a contact.', { tag: 'remove' }),
  webhooks('CONTACT_OPT_IN', 1, 'A contact opted in through a form.'),
  webhooks('SALE_NEW', 2, 'A new sale (schema 2).', { sale: 'new' }),
  webhooks(
    'SALE_CANCELED',
    2,
    'A one-off payment refunded or a subscription cancelled (shape assumed equal to SALE_NEW: never captured).',
    { sale: 'cancel' },
  ),
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
