import { DOCUMENTED_SCHEMAS } from './documented-schemas.js';
import { checkSchema } from './schema.js';

/**
 * Checks a payload against the documented shape of a built-in trigger: key sets and order at every
 * level, JSON types and the documented alternatives. Returns the problems, empty when it matches; a
 * custom trigger (no documented schema) has nothing to check against and returns [].
 * @example validatePayload('SALE_NEW', JSON.parse(body)) // []
 */
export function validatePayload(triggerId: string, payload: unknown): string[] {
  const schema = (DOCUMENTED_SCHEMAS as Record<string, (typeof DOCUMENTED_SCHEMAS)[keyof typeof DOCUMENTED_SCHEMAS] | undefined>)[triggerId];
  if (schema === undefined) return [];
  return checkSchema(schema, payload);
}
