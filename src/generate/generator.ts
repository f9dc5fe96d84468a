import { randomInt } from 'node:crypto';
import { loadCatalog, type Catalog } from '../catalog/catalog.js';
import type { ByteSink } from '../catalog/compile-template.js';
import type { BuiltInTriggerId, CheckedTriggerId, TriggerDefinition } from '../catalog/triggers.js';
import { encodePhpJson } from '../encode/encode-php-json.js';
import { OverrideError, UsageError } from '../errors.js';
import {
  applySetOverride,
  checkOverridePath,
  checkOverrideValue,
  isPlainObject,
  mergeOverrides,
  parseSetOverride,
  type SetOverride,
} from '../render/apply-overrides.js';
import { createEventScope, eventTimeOf, type ScopeOverrides } from '../world/event-scope.js';
import { Rng, streamKey } from '../world/random.js';
import type { PayloadOf } from '../catalog/payloads.js';
import type { DeepPartial, GeneratedEvent, GenerateOptions, GeneratorOptions } from './types.js';

/** Options after validation and defaults: everything downstream trusts them. */
export interface NormalizedGeneratorOptions {
  readonly seed: string;
  readonly nowMs: number;
  readonly templatesDir: string | undefined;
  readonly set: readonly SetOverride[];
}

const SECOND = 1000;
// Seeded runs are pinned to a day of 2025, so fixtures never hold dates in the future.
const SEEDED_EPOCH_MS = Date.UTC(2025, 0, 1);

function parseNow(now: Date | string | number): number {
  const ms = now instanceof Date ? now.getTime() : typeof now === 'number' ? now : Date.parse(now);
  if (!Number.isFinite(ms)) {
    throw new UsageError(`Failed to parse --now "${String(now)}": not a date. Pass an ISO date like 2026-01-15T09:30:00Z.`, 'BAD_NOW');
  }
  return Math.floor(ms / SECOND) * SECOND;
}

/** What a value is, for error messages: `null`, `an array`, `the number 1.5`, `the string "x"`. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' || typeof value === 'bigint') return `the ${typeof value} ${String(value)}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** The options argument of a public function: an object or nothing (JavaScript callers can pass anything). */
function checkOptionsObject(options: unknown, what: string): void {
  if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) {
    throw new UsageError(
      `Failed to ${what}: the options are ${describe(options)}, not an object. Pass an object like { seed: 7 }, or nothing.`,
      'BAD_OPTIONS',
    );
  }
}

function checkTriggerId(trigger: unknown): asserts trigger is string {
  if (typeof trigger !== 'string' || trigger.length === 0) {
    throw new UsageError(
      `Failed to generate an event: ${describe(trigger)} is not a trigger id. Pass one such as "SALE_NEW" ("systeme-mock list" shows them all).`,
      'BAD_TRIGGER',
    );
  }
}

/** A count or index of events: a whole number from 0 (NaN, -1, 1.5 and Infinity would run no or endless events). */
function checkWholeNumber(value: unknown, name: string, example: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new UsageError(
      `Failed to generate events: ${name} is ${describe(value)}, not a whole number from 0. Pass e.g. ${example}.`,
      'BAD_COUNT',
    );
  }
  return value;
}

/** Validates and defaults generator options in one place. */
export function normalizeGeneratorOptions(options: GeneratorOptions = {}): NormalizedGeneratorOptions {
  checkOptionsObject(options, 'generate events');
  const { seed: rawSeed } = options;
  if (rawSeed !== undefined && typeof rawSeed !== 'number' && typeof rawSeed !== 'string') {
    throw new UsageError(
      `Failed to use the seed: it is ${describe(rawSeed)}. Pass a number or a non-empty string, e.g. --seed 42.`,
      'BAD_SEED',
    );
  }
  if (options.now !== undefined && !(options.now instanceof Date) && typeof options.now !== 'string' && typeof options.now !== 'number') {
    throw new UsageError(
      `Failed to use now: it is ${describe(options.now)}. Pass a Date, an ISO date string or epoch milliseconds.`,
      'BAD_NOW',
    );
  }
  if (options.templatesDir !== undefined && typeof options.templatesDir !== 'string') {
    throw new UsageError(
      `Failed to use templatesDir: it is ${describe(options.templatesDir)}. Pass the path of a folder of templates.`,
      'TEMPLATES_DIR',
    );
  }
  if (options.set !== undefined && (!Array.isArray(options.set) || options.set.some((item) => typeof item !== 'string'))) {
    throw new UsageError(`Failed to use set: it must be a list of "path=value" strings. Pass e.g. ['data.order.id=5'].`, 'OVERRIDE');
  }
  if (rawSeed !== undefined && (typeof rawSeed === 'number' ? !Number.isFinite(rawSeed) : rawSeed.length === 0)) {
    throw new UsageError(
      `Failed to use seed "${String(rawSeed)}": a seed is a number or a non-empty string. Pass e.g. --seed 42.`,
      'BAD_SEED',
    );
  }
  const seed = rawSeed === undefined ? String(randomInt(1, 2 ** 31)) : String(rawSeed);
  let nowMs: number;
  if (options.now !== undefined) nowMs = parseNow(options.now);
  else if (rawSeed !== undefined) nowMs = SEEDED_EPOCH_MS + new Rng(streamKey(seed, 'now')).int(0, 364 * 86_400) * SECOND;
  else nowMs = Math.floor(Date.now() / SECOND) * SECOND;
  return { seed, nowMs, templatesDir: options.templatesDir, set: (options.set ?? []).map(parseSetOverride) };
}

