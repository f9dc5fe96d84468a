import type { ScopeOverrides } from '../world/event-scope.js';
import { getSeedGenerator } from './seed-world.js';

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
  /** The store's objects (contact, tag, course, ...): the template renders them where it names them. */
  scope?: ScopeOverrides | undefined;
  /** The user's deep partial, merged over the rendered payload by the generator's own merge. */
  overrides?: Record<string, unknown> | undefined;
}

/**
 * One event of the generators' world with the store's objects in its scope, the user's overrides merged
 * last, encoded as PHP would.
 */
export function renderEvent(triggerId: string, input: RenderEventInput): RenderedEvent {
  const event = getSeedGenerator(input.seed).event(triggerId, input.index, {
    at: input.at,
    scope: input.scope,
    overrides: input.overrides,
  });
  return { payload: event.payload as Record<string, unknown>, eventTime: event.eventTime, body: event.body };
}
