import { ATOM_DATE_PATTERN } from '../encode/atom-date.js';
import { DOCUMENTED_SCHEMAS } from './documented-schemas.js';
import { listObservedAlternatives } from './observed-alternatives.js';
import type { Schema } from './schema.js';
import { BUILT_IN_TRIGGERS, type TriggerDefinition } from './triggers.js';

/** A JSON Schema document, as plain JSON. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** One generated schema file of `schemas/`. */
export interface JsonSchemaFile {
  /** Relative to `schemas/`: `automation/contact.tag.added.json`, `webhooks/SALE_NEW.v2.json`. */
  readonly file: string;
  readonly trigger: string;
  readonly schema: JsonSchema;
}

/** Where the published files resolve (the package's `schemas/` folder on the npm CDN). */
export const JSON_SCHEMA_BASE = 'https://unpkg.com/systeme-mock/schemas/';
/** The custom keywords the schemas use: register them with Ajv (`ajv.addVocabulary(...)`) in strict mode. */
export const JSON_SCHEMA_VOCABULARY = ['x-assumed', 'x-assumed-values'] as const;

const ASSUMED_BRANCH = 'Assumed: no published example shows this alternative.';

interface Context {
  /** Alternatives published examples show; undefined when the trigger has none (all is assumed). */
  readonly observed: ReadonlySet<string> | undefined;
}

/**
 * Translates the catalog's schema language to JSON Schema (draft 2020-12): every documented key
 * required and no other allowed, alternatives as `anyOf` with their label as `title`, and what no
 * published example shows marked `x-assumed`. Key order is not expressed: systeme.io's is not a contract.
 * `map` (a contact's fields by slug) also accepts `[]`, which is how PHP's json_encode writes an empty one.
 * @example toJsonSchema(DOCUMENTED_SCHEMAS.SALE_NEW, listObservedAlternatives('SALE_NEW'))
 */
export function toJsonSchema(schema: Schema, observed?: ReadonlySet<string>): JsonSchema {
  return translate(schema, '$', { observed });
}

function translate(schema: Schema, path: string, context: Context): JsonSchema {
  switch (schema.kind) {
    case 'any':
      return {};
    case 'int':
      return { type: 'integer' };
    case 'float':
      return { type: 'number', description: 'A PHP float: written with a fraction (0.0, 19.99).' };
    case 'bool':
      return { type: 'boolean' };
    case 'null':
      return { type: 'null' };
    case 'atom':
      return {
        type: 'string',
        pattern: ATOM_DATE_PATTERN.source,
        description: 'An ATOM date (PHP DATE_ATOM): second precision, explicit offset, e.g. 2021-10-05T08:10:29+00:00.',
      };
    case 'string': {
      const out: Record<string, unknown> = { type: 'string' };
      if (schema.values !== undefined) {
        out['enum'] = [...schema.values];
        const assumed = context.observed === undefined ? [] : schema.values.filter((value) => !context.observed!.has(`${path}=${value}`));
        if (context.observed !== undefined && assumed.length > 0) {
          out['x-assumed-values'] = assumed;
          const seen = schema.values.filter((value) => !assumed.includes(value));
          out['description'] =
            `Published examples of this trigger show ${seen.length === 0 ? 'none of these values' : seen.join(', ')}; no published example shows ${assumed.join(', ')} (x-assumed-values).`;
        }
      }
      if (schema.pattern !== undefined) out['pattern'] = schema.pattern.source;
      return out;
    }
    case 'object':
      return {
        type: 'object',
        properties: Object.fromEntries(schema.keys.map(([key, child]) => [key, translate(child, `${path}.${key}`, context)])),
        required: schema.keys.map(([key]) => key),
        additionalProperties: false,
      };
    case 'map':
      return {
        description: "An object keyed by slug; [] when empty (PHP's json_encode writes an empty map as an empty array).",
        anyOf: [
          { type: 'object', additionalProperties: translate(schema.value, `${path}.*`, context) },
          { type: 'array', maxItems: 0 },
        ],
      };
    case 'array':
      return { type: 'array', items: translate(schema.item, `${path}[]`, context) };
    case 'emptyArray':
      return { type: 'array', maxItems: 0 };
    case 'oneOf':
      return {
        anyOf: schema.options.map(([label, option]) => {
          const branch: Record<string, unknown> = { title: label, ...translate(option, path, context) };
          if (context.observed !== undefined && !context.observed.has(`${path}=${label}`)) {
            branch['x-assumed'] = true;
            branch['description'] =
              typeof branch['description'] === 'string' ? `${ASSUMED_BRANCH} ${branch['description']}` : ASSUMED_BRANCH;
          }
          return branch;
        }),
      };
  }
}

