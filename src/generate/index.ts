export { createGenerator, generate, generateEvents, normalizeGeneratorOptions } from './generator.js';
export type { EventGenerator, EventOptions, GenerateEventsOptions, NormalizedGeneratorOptions } from './generator.js';
export { checkPayload, validatePayload } from '../catalog/validate-payload.js';
export type { PayloadCheck, ValidatePayloadOptions } from '../catalog/validate-payload.js';
export type * from '../catalog/payloads.js';
export type * from './types.js';