/** A body (pure ASCII: PHP escapes the rest) appended to a sink, which grows when it must. */
function writeAsciiInto(sink: ByteSink, body: string): void {
  if (sink.pos + body.length > sink.buf.length) {
    const bigger = Buffer.allocUnsafe(sink.pos + body.length);
    bigger.set(sink.buf.subarray(0, sink.pos));
    sink.buf = bigger;
  }
  sink.pos += Buffer.from(sink.buf.buffer, sink.buf.byteOffset, sink.buf.length).write(body, sink.pos, 'latin1');
}

export interface EventOptions<P = unknown> {
  /** The exact event time (the load engine passes the send time, for fresh timestamps). */
  at?: Date | number | undefined;
  overrides?: DeepPartial<P> | undefined;
  /**
   * Objects to use instead of the world's (the MSW store's contact, tag, course): the template renders
   * them where it names them, in every dialect, so no payload path is patched afterwards.
   */
  scope?: ScopeOverrides | undefined;
}

/** A prepared generator: the catalog loaded and templates compiled once, for hot loops. */
export interface EventGenerator {
  readonly seed: string;
  /** The time of event 0. */
  readonly now: Date;
  trigger(id: string): TriggerDefinition;
  /** Event `index` of a trigger: a built-in id, `customTrigger('...')`, or a string known at run time. */
  event<T extends BuiltInTriggerId | (string & {})>(
    trigger: CheckedTriggerId<T>,
    index: number,
    options?: EventOptions<PayloadOf<T>>,
  ): GeneratedEvent<PayloadOf<T>>;
  /**
   * The same event's body bytes and time, without building its payload object: for loops that only
   * send or write bytes (the load engine). Always equal to `event(trigger, index, options).body`.
   */
  eventBody<T extends BuiltInTriggerId | (string & {})>(
    trigger: CheckedTriggerId<T>,
    index: number,
    options?: Pick<EventOptions, 'at' | 'scope'>,
  ): { body: string; eventTime: Date };
  /**
   * The same body bytes written into `sink` at `sink.pos` (which moves past them; `sink.buf` is
   * replaced by a bigger copy when they do not fit), for loops that put bodies straight into their
   * own buffers (the load engine's requests). Returns the event time in epoch milliseconds.
   */
  eventInto<T extends BuiltInTriggerId | (string & {})>(
    trigger: CheckedTriggerId<T>,
    index: number,
    options: Pick<EventOptions, 'at' | 'scope'>,
    sink: ByteSink,
  ): number;
}

/**
 * Prepares a seeded generator. Event i of trigger T is a pure function of (seed, now, T, i).
 * @example createGenerator({ seed: 7 }).event('SALE_NEW', 0).body
 */
