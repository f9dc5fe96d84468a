import type { Dialect } from '../catalog/triggers.js';
import { UsageError } from '../errors.js';

/** What a raised delivery is about: the action itself, or each tag or course resource of the sale's offer. */
export type RaisedFor = 'action' | 'tag-resource' | 'course-resource';

/** One delivery systeme.io raises for an action, where the account is configured for it. */
export interface RaisedDelivery {
  readonly trigger: string;
  readonly dialect: Dialect;
  readonly for: RaisedFor;
  /** True when the reference documents it (§1 trigger lists and payloads, §5); false when assumed. */
  readonly documented: boolean;
}

/** One action of a contact or the account, and every delivery it raises, in the order they go out. */
export interface CausalRule {
  readonly action: string;
  /** The triggers that report the action: a journey step naming one of them is this action. */
  readonly reportedBy: readonly string[];
  readonly raises: readonly RaisedDelivery[];
  /** Why, for the docs table. */
  readonly note: string;
}

const documented = (trigger: string, dialect: Dialect): RaisedDelivery => ({ trigger, dialect, for: 'action', documented: true });

/**
 * What systeme.io raises for one action, as data (docs/journeys.md "What one action raises" shows it).
 * Documented: each trigger and its payload (reference §1a, §1b, §5). Assumed: that a sale also raises a tag
 * event per tag resource and an enrolment per course resource of its offer, and their order and delays.
 */
export const CAUSAL_RULES: readonly CausalRule[] = [
  {
    action: 'sale',
    reportedBy: ['customer.sale.completed', 'SALE_NEW'],
    raises: [
      documented('customer.sale.completed', 'automation'),
      documented('SALE_NEW', 'webhooks'),
      { trigger: 'contact.tag.added', dialect: 'automation', for: 'tag-resource', documented: false },
      { trigger: 'CONTACT_TAG_ADDED', dialect: 'webhooks', for: 'tag-resource', documented: false },
      // The webhooks service has no enrolment event (§1b: six events).
      { trigger: 'contact.course.enrolled', dialect: 'automation', for: 'course-resource', documented: false },
    ],
    note: 'The offer grants its resources: a tag added per tag resource, an enrolment per course resource, seconds after the sale (assumed).',
  },
  {
    action: 'sale cancelled',
    reportedBy: ['SALE_CANCELED'],
    // The automation "sale cancelled" trigger exists in the rules UI but its type string is unpublished (§5).
    raises: [documented('SALE_CANCELED', 'webhooks')],
    note: 'The automation "sale cancelled" trigger has no published type string (§5), so only the webhook goes out.',
  },
  {
    action: 'funnel opt-in',
    reportedBy: ['contact.optin.completed:funnel-step', 'CONTACT_OPT_IN'],
    raises: [documented('contact.optin.completed:funnel-step', 'automation'), documented('CONTACT_OPT_IN', 'webhooks')],
    note: 'A funnel step form subscription.',
  },
  {
    action: 'tag added',
    reportedBy: ['contact.tag.added', 'CONTACT_TAG_ADDED'],
    raises: [documented('contact.tag.added', 'automation'), documented('CONTACT_TAG_ADDED', 'webhooks')],
    note: 'The same tag in both dialects.',
  },
  {
    action: 'tag removed',
    reportedBy: ['contact.tag.removed', 'CONTACT_TAG_REMOVED'],
    raises: [documented('contact.tag.removed', 'automation'), documented('CONTACT_TAG_REMOVED', 'webhooks')],
    note: 'The same tag in both dialects.',
  },
  {
    action: 'contact created',
    reportedBy: ['CONTACT_CREATED'],
    raises: [documented('CONTACT_CREATED', 'webhooks')],
    note: 'No automation trigger reports a bare contact creation.',
  },
];

/**
 * Which deliveries an account sends: per dialect, all (`true`), none (`false`), or the listed trigger ids
 * (its automation rules' triggers; its webhooks' subscribed events).
 */
export interface AccountConfiguration {
  readonly automation: boolean | readonly string[];
  readonly webhooks: boolean | readonly string[];
}

/** The rule of the action a trigger reports, or undefined: the step raises only its own trigger. */
export function findCausalRule(triggerId: string): CausalRule | undefined {
  return CAUSAL_RULES.find((rule) => rule.reportedBy.includes(triggerId));
}

/** Whether the account sends a delivery of `trigger` in `dialect`. */
export function isConfigured(configuration: AccountConfiguration, dialect: Dialect, trigger: string): boolean {
  const wanted = configuration[dialect];
  return typeof wanted === 'boolean' ? wanted : wanted.includes(trigger);
}

/** Every trigger the rules can raise: what `--raise` accepts besides the two dialect names. */
export function listRaisableTriggers(): Array<{ trigger: string; dialect: Dialect }> {
  const seen = new Map<string, Dialect>();
  for (const rule of CAUSAL_RULES) for (const raised of rule.raises) seen.set(raised.trigger, raised.dialect);
  return [...seen].map(([trigger, dialect]) => ({ trigger, dialect }));
}

/**
 * Reads `--raise`: `automation`, `webhooks` (every delivery of that dialect) or trigger ids (a rule or a
 * subscribed event), comma-separated.
 * @example parseRaise('automation,webhooks') // { automation: true, webhooks: true }
 * @example parseRaise('webhooks,customer.sale.completed') // { automation: ['customer.sale.completed'], webhooks: true }
 */
export function parseRaise(text: string): AccountConfiguration {
  const raisable = listRaisableTriggers();
  let automation: boolean | string[] = false;
  let webhooks: boolean | string[] = false;
  const tokens = text.split(',').map((token) => token.trim());
  for (const token of tokens) {
    if (token === 'automation') automation = true;
    else if (token === 'webhooks') webhooks = true;
    else {
      const known = raisable.find((entry) => entry.trigger === token);
      if (known === undefined) {
        throw new UsageError(
          `Failed to read --raise "${text}": "${token}" is neither automation, webhooks nor a trigger the rules raise (${raisable.map((entry) => entry.trigger).join(', ')}). Pass e.g. --raise automation,webhooks.`,
          'BAD_OPTION',
        );
      }
      if (known.dialect === 'automation' && automation !== true) automation = [...(automation || []), token];
      if (known.dialect === 'webhooks' && webhooks !== true) webhooks = [...(webhooks || []), token];
    }
  }
  return { automation, webhooks };
}

/**
 * The triggers a journey's steps can send under a configuration (default: each step's own), deduplicated:
 * what a sender checks before the first request (a webhooks delivery needs a secret).
 * @example listJourneyTriggers(loadJourney('refund').steps, { automation: true, webhooks: true }).map((t) => t.id)
 */
export function listJourneyTriggers(
  steps: ReadonlyArray<{ readonly trigger: { readonly id: string; readonly dialect: Dialect } | null }>,
  raises: AccountConfiguration | undefined,
): Array<{ id: string; dialect: Dialect }> {
  const found = new Map<string, Dialect>();
  for (const { trigger } of steps) {
    if (trigger === null) continue;
    const rule = raises === undefined ? undefined : findCausalRule(trigger.id);
    if (raises === undefined) found.set(trigger.id, trigger.dialect);
    else if (rule === undefined) {
      if (isConfigured(raises, trigger.dialect, trigger.id)) found.set(trigger.id, trigger.dialect);
    } else {
      for (const raised of rule.raises) if (isConfigured(raises, raised.dialect, raised.trigger)) found.set(raised.trigger, raised.dialect);
    }
  }
  return [...found].map(([id, dialect]) => ({ id, dialect }));
}
