import { listTriggers, type CatalogOptions } from '../catalog/catalog.js';
import { compareShape } from '../catalog/compare-shape.js';
import { DOCUMENTED_SCHEMAS } from '../catalog/documented-schemas.js';
import type { Schema } from '../catalog/schema.js';
import type { Dialect, TriggerDefinition } from '../catalog/triggers.js';

/** Which trigger a captured delivery is, and how that was told. */
export interface CaptureIdentity {
  readonly dialect: Dialect | null;
  /** The body's `type` or the `x-webhook-event` header; null when neither is there. */
  readonly wireName: string | null;
  /** The catalog trigger the delivery is compared with; null when none can be told. */
  readonly trigger: TriggerDefinition | null;
  /** Every trigger it could be (two webhooks events share a shape: SALE_NEW and SALE_CANCELED, ...). */
  readonly candidates: readonly string[];
  /** One phrase: how it was identified, or why it cannot be. */
  readonly how: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The documented schema of a catalog trigger; undefined for a user's own template. */
export function findDocumentedSchema(triggerId: string): Schema | undefined {
  return (DOCUMENTED_SCHEMAS as Readonly<Record<string, Schema | undefined>>)[triggerId];
}

function driftOf(trigger: TriggerDefinition, payload: unknown): number {
  const schema = findDocumentedSchema(trigger.id);
  return schema === undefined ? 0 : compareShape(schema, payload).differences.filter((d) => d.drift).length;
}

function topKeys(schema: Schema | undefined): string[] {
  return schema?.kind === 'object' ? schema.keys.map(([key]) => key) : [];
}

/**
 * Names the trigger of a capture: the `x-webhook-event` header (webhooks), else the body's `type`
 * (automation; where one type has two documented shapes, the closer one). A webhooks body captured
 * without its headers is inferred from its top-level keys, and the report says so: several events
 * share one shape (SALE_NEW and SALE_CANCELED; the two contact events; the two tag events), and only
 * the header tells them apart.
 * @example identifyCapture({ headers: {}, payload: { type: 'contact.tag.added', data: {} } }).trigger?.id // 'contact.tag.added'
 */
export function identifyCapture(
  capture: { readonly headers: Readonly<Record<string, string>>; readonly payload: unknown },
  options: CatalogOptions = {},
): CaptureIdentity {
  const triggers = listTriggers(options);
  const event = capture.headers['x-webhook-event'];
  if (event !== undefined) {
    const trigger = triggers.find((t) => t.dialect === 'webhooks' && t.wireName === event) ?? null;
    const how = trigger === null ? `x-webhook-event "${event}" is not in the catalog` : 'from the x-webhook-event header';
    return { dialect: 'webhooks', wireName: event, trigger, candidates: trigger === null ? [] : [trigger.id], how };
  }
  const payload = capture.payload;
  const type = isRecord(payload) ? payload['type'] : undefined;
  if (typeof type === 'string') {
    const candidates = triggers.filter((t) => t.dialect === 'automation' && t.wireName === type);
    if (candidates.length === 0) {
      return {
        dialect: 'automation',
        wireName: type,
        trigger: null,
        candidates: [],
        how: `type "${type}" is not in the catalog (systeme.io has published no payload for it: run "systeme-mock template --from" on this capture to add it)`,
      };
    }
    const ranked = candidates.map((trigger) => ({ trigger, drift: driftOf(trigger, payload) })).sort((a, b) => a.drift - b.drift);
    const how =
      candidates.length === 1
        ? 'from the body\'s "type"'
        : `from the body's "type" and the closer of its ${candidates.length} documented shapes`;
    return { dialect: 'automation', wireName: type, trigger: ranked[0]!.trigger, candidates: candidates.map((t) => t.id), how };
  }
  if (!isRecord(payload)) {
    return { dialect: null, wireName: null, trigger: null, candidates: [], how: 'cannot be identified: the body is not a JSON object' };
  }
  // No header and no type: a webhooks body. Its top-level keys point to a shape, not to one event.
  const keys = Object.keys(payload);
  const scored = triggers
    .filter((t) => t.dialect === 'webhooks' && findDocumentedSchema(t.id) !== undefined)
    .map((trigger) => {
      const documented = topKeys(findDocumentedSchema(trigger.id));
      const shared = documented.filter((key) => keys.includes(key)).length;
      return { trigger, documented, score: shared / new Set([...documented, ...keys]).size };
    })
    .sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (best === undefined || best.score < 0.5) {
    return {
      dialect: null,
      wireName: null,
      trigger: null,
      candidates: [],
      how: `cannot be identified: no x-webhook-event header, no "type" in the body, and its keys [${keys.join(', ')}] fit no documented event; capture the headers too ({"headers", "body"} JSON or a HAR file)`,
    };
  }
  const sameShape = scored.filter((s) => s.score === best.score && s.documented.join(',') === best.documented.join(','));
  const names = sameShape.map((s) => s.trigger.id);
  const how =
    names.length === 1
      ? `inferred from the body's keys (no x-webhook-event header captured)`
      : `inferred from the body's keys: ${names.join(' or ')}, which share one documented shape (compared with ${names[0]!}); only the x-webhook-event header tells them apart: capture the headers too`;
  return { dialect: 'webhooks', wireName: null, trigger: best.trigger, candidates: names, how };
}
