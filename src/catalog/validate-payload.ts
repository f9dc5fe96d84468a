import { DOCUMENTED_SCHEMAS } from './documented-schemas.js';
import { checkSchema } from './schema.js';

export interface ValidatePayloadOptions {
  /**
   * Reject keys that are the documented ones in another order. Default false: systeme.io does not keep
   * key order (reference §5), so a re-ordered body is accepted and the difference is a note.
   */
  strictOrder?: boolean | undefined;
}

/** What a payload check found: problems reject the body, notes are worth knowing. */
export interface PayloadCheck {
  readonly problems: string[];
  readonly notes: string[];
}

function schemaOf(triggerId: string) {
  return (DOCUMENTED_SCHEMAS as Record<string, (typeof DOCUMENTED_SCHEMAS)[keyof typeof DOCUMENTED_SCHEMAS] | undefined>)[triggerId];
}

/**
 * Checks a payload against the documented shape of a built-in trigger: key sets at every level, JSON
 * types and the documented alternatives; key order only with `strictOrder`. Returns the problems,
 * empty when it matches; a custom trigger (no documented schema) has nothing to check against and
 * returns [].
 * @example validatePayload('SALE_NEW', JSON.parse(body)) // []
 */
export function validatePayload(triggerId: string, payload: unknown, options: ValidatePayloadOptions = {}): string[] {
  return checkPayload(triggerId, payload, options).problems;
}

/**
 * {@link validatePayload} with its notes: each object whose keys come in another order than documented.
 * @example checkPayload('contact.course.enrolled', JSON.parse(body)).notes // ['$.data.contact: keys in another order ...']
 */
export function checkPayload(triggerId: string, payload: unknown, options: ValidatePayloadOptions = {}): PayloadCheck {
  const schema = schemaOf(triggerId);
  const notes: string[] = [];
  if (schema === undefined) return { problems: [], notes };
  const problems = checkSchema(schema, payload, '$', undefined, { strictOrder: options.strictOrder, notes });
  return { problems, notes };
}
