import type { TriggerDefinition } from '../catalog/triggers.js';

/** Deeply optional version of a payload, for overrides. Arrays and scalars are replaced whole. */
export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> | null } : T;

export interface GeneratorOptions {
  /** Same seed, same bytes. Default: a random seed (reported on every event). */
  seed?: number | string | undefined;
  /**
   * The time of event 0; later events move forward a few seconds each. Default: derived from the seed
   * when one is given, otherwise the current time.
   */
  now?: Date | string | number | undefined;
  /** A folder of templates that add or replace triggers. */
  templatesDir?: string | undefined;
  /** CLI-style overrides: `data.customer.email=a@b.co`, the value parsed as JSON where valid. */
  set?: readonly string[] | undefined;
}

export interface GenerateOptions<P = unknown> extends GeneratorOptions {
  /** Which event of the seeded stream to produce: event i is the same alone or in a run. */
  index?: number | undefined;
  /** A deep partial merged over the rendered payload (applied before `set`). */
  overrides?: DeepPartial<P> | undefined;
}

/** One generated delivery: the payload object and its exact wire bytes. */
export interface GeneratedEvent<P = unknown> {
  readonly trigger: TriggerDefinition;
  readonly seed: string;
  readonly index: number;
  /** When systeme.io raised the event (`created_at` / `x-webhook-event-timestamp`). */
  readonly eventTime: Date;
  readonly payload: P;
  /** The exact body, as PHP's json_encode writes it. Pure ASCII: string length is byte length. */
  readonly body: string;
}