/** `automation/<type>[.<variant>].json` or `webhooks/<EVENT>.v<version>.json`. */
export function jsonSchemaFileOf(trigger: TriggerDefinition): string {
  if (trigger.dialect === 'webhooks') return `webhooks/${trigger.wireName}.v${trigger.schemaVersion ?? 1}.json`;
  return `automation/${trigger.wireName}${trigger.variant === null ? '' : `.${trigger.variant}`}.json`;
}

const SOURCES: Readonly<Record<string, string>> = {
  automation: 'the payload systeme.io published in its help article (2021)',
  CONTACT: "the activepieces integration's samples and the REST API's contact (no delivery published)",
  SALE_NEW: 'a real delivery captured in 2026 and the activepieces integration',
  SALE_CANCELED: 'nothing published: assumed equal to SALE_NEW, as the activepieces integration assumes',
};

function describeTrigger(trigger: TriggerDefinition, assumed: boolean): string {
  const wire =
    trigger.dialect === 'automation'
      ? `Automation dialect (the rules' "call a webhook" action): the body's "type" is "${trigger.wireName}".`
      : `Webhooks dialect (Settings > Webhooks): x-webhook-event: ${trigger.wireName}, x-webhook-schema-version: ${trigger.schemaVersion ?? 1}.`;
  const source =
    SOURCES[trigger.dialect === 'automation' ? 'automation' : trigger.wireName.startsWith('CONTACT_') ? 'CONTACT' : trigger.wireName] ?? '';
  return [
    trigger.description,
    wire,
    `Shape from ${source}.`,
    assumed
      ? 'No published example exists: the whole shape is assumed (x-assumed).'
      : 'Alternatives no published example shows are marked x-assumed.',
    "Key order is not part of this schema (systeme.io's is not a contract). Generated from the systeme-mock catalog by `npm run schemas`: do not edit.",
  ].join(' ');
}

/**
 * The JSON Schema of one built-in trigger, with its `$id`, description and the assumed parts marked.
 * @example buildJsonSchema(getTrigger('SALE_NEW'))
 */
export function buildJsonSchema(trigger: TriggerDefinition): JsonSchema {
  const schema = (DOCUMENTED_SCHEMAS as Readonly<Record<string, Schema | undefined>>)[trigger.id];
  if (schema === undefined)
    throw new Error(`Failed to build the JSON Schema of ${trigger.id}: it has no documented schema. Only built-in triggers have one.`);
  const observed = listObservedAlternatives(trigger.id);
  const file = jsonSchemaFileOf(trigger);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${JSON_SCHEMA_BASE}${file}`,
    title: trigger.id,
    description: describeTrigger(trigger, observed === undefined),
    ...(observed === undefined ? { 'x-assumed': true } : {}),
    ...toJsonSchema(schema, observed),
  };
}

/** Every built-in trigger's JSON Schema, in catalog order: what `npm run schemas` writes to `schemas/`. */
export function buildJsonSchemas(): JsonSchemaFile[] {
  return BUILT_IN_TRIGGERS.map((trigger) => ({ file: jsonSchemaFileOf(trigger), trigger: trigger.id, schema: buildJsonSchema(trigger) }));
}
