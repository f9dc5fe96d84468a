import { loadCatalog } from '../catalog/catalog.js';
import { encodePhpJson } from '../encode/encode-php-json.js';
import { createGenerator, type EventGenerator } from '../generate/index.js';

export interface RenderedEvent {
  body: string;
  payload: Record<string, unknown>;
  eventTime: Date;
}

export interface RenderEventInput {
  seed: number | string;
  index: number;
  /** The exact event time; default: the seeded stream's. */
  at?: Date | undefined;
  /** Values that replace whole subtrees (`['contact']` -> the store's contact), because a deep merge would keep generated keys. */
  replacements?: ReadonlyArray<readonly [path: readonly string[], value: unknown]> | undefined;
  /** The user's deep partial: validated by the generator and applied last, so it wins. */
  overrides?: Record<string, unknown> | undefined;
}

const generators = new Map<string, EventGenerator>();

function generatorFor(seed: number | string): EventGenerator {
  const key = String(seed);
  let generator = generators.get(key);
  if (generator === undefined) {
    generator = createGenerator({ seed });
    generators.set(key, generator);
  }
  return generator;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function mergeInPlace(target: Record<string, unknown>, partial: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(partial)) {
    if (value === undefined) continue;
    const current = target[key];
    if (isPlainObject(value) && isPlainObject(current)) mergeInPlace(current, value);
    else target[key] = structuredClone(value);
  }
}

/**
 * One event of the generators' world whose contact, tag, course... are replaced by the given objects,
 * encoded as PHP would. The bytes go through the same encoder and float shape as `generate()`.
 */
export function renderEvent(triggerId: string, input: RenderEventInput): RenderedEvent {
  const event = generatorFor(input.seed).event(triggerId, input.index, { at: input.at, overrides: input.overrides });
  const payload = event.payload as Record<string, unknown>;
  if (input.replacements !== undefined && input.replacements.length > 0) {
    for (const [path, value] of input.replacements) {
      let node: unknown = payload;
      for (const key of path.slice(0, -1)) node = isPlainObject(node) ? node[key] : undefined;
      // A custom template may lack the path; then there is nothing to make consistent.
      if (isPlainObject(node) && path.at(-1)! in node) node[path.at(-1)!] = structuredClone(value);
    }
    if (input.overrides !== undefined) mergeInPlace(payload, input.overrides);
    return { payload, eventTime: event.eventTime, body: encodePhpJson(payload, loadCatalog().get(triggerId).body.floats) };
  }
  return { payload, eventTime: event.eventTime, body: event.body };
}
