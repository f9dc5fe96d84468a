import type { CatalogOptions } from '../catalog/catalog.js';
import { compareShape, type ShapeDifference } from '../catalog/compare-shape.js';
import { listObservedAlternatives } from '../catalog/observed-alternatives.js';
import type { Schema } from '../catalog/schema.js';
import type { Dialect } from '../catalog/triggers.js';
import { verifySignature } from '../signature/verify-signature.js';
import { findDocumentedSchema, identifyCapture } from './identify-capture.js';
import type { CaptureForm, CapturedDelivery } from './read-captures.js';

/**
 * `valid`/`invalid`/`missing`/`malformed`: checked with the secrets given; `unchecked`: no secret given,
 * or the capture holds no headers; `unsigned`: the automation dialect, which systeme.io never signs.
 */
export type CaptureSignature = 'valid' | 'invalid' | 'missing' | 'malformed' | 'unchecked' | 'unsigned';

/** `match`: the documented shape, maybe with information; anything else makes `validate` exit 1. */
export type CaptureStatus = 'match' | 'drift' | 'unidentified' | 'unchecked' | 'bad-signature';

/** What `validate` says about one captured delivery. */
export interface CaptureReport {
  readonly source: string;
  readonly form: CaptureForm;
  readonly status: CaptureStatus;
  readonly dialect: Dialect | null;
  /** The catalog trigger (or `--against` capture) the body was compared with. */
  readonly trigger: string | null;
  readonly wireName: string | null;
  readonly candidates: readonly string[];
  /** How the trigger was identified, or why it cannot be. */
  readonly identifiedBy: string;
  /** One phrase: the schema verdict. */
  readonly verdict: string;
  readonly signature: CaptureSignature;
  readonly differences: readonly ShapeDifference[];
  readonly notes: readonly string[];
}

export interface ValidateCaptureOptions extends CatalogOptions {
  /** With secrets, the signature of each webhooks delivery is checked over its exact bytes. */
  readonly secrets?: readonly string[] | undefined;
  /** Compare with this shape (a capture's, from `inferCaptureShape`) instead of the catalog's. */
  readonly against?: { readonly name: string; readonly schema: Schema } | undefined;
}

const HEX_64 = /^[0-9a-f]{64}$/;

function checkSignature(
  delivery: CapturedDelivery,
  dialect: Dialect | null,
  secrets: readonly string[],
  notes: string[],
): CaptureSignature {
  if (dialect === 'automation') return 'unsigned';
  if (secrets.length === 0) return 'unchecked';
  if (!delivery.hasHeaders) {
    notes.push('signature not checked: the capture holds the body only; capture the headers too ({"headers", "body"} JSON or a HAR file)');
    return 'unchecked';
  }
  const signature = delivery.headers['x-webhook-signature'];
  if (signature === undefined) return 'missing';
  if (!HEX_64.test(signature)) return 'malformed';
  if (secrets.some((secret) => verifySignature(delivery.body, signature, secret))) return 'valid';
  if (!delivery.exactBytes)
    notes.push(
      'the signature was checked over re-encoded bytes, not the bytes systeme.io sent: a mismatch may come from the capture, not the sender',
    );
  return 'invalid';
}

const SIGNATURE_FAILURES = new Set<CaptureSignature>(['invalid', 'missing', 'malformed']);

/**
 * Validates one captured delivery: identifies its trigger, checks the signature over the exact bytes
 * when secrets are given, and compares the body with the documented shape (or with `against`): the
 * verdict, then every difference, drift or information.
 * @example validateCapture(readCaptures(bytes, 'sale.json')[0]!, { secrets: ['s3cret'] }).status // 'match'
 */
export function validateCapture(delivery: CapturedDelivery, options: ValidateCaptureOptions = {}): CaptureReport {
  const notes = [...delivery.notes];
  const found = identifyCapture(delivery, options);
  // Compared with a capture, a trigger outside the catalog is expected (that is what templates grown from captures are for).
  const identity =
    options.against !== undefined && found.trigger === null && found.wireName !== null
      ? { ...found, how: found.dialect === 'automation' ? 'from the body\'s "type"' : 'from the x-webhook-event header' }
      : found;
  const signature = checkSignature(delivery, identity.dialect, options.secrets ?? [], notes);
  let schema: Schema | undefined;
  let name: string | null = identity.trigger?.id ?? null;
  let observed: ReadonlySet<string> | undefined;
  if (options.against !== undefined) {
    schema = options.against.schema;
    name = identity.trigger?.id ?? identity.wireName ?? options.against.name;
  } else if (identity.trigger !== null) {
    schema = findDocumentedSchema(identity.trigger.id);
    observed = listObservedAlternatives(identity.trigger.id);
    const version = delivery.headers['x-webhook-schema-version'];
    if (version !== undefined && identity.trigger.schemaVersion !== null && version !== String(identity.trigger.schemaVersion)) {
      notes.push(
        `x-webhook-schema-version is ${version}, the catalog documents v${identity.trigger.schemaVersion} of ${identity.trigger.id}: compared with v${identity.trigger.schemaVersion}`,
      );
    }
    if (schema !== undefined && observed === undefined) {
      notes.push(
        `no published example of ${identity.trigger.id} exists: its documented shape is assumed, and this capture is the first to check it`,
      );
    }
  }
  if (schema === undefined) {
    const verdict =
      name === null
        ? 'not checked: the trigger is unknown'
        : `not checked: ${name} is a template of yours with no documented shape; pass --against CAPTURE to compare with a capture`;
    return report(delivery, identity, name === null ? 'unidentified' : 'unchecked', name, verdict, signature, [], notes);
  }
  const comparison = compareShape(schema, delivery.payload, { observed });
  const drift = comparison.differences.filter((d) => d.drift).length;
  const information = comparison.differences.length - drift;
  const against = options.against === undefined ? `the documented ${name!}` : `the shape of ${options.against.name}`;
  const verdict =
    drift === 0
      ? `matches ${against}${information > 0 ? ` (${information} ${information === 1 ? 'note' : 'notes'})` : ''}`
      : `drift from ${against}: ${drift} ${drift === 1 ? 'difference' : 'differences'}`;
  const status: CaptureStatus = SIGNATURE_FAILURES.has(signature) ? 'bad-signature' : drift > 0 ? 'drift' : 'match';
  return report(delivery, identity, status, name, verdict, signature, comparison.differences, notes);
}

// One place builds a report, so the JSON output always lists its fields in the same order.
function report(
  delivery: CapturedDelivery,
  identity: ReturnType<typeof identifyCapture>,
  status: CaptureStatus,
  trigger: string | null,
  verdict: string,
  signature: CaptureSignature,
  differences: readonly ShapeDifference[],
  notes: readonly string[],
): CaptureReport {
  return {
    source: delivery.source,
    form: delivery.form,
    status,
    trigger,
    dialect: identity.dialect,
    wireName: identity.wireName,
    candidates: identity.candidates,
    identifiedBy: identity.how,
    verdict,
    signature,
    differences,
    notes,
  };
}
