import { BUILT_IN_TRIGGERS, type Dialect, type TriggerDefinition } from './triggers.js';

/** Which trigger a delivery is, as far as its headers and body say. */
export interface IdentifiedTrigger {
  readonly dialect: Dialect;
  /** The `x-webhook-event` or body `type`, or null when there is none. */
  readonly wireName: string | null;
  /** The catalog trigger, or null when the wire name is unknown or the variant cannot be told. */
  readonly trigger: TriggerDefinition | null;
  /** Why `trigger` is null, when it is. */
  readonly reason: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Names the trigger of a delivery: `x-webhook-event` for the webhooks dialect, the body's `type` for
 * automation; `contact.optin.completed` is the funnel-step or blog-page variant by the keys in `data`.
 * @example identifyTrigger({ payload: { type: 'contact.tag.added', data: {} } }).trigger?.id // 'contact.tag.added'
 */
export function identifyTrigger(input: { event?: string | undefined; payload: unknown }): IdentifiedTrigger {
  const triggers: readonly TriggerDefinition[] = BUILT_IN_TRIGGERS;
  if (input.event !== undefined) {
    const trigger = triggers.find((t) => t.dialect === 'webhooks' && t.wireName === input.event) ?? null;
    return { dialect: 'webhooks', wireName: input.event, trigger, reason: trigger === null ? `unknown event "${input.event}"` : null };
  }
  const type = isRecord(input.payload) ? input.payload['type'] : undefined;
  if (typeof type !== 'string') {
    return { dialect: 'automation', wireName: null, trigger: null, reason: 'no x-webhook-event header and no "type" in the body' };
  }
  const candidates = triggers.filter((t) => t.dialect === 'automation' && t.wireName === type);
  if (candidates.length === 0) return { dialect: 'automation', wireName: type, trigger: null, reason: `unknown type "${type}"` };
  if (candidates.length === 1) return { dialect: 'automation', wireName: type, trigger: candidates[0]!, reason: null };
  // Two documented shapes share contact.optin.completed: tell them apart by what `data` holds.
  const data = isRecord(input.payload) ? input.payload['data'] : undefined;
  const variant = isRecord(data) ? ('funnel_step' in data ? 'funnel-step' : 'page_model' in data ? 'blog-page' : null) : null;
  const trigger = candidates.find((t) => t.variant === variant) ?? null;
  return {
    dialect: 'automation',
    wireName: type,
    trigger,
    reason: trigger === null ? `"${type}" with neither data.funnel_step nor data.page_model` : null,
  };
}
