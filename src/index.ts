// systeme-mock: plays systeme.io for the people who integrate with it.
// Exports are grouped by area; MSW handlers live behind `systeme-mock/msw` (msw is optional), and the
// signature helpers also have a lean entry of their own, `systeme-mock/signature`.

// Catalog: every documented trigger, both dialects.
export { BUILT_IN_TRIGGERS } from './catalog/triggers.js';
export { getTrigger, listTriggers, loadCatalog, suggestTriggers, BUILT_IN_TEMPLATES_DIR, Catalog } from './catalog/catalog.js';
export { DOCUMENTED_SCHEMAS } from './catalog/documented-schemas.js';
export { checkSchema, listAlternatives } from './catalog/schema.js';

// Generation: seeded, template-driven, byte-faithful.
export { generate, generateEvents, createGenerator, normalizeGeneratorOptions, validatePayload } from './generate/index.js';
export { writeFixtures, resolveFixtureTarget, fixtureName } from './generate/write-fixtures.js';
export { parseSetOverride } from './render/apply-overrides.js';

// Bytes: PHP's json_encode and ATOM dates.
export { encodePhpJson, encodePhpString, encodePhpNumber } from './encode/encode-php-json.js';
export { formatAtomDate, isAtomDate } from './encode/atom-date.js';

// Signatures (also at `systeme-mock/signature`).
export { signPayload, createPayloadSigner, verifySignature } from './signature/index.js';

// Errors.
export { SystemeMockError, UsageError, UnknownTriggerError, TemplateError, OverrideError, DeliveryError } from './errors.js';

// Delivery, the embedded inbox and load-firing: each area lists its own public API.
export * from './delivery/index.js';
export * from './receiver/index.js';
export * from './load/index.js';
export * from './report/index.js';

export type { BuiltInTriggerId, Dialect, TriggerDefinition } from './catalog/triggers.js';
export type { CatalogOptions, LoadedTrigger } from './catalog/catalog.js';
export type { Schema } from './catalog/schema.js';
export type * from './generate/index.js';
export type { FixtureFormat, FixtureTarget, WriteFixturesOptions, WriteFixturesResult } from './generate/write-fixtures.js';
export type { SetOverride } from './render/apply-overrides.js';
export type { FloatShape } from './encode/encode-php-json.js';
export type { PayloadBytes } from './signature/index.js';
export type { SystemeMockErrorOptions } from './errors.js';
