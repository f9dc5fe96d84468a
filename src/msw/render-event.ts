import { createGenerator, type EventGenerator } from '../generate/index.js';
import { isPlainObject } from '../render/apply-overrides.js';

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
  /** The store's objects to put in (`['contact']` -> the store's contact): they describe the API's state. */
  replacements?: ReadonlyArray<readonly [path: readonly string[], value: unknown]> | undefined;
  /** The user's deep partial, applied over the replacements, so it wins. */
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

/** Folds `[path, value]` replacements and the user's overrides into one deep partial (the user's last). */
function combineOverrides(input: RenderEventInput): Record<string, unknown> | undefined {
  if ((input.replacements?.length ?? 0) === 0) return input.overrides;
  const combined: Record<string, unknown> = {};
  for (const [path, value] of input.replacements!) {
    let node = combined;
    for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[path.at(-1)!] = structuredClone(value);
  }
  const mergeInto = (target: Record<string, unknown>, partial: Record<string, unknown>): void => {
    for (const [key, value] of Object.entries(partial)) {
      if (isPlainObject(value) && isPlainObject(target[key])) mergeInto(target[key] as Record<string, unknown>, value);
      else target[key] = value;
    }
  };
  if (input.overrides !== undefined) mergeInto(combined, input.overrides);
  return combined;
}

/**
 * One event of the generators' world with the store's contact, tag, course... put in, encoded as PHP
 * would. The generator applies the whole as overrides: objects it lays out key by key merge, values
 * that come whole from the world (a contact's `fields`) are replaced, so the payload describes exactly
 * the store's objects.
 */
export function renderEvent(triggerId: string, input: RenderEventInput): RenderedEvent {
  const event = generatorFor(input.seed).event(triggerId, input.index, { at: input.at, overrides: combineOverrides(input) });
  return { payload: event.payload as Record<string, unknown>, eventTime: event.eventTime, body: event.body };
}
