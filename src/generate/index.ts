export { createGenerator, generate, generateEvents, normalizeGeneratorOptions } from './generator.js';
export type { EventGenerator, EventOptions, GenerateEventsOptions, NormalizedGeneratorOptions } from './generator.js';
export { checkPayload, validatePayload } from './validate-payload.js';
export type { PayloadCheck, ValidatePayloadOptions } from './validate-payload.js';
export type * from './payloads.js';
export type * from './types.js';