export function createGenerator(options: GeneratorOptions = {}): EventGenerator {
  const normalized = normalizeGeneratorOptions(options);
  const catalog: Catalog = loadCatalog({ templatesDir: normalized.templatesDir });
  const checked = new Set<string>();
  // What every event needs before it is rendered: its index and trigger checked, its time, its world.
  function prepare(triggerId: string, index: number, at: Date | number | undefined, overrides?: ScopeOverrides) {
    checkTriggerId(triggerId);
    if (!Number.isSafeInteger(index) || index < 0) {
      throw new UsageError(
        `Failed to generate event ${String(index)}: an index is a whole number from 0. Pass e.g. --index 500.`,
        'BAD_INDEX',
      );
    }
    const { definition, body } = catalog.get(triggerId);
    if (!checked.has(triggerId)) {
      for (const override of normalized.set) checkOverridePath(override.path, body.paths, triggerId);
      checked.add(triggerId);
    }
    const atMs =
      at === undefined ? undefined : at instanceof Date || typeof at === 'number' || typeof at === 'string' ? new Date(at).getTime() : NaN;
    if (atMs !== undefined && !Number.isFinite(atMs)) {
      throw new UsageError(
        `Failed to generate event ${index}: "at" is ${describe(at)}, not a valid time. Pass a Date, an ISO date or epoch milliseconds.`,
        'BAD_TIME',
      );
    }
    const { effects } = definition;
    const eventTimeMs = eventTimeOf({ seed: normalized.seed, index, effects, worldNowMs: normalized.nowMs, atMs });
    const scope = createEventScope({ seed: normalized.seed, index, effects, eventTimeMs, worldNowMs: normalized.nowMs }, overrides);
    return { definition, body, scope, eventTimeMs };
  }

  return {
    seed: normalized.seed,
    now: new Date(normalized.nowMs),
    trigger: (id) => {
      checkTriggerId(id);
      return catalog.get(id).definition;
    },
    eventBody(triggerId, index, eventOptions = {}) {
      // --set overrides change the object, so the bytes come from it, as in event().
      if (normalized.set.length > 0) {
        const { body, eventTime } = this.event(triggerId, index, eventOptions);
        return { body, eventTime };
      }
      const { body, scope, eventTimeMs } = prepare(triggerId, index, eventOptions.at, eventOptions.scope);
      return { body: body.renderBytes(scope), eventTime: new Date(eventTimeMs) };
    },
    eventInto(triggerId, index, eventOptions, sink) {
      if (normalized.set.length > 0) {
        const { body, eventTime } = this.event(triggerId, index, eventOptions);
        writeAsciiInto(sink, body);
        return eventTime.getTime();
      }
      const { body, scope, eventTimeMs } = prepare(triggerId, index, eventOptions.at, eventOptions.scope);
      body.renderInto(scope, sink);
      return eventTimeMs;
    },
    event<T extends BuiltInTriggerId | (string & {})>(
      triggerId: CheckedTriggerId<T>,
      index: number,
      eventOptions: EventOptions<PayloadOf<T>> = {},
    ) {
      const { definition, body, scope, eventTimeMs } = prepare(triggerId, index, eventOptions.at, eventOptions.scope);
      const payload = body.render(scope) as Record<string, unknown>;
      const overridden = eventOptions.overrides !== undefined || normalized.set.length > 0;
      if (eventOptions.overrides !== undefined) {
        if (!isPlainObject(eventOptions.overrides)) {
          throw new OverrideError(
            '',
            `Failed to apply overrides to ${triggerId}: they are ${describe(eventOptions.overrides)}, not an object. Pass a deep partial of the payload, like { customer: { email: 'a@b.co' } }.`,
          );
        }
        checkOverrideValue(eventOptions.overrides, []);
        mergeOverrides(payload, eventOptions.overrides as Record<string, unknown>, body.paths, triggerId);
      }
      for (const override of normalized.set) applySetOverride(payload, override, triggerId, index);
      return {
        trigger: definition,
        seed: normalized.seed,
        index,
        eventTime: new Date(eventTimeMs),
        payload: payload as PayloadOf<T>,
        // Untouched payloads go straight from the world to bytes (the template compiled to strings);
        // an overridden one is encoded from the object. Tests hold both paths byte-equal.
        body: overridden ? encodePhpJson(payload, body.floats) : body.renderBytes(scope),
      };
    },
  };
}

/**
 * Generates one event, typed by its trigger; a typo in a literal id does not compile (see customTrigger).
 * @example generate('SALE_NEW', { seed: 1 }).payload.customer.email
 */
export function generate<T extends BuiltInTriggerId | (string & {})>(
  trigger: CheckedTriggerId<T>,
  options: GenerateOptions<PayloadOf<T>> = {},
): GeneratedEvent<PayloadOf<T>> {
  checkTriggerId(trigger);
  checkOptionsObject(options, `generate ${trigger}`);
  return createGenerator(options).event<T>(trigger, options.index ?? 0, { overrides: options.overrides });
}

export interface GenerateEventsOptions extends GeneratorOptions {
  /** Events per trigger. */
  count: number;
  /** The index of the first event (default 0): workers take disjoint ranges. */
  startIndex?: number | undefined;
}

/**
 * A lazy stream of events in index order: index 0 of every trigger, then index 1, ... Constant memory.
 * Events of one trigger come in time order; across triggers a cancellation is dated days after its sale.
 * @example for (const event of generateEvents(['SALE_NEW'], { count: 1000, seed: 7 })) write(event.body)
 */
export function generateEvents<T extends BuiltInTriggerId | (string & {})>(
  triggers: readonly CheckedTriggerId<T>[],
  options: GenerateEventsOptions,
): Generator<GeneratedEvent> {
  // Checked here, at the call, not at the first next(): a generator function's body runs only then.
  if (!Array.isArray(triggers)) {
    throw new UsageError(
      `Failed to generate events: the triggers are ${describe(triggers)}, not a list. Pass e.g. ['SALE_NEW'].`,
      'BAD_TRIGGER',
    );
  }
  if (options === undefined) throw new UsageError('Failed to generate events: no options. Pass at least { count: 10 }.', 'BAD_OPTIONS');
  checkOptionsObject(options, 'generate events');
  const count = checkWholeNumber(options.count, 'count', 'count: 10');
  const start = checkWholeNumber(options.startIndex ?? 0, 'startIndex', 'startIndex: 0');
  if (!Number.isSafeInteger(start + count)) {
    throw new UsageError(
      `Failed to generate events: startIndex + count is past ${Number.MAX_SAFE_INTEGER}. Pass smaller numbers.`,
      'BAD_COUNT',
    );
  }
  const generator = createGenerator(options);
  for (const trigger of triggers) generator.trigger(trigger); // fail fast on an unknown id
  return streamEvents(generator, triggers, start, start + count);
}

function* streamEvents(generator: EventGenerator, triggers: readonly string[], start: number, end: number): Generator<GeneratedEvent> {
  for (let index = start; index < end; index++) {
    for (const trigger of triggers) yield generator.event(trigger, index);
  }
}
